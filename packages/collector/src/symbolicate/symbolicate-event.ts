import type { SentryEvent, StackFrame, Stacktrace } from '../event';
import { candidateNames } from './candidate-names';
import { deepCopy } from './deep-copy';
import { createNotes, type Notes } from './notes';
import { resolveFile, type ResolveContext, type ResolvedFile } from './resolve-file';
import type { SourceMapCache } from './source-map-cache';
import { symbolicateFrame, unsymbolicated, type MappedFrame } from './symbolicate-frame';
import type { ArtifactLookup } from './types';

/** Frames mapped per event, newest first; older ones stay as sent. Bounds the work a hostile event can ask for. */
const MAX_FRAMES = 250;
/** Platforms whose frames are JavaScript; events of other platforms are left alone. */
const JS_PLATFORMS = new Set([undefined, 'javascript', 'node']);

interface Holder {
  stacktrace?: Stacktrace;
  raw_stacktrace?: Stacktrace;
  [key: string]: unknown;
}

/**
 * Symbolicates an event in place: each exception's stack trace (and a top-level `stacktrace`) in
 * which at least one frame maps keeps a deep copy of the SDK's frames as `raw_stacktrace` and gets
 * mapped copies in `stacktrace.frames` (frames that did not map: as sent, `data.symbolicated: false`).
 * A trace where nothing maps stays as sent. Every failed lookup becomes a note in `event.errors`,
 * once per problem and file; this never throws.
 */
export function symbolicateEvent(event: SentryEvent, lookup: ArtifactLookup, cache: SourceMapCache): void {
  if (!event || typeof event !== 'object' || !JS_PLATFORMS.has(event.platform)) return;
  const notes = createNotes(event);
  const ctx: ResolveContext = { event, lookup, cache, notes };
  const files = new Map<string, ResolvedFile | undefined>();
  const budget = { frames: MAX_FRAMES };
  const values = Array.isArray(event.exception?.values) ? event.exception.values : [];
  // Exceptions are listed oldest cause first; the last is the one thrown, so it gets the budget first.
  const holders: Holder[] = [...values].reverse().filter(isObject);
  if (isObject(event.stacktrace)) holders.push(event as Holder);
  for (const holder of holders) {
    try {
      symbolicateHolder(holder, ctx, files, budget);
    } catch (e) {
      // Not expected: every step guards its input. Say so rather than lose the event.
      notes.add({ type: 'unknown_error', message: `symbolication stopped on a stack trace: ${String((e as Error)?.message ?? e).slice(0, 200)}` });
    }
  }
}

function symbolicateHolder(holder: Holder, ctx: ResolveContext, files: Map<string, ResolvedFile | undefined>, budget: { frames: number }): void {
  // Symbolicating twice starts again from the SDK's frames.
  const source = isObject(holder.raw_stacktrace) && Array.isArray(holder.raw_stacktrace.frames) ? holder.raw_stacktrace : holder.stacktrace;
  if (!isObject(source) || !Array.isArray(source.frames) || !source.frames.length) return;
  // Mapped frames are new objects, so the SDK's are never changed; the deep copy for
  // raw_stacktrace is made only when something mapped. A re-run maps a copy of the old raw frames.
  const rerun = source === holder.raw_stacktrace;
  const work = rerun ? deepCopy(source) : source;
  const frames = work.frames as unknown[];
  // Per frame: its mapping, or undefined when it did not map (or was not tried: past the budget, not an object).
  const mapped: Array<MappedFrame | undefined> = new Array(frames.length);
  let tried = frames.length;
  let any = false;
  for (let i = frames.length - 1; i >= 0 && budget.frames > 0; i--) {
    tried = i;
    const frame = frames[i];
    if (!isObject(frame)) continue;
    budget.frames--;
    const m = mapFrame(frame as StackFrame, ctx, files);
    if (m) {
      mapped[i] = m;
      any = true;
    }
  }
  // Nothing mapped: the trace stays exactly as sent, without a raw copy (as Sentry does).
  if (!any) {
    if (rerun) {
      holder.stacktrace = source;
      delete holder.raw_stacktrace;
    }
    return;
  }
  // Frames that were tried and did not map are marked, in copies; older ones past the budget stay as sent.
  const out = frames.map((f, i) => mapped[i]?.frame ?? (i >= tried && isObject(f) ? unsymbolicated(f as StackFrame) : f)) as StackFrame[];
  // A frame's position is a call site: its token names the function the next (newer) frame runs.
  // It names frames whose minified function's declaration could not be found.
  for (let i = 1; i < out.length; i++) {
    const callee = mapped[i - 1]?.callee;
    if (callee && mapped[i] && !mapped[i]!.named) out[i].function = callee;
  }
  if (!rerun) holder.raw_stacktrace = deepCopy(source);
  holder.stacktrace = { ...work, frames: out };
}

/** The frame mapped, or undefined when it cannot be (every reason why is a note, except for frames without a file). */
function mapFrame(frame: StackFrame, ctx: ResolveContext, files: Map<string, ResolvedFile | undefined>): MappedFrame | undefined {
  const filename = typeof frame.filename === 'string' ? frame.filename : undefined;
  const url = typeof frame.abs_path === 'string' && frame.abs_path ? frame.abs_path : filename;
  // Frames without a file (native code, eval, `<anonymous>`) have nothing to look up and get no note.
  if (!url || (frame.platform !== undefined && !JS_PLATFORMS.has(frame.platform as string))) return undefined;
  if (!files.has(url)) files.set(url, candidateNames(url).length ? guarded(ctx.notes, url, () => resolveFile(url, filename, ctx)) : undefined);
  const file = files.get(url);
  if (!file) return undefined;
  const m = guarded(ctx.notes, url, () => symbolicateFrame(frame, file, url, ctx.notes));
  return m?.frame.data?.symbolicated ? m : undefined;
}

/** Runs a lookup step; an exception (a storage error, say) becomes a note on the file. */
function guarded<T>(notes: Notes, url: string, step: () => T): T | undefined {
  try {
    return step();
  } catch (e) {
    notes.add({ type: 'js_generic_fetch_error', url, message: `reading the files for ${url} failed: ${String((e as Error)?.message ?? e).slice(0, 200)}` });
    return undefined;
  }
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
