import { copyRecord, type StackFrame } from '../event';
import type { Notes } from './notes';
import type { ResolvedFile } from './resolve-file';

export interface MappedFrame {
  frame: StackFrame;
  /** True when `frame.function` came from the minified function's own declaration. */
  named?: boolean;
  /**
   * The original identifier the map names at the frame's position. That position is a call site,
   * so this names the function the next (newer) frame runs: Sentry's "caller's token".
   */
  callee?: string;
}

/** The SDK's frame, marked as not symbolicated (all other fields as sent). */
export function unsymbolicated(frame: StackFrame): StackFrame {
  const out = copyRecord(frame);
  const data = copyRecord(dataOf(frame));
  data.symbolicated = false;
  out.data = data;
  return out;
}

/**
 * Maps one minified frame through its file's map. Sentry frames have a 1-based `lineno` and a
 * 1-based `colno`; trace-mapping takes and returns a 1-based line and a 0-based column.
 */
export function symbolicateFrame(frame: StackFrame, file: ResolvedFile, url: string, notes: Notes): MappedFrame {
  const { lineno, colno } = frame;
  if (!isPositive(colno)) {
    notes.add({ type: 'js_no_column', url, message: `a frame in ${url} has no column number, so it cannot be mapped: minified code needs columns (every current browser reports them)` });
    return { frame: unsymbolicated(frame) };
  }
  const pos = isPositive(lineno) ? file.parsed.position(lineno, colno - 1) : undefined;
  if (!pos) {
    notes.add({
      type: 'js_invalid_sourcemap_location', url, sourcemap: file.mapName, line: lineno, column: colno,
      message: `${file.mapName} maps nothing at line ${String(lineno)}, column ${colno} of ${url}: the map may be from another build of the file`,
    });
    return { frame: unsymbolicated(frame) };
  }
  const source = pos.source;
  const where = file.place(source, pos.sourceIndex);
  // The SDK's context (if any) was of the minified file: it is dropped, not copied.
  const out = hasContext(frame) ? withoutContext(frame) : copyRecord(frame);
  out.filename = where.filename;
  out.abs_path = where.absPath;
  out.lineno = pos.line;
  out.colno = pos.column + 1;
  out.in_app = where.library ? false : typeof frame.in_app === 'boolean' ? frame.in_app : true;
  const context = pos.context;
  if (context) {
    // Copies: the position's context is shared with every other event that maps there.
    out.pre_context = context.pre_context.slice();
    out.context_line = context.context_line;
    out.post_context = context.post_context.slice();
  } else if (!pos.hasContent) {
    notes.add({
      type: 'js_missing_sources_content', url, sourcemap: file.mapName, source,
      message: `the map ${file.mapName} has no sourcesContent for ${source} (and maybe other sources): frames are mapped but show no source lines (build with sourcesContent)`,
    });
  }
  const name = declaredName(file, frame, lineno!, colno - 1, url, notes);
  if (name) out.function = name;
  const data = copyRecord(dataOf(frame));
  data.sourcemap = file.mapName;
  data.resolved_with = file.resolvedWith;
  data.symbolicated = true;
  out.data = data;
  const mapped: MappedFrame = { frame: out };
  if (name) mapped.named = true;
  if (pos.name) mapped.callee = pos.name;
  return mapped;
}

const hasContext = (frame: StackFrame) => 'pre_context' in frame || 'context_line' in frame || 'post_context' in frame;

function withoutContext(frame: StackFrame): StackFrame {
  const out = copyRecord(frame);
  delete out.pre_context;
  delete out.context_line;
  delete out.post_context;
  return out;
}

/**
 * The original name of the function declared as the frame's minified `function`. The frame is
 * mapped either way: failing to read the minified file only costs the name (and leaves a note).
 */
function declaredName(file: ResolvedFile, frame: StackFrame, line: number, column: number, url: string, notes: Notes): string | undefined {
  if (typeof frame.function !== 'string' || !frame.function) return undefined;
  try {
    const minified = file.minified();
    return minified?.functionName(file.parsed.map, line, column, frame.function);
  } catch (e) {
    notes.add({ type: 'js_generic_fetch_error', url, message: `reading the minified file for ${url} failed, so frames keep their minified function names: ${String((e as Error)?.message ?? e).slice(0, 200)}` });
    return undefined;
  }
}

const isPositive = (n: unknown): n is number => typeof n === 'number' && Number.isInteger(n) && n >= 1;
const dataOf = (frame: StackFrame): NonNullable<StackFrame['data']> => (frame.data && typeof frame.data === 'object' && !Array.isArray(frame.data) ? frame.data : {});
