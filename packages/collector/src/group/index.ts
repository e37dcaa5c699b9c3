import { createHash } from 'node:crypto';
import type { SentryEvent, StackFrame } from '../event';
import { frameComponent } from './frame-components';
import { normalizeValue } from './normalize-value';
import { culpritFrame, culpritOf, mainException, messageOf, titleOf } from './title-culprit';

export interface Grouping {
  /** 32 hex chars (md5, like Sentry's hashes): events with the same hash are one issue. */
  hash: string;
  /** What produced the hash: `fingerprint`, `stacktrace`, `exception`, `message` or `fallback`. */
  method: string;
  title: string;
  culprit: string;
  metadata: { type?: string; value?: string; filename?: string; function?: string; title?: string };
}

const md5 = (parts: unknown) => createHash('md5').update(JSON.stringify(parts)).digest('hex');

function framesComponents(frames: StackFrame[], inAppOnly: boolean): string[] {
  const out: string[] = [];
  for (const f of frames) {
    if (inAppOnly && f.in_app !== true) continue;
    const c = frameComponent(f);
    if (c) out.push(c);
  }
  return out;
}

/**
 * The default hash components, Sentry's order: the exception chain's stack frames (in-app ones
 * only when there are any: the app variant), else exception types and normalised values, else
 * the normalised message.
 */
function defaultComponents(event: SentryEvent): { method: string; components: unknown[] } {
  const values = event.exception?.values || [];
  const stacks = values.map((v) => v.stacktrace?.frames || []);
  if (!values.length && event.stacktrace?.frames) stacks.push(event.stacktrace.frames);
  const hasInApp = stacks.some((frames) => framesComponents(frames, true).length > 0);
  const frameParts = stacks.map((frames) => framesComponents(frames, hasInApp));
  if (frameParts.some((p) => p.length)) {
    return { method: 'stacktrace', components: values.length ? values.map((v, i) => [v.type || '', frameParts[i]]) : frameParts };
  }
  if (values.some((v) => v.type || v.value)) {
    return { method: 'exception', components: values.map((v) => [v.type || '', normalizeValue(String(v.value || ''))]) };
  }
  const message = messageOf(event);
  if (message) return { method: 'message', components: [normalizeValue(message)] };
  return { method: 'fallback', components: [] };
}

const DEFAULT_MARKER = /^\{\{\s*default\s*\}\}$/;

const isObject = (v: unknown): v is Record<string, unknown> => !!v && typeof v == 'object';
const framesOf = (s: { frames?: unknown } | undefined) => (s && Array.isArray(s.frames) ? (s.frames.filter(isObject) as StackFrame[]) : undefined);

/** Only objects where objects belong: grouping reads what normalisation left, and never throws on it. */
function sanitize(event: SentryEvent): SentryEvent {
  const values = Array.isArray(event.exception?.values) ? event.exception.values.filter(isObject) : undefined;
  return {
    ...event,
    exception: values && { values: values.map((v) => ({ ...v, stacktrace: isObject(v.stacktrace) ? { ...v.stacktrace, frames: framesOf(v.stacktrace) } : undefined })) },
    stacktrace: isObject(event.stacktrace) ? { ...event.stacktrace, frames: framesOf(event.stacktrace) } : undefined,
  };
}

/** Groups an event (after symbolication: minified frames group badly) and names its issue. */
export function groupEvent(input: SentryEvent): Grouping {
  const event = sanitize(input);
  let method: string;
  let components: unknown[];
  const fingerprint = Array.isArray(event.fingerprint) ? event.fingerprint.map(String) : [];
  if (fingerprint.length && !(fingerprint.length == 1 && DEFAULT_MARKER.test(fingerprint[0]))) {
    const defaults = fingerprint.some((f) => DEFAULT_MARKER.test(f)) ? defaultComponents(event) : undefined;
    method = 'fingerprint';
    components = fingerprint.map((f) => (DEFAULT_MARKER.test(f) ? defaults!.components : f));
  } else {
    ({ method, components } = defaultComponents(event));
  }

  const exception = mainException(event);
  const frame = culpritFrame(event);
  const title = titleOf(event);
  const metadata: Grouping['metadata'] = exception
    ? { type: exception.type, value: exception.value?.slice(0, 200), filename: frame?.filename, function: frame?.function }
    : { title };
  return { hash: md5([method, components]), method, title, culprit: culpritOf(event), metadata };
}
