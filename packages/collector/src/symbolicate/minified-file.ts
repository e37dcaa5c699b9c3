import { indexDeclarations, type DeclarationIndex } from './original-function';

/** A minified file in lines, for its sourceMappingURL comment and original function names. */
export interface MinifiedFile {
  readonly lines: readonly string[];
  /** Its function declarations, indexed on first use. */
  declarations(): DeclarationIndex;
}

/** Splits a minified file; `grow` is told the size of the declaration index once it is built. */
export function createMinifiedFile(text: string, grow: (chars: number) => void): MinifiedFile {
  const lines = text.split(/\r\n|\r|\n/);
  let index: DeclarationIndex | undefined;
  return {
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
  };
}
