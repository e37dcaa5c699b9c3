import type { TraceMap } from '@jridgewell/trace-mapping';
import { indexDeclarations, originalFunctionName, type DeclarationIndex } from './original-function';

/** A minified file in lines, for its sourceMappingURL comment and original function names. */
export interface MinifiedFile {
  readonly lines: readonly string[];
  /** Its function declarations, indexed on first use. */
  declarations(): DeclarationIndex;
  /**
   * The original name of the function `minifiedName`, for a frame at `line` (1-based) and
   * `column` (0-based), through `map` (see `originalFunctionName`); remembered per position.
   */
  functionName(map: TraceMap, line: number, column: number, minifiedName: string): string | undefined;
}

/** Names remembered per file: errors repeat, so most frames ask again. Past this, new ones are not kept. */
const MAX_NAMES = 50_000;
/** Longer names (from events) are looked up each time rather than kept. */
const MAX_NAME_CHARS = 256;

/** Splits a minified file; `grow` is told the size of the declaration index and of remembered names. */
export function createMinifiedFile(text: string, grow: (chars: number) => void): MinifiedFile {
  const lines = text.split(/\r\n|\r|\n/);
  let index: DeclarationIndex | undefined;
  const names = new Map<string, string | null>();
  // The names are those of one map; a file served with another map (unusual) starts them again.
  let namesMap: TraceMap | undefined;
  const file: MinifiedFile = {
    lines,
    declarations() {
      if (!index) {
        index = indexDeclarations(lines);
        // About 8 bytes a number, two numbers a declaration, and each name once.
        let chars = 0;
        for (const [name, at] of index) chars += name.length + at.length * 8;
        grow(chars);
      }
      return index;
    },
    functionName(map, line, column, minifiedName) {
      if (namesMap !== map) {
        names.clear();
        namesMap = map;
      }
      const key = `${line}:${column}:${minifiedName}`;
      let name = names.get(key);
      if (name === undefined) {
        name = originalFunctionName(map, file.declarations(), line, column, minifiedName) ?? null;
        if (names.size < MAX_NAMES && minifiedName.length <= MAX_NAME_CHARS) {
          names.set(key, name);
          grow(64 + key.length);
        }
      }
      return name ?? undefined;
    },
  };
  return file;
}
