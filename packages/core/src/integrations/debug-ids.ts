import { parseStack } from '../stack';
import type { DebugImage, Integration } from '../types';

type DebugIdMap = Record<string, string>;

/**
 * Bundler plugins register each output file's debug ID under the stack of an Error made in
 * that file (`_sentryDebugIds[stack] = id`). The file is that stack's innermost frame. Parsed
 * once per stack: the map only grows.
 */
const parsed = new Map<string, string | undefined>();

function fileOfStack(stack: string): string | undefined {
  if (!parsed.has(stack)) parsed.set(stack, parseStack({ stack }).pop()?.filename);
  return parsed.get(stack);
}

/** Lists the debug IDs of the files in an event's stacks in `debug_meta`, so servers find their source maps. */
export const debugIdsIntegration = (): Integration => ({
  name: 'DebugIds',
  processEvent(event) {
    const ids = (globalThis as { _sentryDebugIds?: DebugIdMap })._sentryDebugIds;
    if (!ids || typeof ids != 'object') return event;
    const byFile: Record<string, string> = {};
    for (const stack in ids) {
      const file = fileOfStack(stack);
      if (file) byFile[file] = ids[stack];
    }
    // Each file once, in the order its frames come.
    const files = new Set<string>();
    for (const exception of (event.exception?.values) || []) {
      for (const frame of (exception.stacktrace?.frames) || []) {
        const file = frame.abs_path || frame.filename;
        if (file && byFile[file]) files.add(file);
      }
    }
    const images: DebugImage[] = [...files].map((file) => ({ type: 'sourcemap', code_file: file, debug_id: byFile[file] }));
    if (images.length) event.debug_meta = { images: [...((event.debug_meta?.images) || []), ...images] };
    return event;
  },
});
