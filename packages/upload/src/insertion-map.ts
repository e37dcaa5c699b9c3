import type { Injected } from './debug-ids';
import { encodeVlq } from './vlq';

/** A source map object as bundlers take it from a plugin's transform. */
export interface InsertionMap {
  version: 3;
  file?: string;
  sources: string[];
  names: string[];
  mappings: string;
}

const WORD = /[\w$]/;
const SPACE = /\s/;

/**
 * The map of a debug-ID injection (`injectDebugIdIntoCode`) from the code before to the code
 * after, for a bundler that composes it with the chunk's own map (Rollup's `renderChunk`).
 * Every token start keeps its position, moved past the snippet on the line it went into: a map
 * with one segment per line would lose the columns of a minified file, which is one line.
 * The `//# debugId=` comment added at the end maps to nothing.
 */
export function insertionSourceMap(before: string, at: Injected['at'], file?: string): InsertionMap {
  const lines = before.split('\n');
  const out: string[] = [];
  let previousLine = 0;
  let previousColumn = 0;
  for (let line = 0; line < lines.length; line++) {
    const text = lines[line];
    const shift = at && at.line == line ? at : undefined;
    const segments: string[] = [];
    let generatedColumn = 0;
    for (let column = 0; column < text.length; column++) {
      const c = text[column];
      const p = text[column - 1];
      const starts = column == 0 || (!SPACE.test(c) && (SPACE.test(p) || !WORD.test(c) || !WORD.test(p)));
      if (!starts) continue;
      const generated = column + (shift && column >= shift.column ? shift.length : 0);
      segments.push(encodeVlq(generated - generatedColumn) + 'A' + encodeVlq(line - previousLine) + encodeVlq(column - previousColumn));
      generatedColumn = generated;
      previousLine = line;
      previousColumn = column;
    }
    out.push(segments.join(','));
  }
  return { version: 3, file, sources: [file || ''], names: [], mappings: out.join(';') };
}
