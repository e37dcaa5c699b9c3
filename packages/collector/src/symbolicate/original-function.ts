import { originalPositionFor, type TraceMap } from '@jridgewell/trace-mapping';

/**
 * The original name of the function a frame is in. Stacks give the minified name (`n`,
 * `Object.n`); the map's `names` know the original of the identifier where `n` is declared.
 * So: find the last declaration of `n` before the frame's position in the minified line
 * (`function n(`, `n=function`, `n=(…)=>`, `n(){` in a class or object), and map it.
 */
export function originalFunctionName(map: TraceMap, minifiedLines: string[] | undefined, line: number, column: number, minifiedName: string | undefined): string | undefined {
  // `Object.m [as run]` (V8's method form) → `m`.
  const short = minifiedName?.replace(/\s*\[as [^\]]*\]$/, '').split('.').pop();
  if (!minifiedLines || !short || !/^[\w$]+$/.test(short)) return undefined;
  const name = short.replace(/\$/g, '\\$');
  const declaration = new RegExp(`(?:function\\*?\\s*(${name})\\s*\\(|(?:^|[^\\w$.])(${name})\\s*[:=]\\s*(?:async\\s*)?(?:function\\b|\\([^()]*\\)\\s*=>|[\\w$]+\\s*=>)|(?:^|[;{},\\s])(?:async\\s+)?(${name})\\s*\\([^()]*\\)\\s*\\{)`, 'g');
  const identifier = new RegExp(`(?<![\\w$])${name}(?![\\w$])`);
  // Search this line up to the frame, then earlier lines (a few, newest first).
  for (let l = line; l >= Math.max(1, line - 50); l--) {
    const text = minifiedLines[l - 1];
    if (text === undefined) continue;
    const limit = l == line ? column : text.length;
    let found: number | undefined;
    declaration.lastIndex = 0;
    for (let m = declaration.exec(text); m && m.index < limit; m = declaration.exec(text)) {
      // Point at the identifier itself: that is what carries the name mapping.
      found = m.index + m[0].search(identifier);
    }
    if (found !== undefined) {
      const pos = originalPositionFor(map, { line: l, column: found });
      if (pos.name) return pos.name;
      return undefined;
    }
  }
  return undefined;
}
