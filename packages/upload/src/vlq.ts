const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const VALUE = new Map([...BASE64].map((c, i) => [c, i]));

/** Reads one base64 VLQ number from `text` at `start`: its value and where it ends. */
function decodeVlq(text: string, start: number): { value: number; end: number } {
  let result = 0;
  let shift = 0;
  let i = start;
  for (;;) {
    const digit = VALUE.get(text[i++]);
    if (digit === undefined) throw new Error(`invalid source map mappings at ${i - 1}`);
    result += (digit & 31) * 2 ** shift;
    shift += 5;
    if (!(digit & 32)) break;
  }
  return { value: result % 2 ? -(result - 1) / 2 : result / 2, end: i };
}

export function encodeVlq(value: number): string {
  let rest = value < 0 ? -value * 2 + 1 : value * 2;
  let out = '';
  do {
    let digit = rest % 32;
    rest = Math.floor(rest / 32);
    if (rest > 0) digit |= 32;
    out += BASE64[digit];
  } while (rest > 0);
  return out;
}

/**
 * Moves every mapping of generated line `line` (0-based) at or after `column` right by `by`
 * columns: text inserted there. Columns are deltas within a line, so only the first segment at
 * or past the column changes.
 */
export function shiftGeneratedColumns(mappings: string, line: number, column: number, by: number): string {
  const lines = mappings.split(';');
  if (line >= lines.length || !by) return mappings;
  const segments = lines[line].split(',');
  let absolute = 0;
  for (let i = 0; i < segments.length; i++) {
    if (!segments[i]) continue;
    const { value, end } = decodeVlq(segments[i], 0);
    absolute += value;
    if (absolute >= column) {
      segments[i] = encodeVlq(value + by) + segments[i].slice(end);
      break;
    }
  }
  lines[line] = segments.join(',');
  return lines.join(';');
}
