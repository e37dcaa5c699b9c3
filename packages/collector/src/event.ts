// The parts of a Sentry event the collector reads and writes. Everything else an SDK sends is
// kept as it came (index signatures): the stored event is the SDK's event plus what processing adds.

export interface StackFrame {
  filename?: string;
  abs_path?: string;
  module?: string;
  function?: string;
  lineno?: number;
  colno?: number;
  in_app?: boolean;
  pre_context?: string[];
  context_line?: string;
  post_context?: string[];
  /** Added by symbolication: where the frame was resolved from. */
  data?: { sourcemap?: string; resolved_with?: string; symbolicated?: boolean; [key: string]: unknown };
  [key: string]: unknown;
}

export interface Stacktrace {
  frames?: StackFrame[];
  [key: string]: unknown;
}

export interface ExceptionValue {
  type?: string;
  value?: string;
  module?: string;
  mechanism?: { type?: string; handled?: boolean; [key: string]: unknown };
  stacktrace?: Stacktrace;
  /** Added by symbolication: the frames as the SDK sent them (minified). */
  raw_stacktrace?: Stacktrace;
  [key: string]: unknown;
}

export interface DebugImage {
  type?: string;
  code_file?: string;
  debug_id?: string;
  [key: string]: unknown;
}

/** A processing problem recorded on the event, as Sentry's `errors` entries (`js_no_source`, …). */
export interface ProcessingError {
  type: string;
  /** What the user should do or know, in a sentence. */
  message: string;
  url?: string;
  [key: string]: unknown;
}

export interface SentryEvent {
  event_id: string;
  timestamp?: number | string;
  platform?: string;
  level?: string;
  logger?: string;
  release?: string;
  dist?: string;
  environment?: string;
  message?: string | { formatted?: string; message?: string; params?: unknown[] };
  logentry?: { formatted?: string; message?: string; params?: unknown[] };
  fingerprint?: string[];
  exception?: { values?: ExceptionValue[] };
  stacktrace?: Stacktrace;
  debug_meta?: { images?: DebugImage[] };
  user?: { id?: string | number; email?: string; ip_address?: string; username?: string; [key: string]: unknown };
  request?: { url?: string; method?: string; headers?: Record<string, string> | Array<[string, string]>; [key: string]: unknown };
  tags?: Record<string, string> | Array<[string, string]>;
  contexts?: Record<string, Record<string, unknown>>;
  sdk?: { name?: string; version?: string; [key: string]: unknown };
  errors?: ProcessingError[];
  [key: string]: unknown;
}

/**
 * A shallow copy of a parsed-JSON object, like `{ ...value }`. Spread copies are fast, but every
 * property added to one afterwards is slow in V8 (about 1 µs each, Node 20), and processing adds
 * fields to nearly every frame and event it copies; a copy built key by key takes them cheaply.
 * A `__proto__` key (JSON.parse makes it an own property) is defined, never assigned, as spread does.
 */
export function copyRecord<T extends object>(value: T): T {
  const out: Record<string, unknown> = {};
  for (const key in value) {
    if (key === '__proto__') Object.defineProperty(out, key, { value: value[key], enumerable: true, writable: true, configurable: true });
    else out[key] = value[key];
  }
  return out as T;
}
