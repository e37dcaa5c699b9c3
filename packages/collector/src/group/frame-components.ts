import type { StackFrame } from '../event';

/** `Object.checkout` → `checkout`, `HTMLButtonElement.<anonymous>` → `<anonymous>`: engines name the same function differently. */
export function trimFunction(name: string): string {
  // Chrome's `async `/`new ` prefixes and Firefox's `checkout/<` inner-function marks do not
  // change which function it is.
  let fn = name.trim().replace(/^(?:async|new)\s+/, '').replace(/\/<.*$/, '').replace(/\s*\[as [^\]]*\]$/, '');
  if (fn.endsWith('<anonymous>')) return '<anonymous>';
  const dot = fn.lastIndexOf('.');
  if (dot >= 0) fn = fn.slice(dot + 1);
  return fn;
}

const IGNORED_FUNCTIONS = new Set(['?', '<anonymous>', 'anonymous', '']);

/** The file part of a frame: its basename, lowercased, without query or fragment. */
export function fileComponent(frame: StackFrame): string | undefined {
  const file = frame.filename || frame.abs_path;
  if (typeof file != 'string' || !file) return undefined;
  const path = file.replace(/[?#].*$/, '');
  return path.slice(path.lastIndexOf('/') + 1).toLowerCase() || undefined;
}

/** Frames that say nothing about the code: native, eval'd, or with no file at all. */
function isNoise(frame: StackFrame): boolean {
  const file = String(frame.filename || frame.abs_path || '');
  return !file || file == '<anonymous>' || file == 'native' || file == '[native code]' || /\beval\b|<eval>/.test(file);
}

/**
 * What one frame contributes to the hash (Sentry's newstyle JS strategy): its module, else its
 * file's basename (the module wins over a URL), plus the trimmed function name when it has one.
 * Line and column never count, so the same code groups the same in every browser and build.
 */
export function frameComponent(frame: StackFrame): string | undefined {
  if (isNoise(frame)) return undefined;
  const fn = typeof frame.function == 'string' ? trimFunction(frame.function) : '';
  const location = typeof frame.module == 'string' && frame.module ? frame.module : fileComponent(frame);
  if (!location) return undefined;
  return IGNORED_FUNCTIONS.has(fn) ? location : `${location}:${fn}`;
}
