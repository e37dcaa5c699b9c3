import type { StackFrame } from '../event';
import { groupingFunctionName } from './function-name';
import { asString } from './safe-read';

/** What one frame adds to the hash: where (module or file basename) and the function. */
export type FrameComponent = [where: string | null, fn: string | null];

// Frames that differ between browsers for the same code (Safari's `[native code]` for forEach,
// Chrome's `<anonymous>` / `native` built-ins, eval'd code) are left out of the hash entirely.
const LOW_QUALITY_PATHS = new Set(['[native code]', 'native code', 'eval code', '<anonymous>', 'native']);

const isLowQualityPath = (path: string | undefined): boolean =>
  path !== undefined && (LOW_QUALITY_PATHS.has(path) || path.includes(' > eval'));

/** Sentry's URL origins: such paths say where the bundle was served, not which source file. */
export const isUrl = (path: string | undefined): boolean => !!path && /^(?:https?|blob|applewebdata|file):/.test(path);

/**
 * A frame's grouping component, or undefined when it contributes nothing. Line and column
 * numbers are never read: they differ between browsers and builds for the same source line.
 */
export function frameComponent(frame: StackFrame): FrameComponent | undefined {
  const absPath = asString(frame.abs_path);
  const filename = asString(frame.filename);
  const fn = groupingFunctionName(asString(frame.function));
  if (fn === 'eval' || isLowQualityPath(absPath) || isLowQualityPath(filename)) return undefined;
  // The module, when it is a real one, takes precedence over the file, as in Sentry.
  const where = moduleOf(asString(frame.module), absPath) ?? basename(filename);
  return where || fn ? [where ?? null, fn ?? null] : undefined;
}

function moduleOf(module: string | undefined, absPath: string | undefined): string | undefined {
  // Sentry ignores a "module" that is just the tail of the path (some JS SDKs send that).
  if (!module || (module.includes('/') && absPath?.endsWith(module))) return undefined;
  return module;
}

/** `src/components/Cart.vue?v=3` → `cart.vue`: the directory layout and query may change per build. */
function basename(filename: string | undefined): string | undefined {
  if (!filename) return undefined;
  // indexOf rather than regex splits: this runs for every frame of every event.
  const query = filename.indexOf('?');
  const hash = filename.indexOf('#');
  const end = query < 0 ? hash : hash < 0 ? query : Math.min(query, hash);
  const path = end < 0 ? filename : filename.slice(0, end);
  const name = path.slice(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1).toLowerCase();
  return name || undefined;
}
