import { originalPositionFor, type TraceMap } from '@jridgewell/trace-mapping';

/** Where each identifier is declared as a function in a minified file: name → [line, column, line, column, …] in file order (1-based line, 0-based column). */
export type DeclarationIndex = Map<string, number[]>;

// A function declaration's identifier, matched alone (context in look-arounds) so that no match
// hides another (and `(?![\w$])` keeps a long identifier from being retried at every length): `function n(`, `n=function`, `n=(…)=>`, `n=x=>`, `n:function`, `n(){` (a method).
const DECLARATION_RE = new RegExp(
  [
    String.raw`(?<=function\*?\s*)[\w$]+(?![\w$])(?=\s*\()`,
    String.raw`(?<![\w$.])[\w$]+(?![\w$])(?=\s*[:=]\s*(?:async\s*)?(?:function\b|\([^()]*\)\s*=>|[\w$]+\s*=>))`,
    String.raw`(?<=(?:^|[;{},\s])(?:async\s+)?)[\w$]+(?![\w$])(?=\s*\([^()]*\)\s*\{)`,
  ].join('|'),
  'g',
);
// What the method pattern also matches and can never be a frame's function.
const KEYWORDS = new Set('if,for,while,switch,catch,function,with,return,typeof,await,yield,new'.split(','));
/** How many lines above the frame a declaration may be (minified code has few, long lines). */
const MAX_LINES_BACK = 50;

/** One pass over the minified file, done once per file: every lookup after it is a binary search. */
export function indexDeclarations(lines: readonly string[]): DeclarationIndex {
  const index: DeclarationIndex = new Map();
  lines.forEach((text, i) => {
    for (const m of text.matchAll(DECLARATION_RE)) {
      if (KEYWORDS.has(m[0])) continue;
      const at = index.get(m[0]);
      if (at) at.push(i + 1, m.index!);
      else index.set(m[0], [i + 1, m.index!]);
    }
  });
  return index;
}

/**
 * The original name of the function a frame is in. Stacks give the minified name (`n`,
 * `Object.n`, `Object.n [as run]`); the map's `names` know the original of the identifier where
 * `n` is declared. So: take the last declaration of `n` before the frame's position (on its line
 * or up to 50 lines above), and map it.
 */
export function originalFunctionName(map: TraceMap, index: DeclarationIndex, line: number, column: number, minifiedName: string | undefined): string | undefined {
  // `Object.m [as run]` (V8's method form) → `m`.
  const bare = minifiedName?.includes('[') ? minifiedName.replace(/\s*\[as [^\]]*\]$/, '') : minifiedName;
  const short = bare?.slice(bare.lastIndexOf('.') + 1);
  if (!short || !/^[\w$]+$/.test(short)) return undefined;
  const at = index.get(short);
  if (!at) return undefined;
  // Binary search for the last declaration strictly before (line, column).
  let lo = 0;
  let hi = at.length / 2;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const l = at[2 * mid];
    if (l < line || (l === line && at[2 * mid + 1] < column)) lo = mid + 1;
    else hi = mid;
  }
  if (lo === 0) return undefined;
  const declLine = at[2 * (lo - 1)];
  if (declLine < line - MAX_LINES_BACK) return undefined;
  const pos = originalPositionFor(map, { line: declLine, column: at[2 * (lo - 1) + 1] });
  return pos.name || undefined;
}
