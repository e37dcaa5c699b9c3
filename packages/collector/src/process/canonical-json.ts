// JSON text that JSON.stringify(JSON.parse(text)) gives back unchanged can be stored as it came,
// without parsing it into objects and serialising them again (most of a 50 KB event's cost).

/** Deeper nesting is left to JSON.parse and JSON.stringify, so their limits stay the judge. */
const MAX_DEPTH = 64;
/** Objects with more keys are left to JSON.parse (the duplicate check compares every pair). */
const MAX_KEYS = 256;

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
/** JSON.stringify writes no raw control characters and no lone surrogates, and no JSON text holds them raw. */
const NOT_CANONICAL_CHAR = /[\u0000-\u001f]|[\ud800-\udfff]/u;

/**
 * The end of the JSON value that starts at `start`, when that value is written exactly as
 * JSON.stringify writes what JSON.parse reads from it: no whitespace, only the escapes it
 * writes, numbers in their shortest form, no key twice in an object and no array-index key
 * (JSON.parse moves those first). Otherwise, or when the text is not JSON, -1.
 */
export function canonicalValueEnd(text: string, start: number): number {
  nextEscape = text.indexOf('\\', start);
  const end = valueEnd(text, start);
  if (end < 0) return -1;
  const rest = NOT_CANONICAL_CHAR.exec(text.slice(start, end));
  return rest ? -1 : end;
}

function valueEnd(text: string, i: number): number {
  // Per open container: whether it is an object, and its keys' [start, end) pairs.
  const inObject: boolean[] = [];
  const keys: number[][] = [];
  let depth = 0;
  for (;;) {
    const c = text.charCodeAt(i);
    if (c === QUOTE) {
      i = stringEnd(text, i);
      if (i < 0) return -1;
    } else if (c === 0x7b || c === 0x5b) {
      const object = c === 0x7b;
      i++;
      if (text.charCodeAt(i) === (object ? 0x7d : 0x5d)) i++;
      else {
        if (depth === MAX_DEPTH) return -1;
        inObject[depth] = object;
        if (object) {
          const list = (keys[depth] ??= []);
          list.length = 0;
          i = keyEnd(text, i, list);
          if (i < 0) return -1;
        }
        depth++;
        continue;
      }
    } else if (c === 0x74) {
      if (!text.startsWith('true', i)) return -1;
      i += 4;
    } else if (c === 0x66) {
      if (!text.startsWith('false', i)) return -1;
      i += 5;
    } else if (c === 0x6e) {
      if (!text.startsWith('null', i)) return -1;
      i += 4;
    } else {
      i = numberEnd(text, i);
      if (i < 0) return -1;
    }
    // After a value: the next one, or the end of containers.
    for (;;) {
      if (depth === 0) return i;
      const c = text.charCodeAt(i);
      const object = inObject[depth - 1];
      if (c === 0x2c) {
        i++;
        if (object) {
          i = keyEnd(text, i, keys[depth - 1]);
          if (i < 0) return -1;
        }
        break;
      }
      if (c !== (object ? 0x7d : 0x5d)) return -1;
      i++;
      depth--;
    }
  }
}

/** Where the next backslash is at or after the position scanned (-1: none), found once per run rather than once per string. */
let nextEscape = -1;

/** The end of the string at `i` (its opening quote); -1 when an escape is not one JSON.stringify writes. */
function stringEnd(text: string, i: number): number {
  const close = text.indexOf('"', i + 1);
  if (close < 0) return -1;
  if (nextEscape >= 0 && nextEscape < i) nextEscape = text.indexOf('\\', i);
  if (nextEscape < 0 || nextEscape > close) return close + 1;
  // Escaped: character by character (rare in events).
  for (let j = i + 1; ; ) {
    const c = text.charCodeAt(j);
    if (c === QUOTE) return j + 1;
    if (c === BACKSLASH) {
      const n = escapeLength(text, j);
      if (n < 0) return -1;
      j += n;
    } else if (j >= text.length) return -1;
    else j++;
  }
}

/** `\"`, `\\`, `\b` `\f` `\n` `\r` `\t`, and `\u00xx` (lowercase) for the other control characters. */
function escapeLength(text: string, i: number): number {
  const e = text.charCodeAt(i + 1);
  if (e === QUOTE || e === BACKSLASH || e === 0x62 || e === 0x66 || e === 0x6e || e === 0x72 || e === 0x74) return 2;
  if (e !== 0x75 || text.charCodeAt(i + 2) !== 0x30 || text.charCodeAt(i + 3) !== 0x30) return -1;
  const hi = text.charCodeAt(i + 4);
  const lo = text.charCodeAt(i + 5);
  const low = lo >= 0x30 && lo <= 0x39 ? lo - 0x30 : lo >= 0x61 && lo <= 0x66 ? lo - 0x57 : -1;
  if (low < 0) return -1;
  if (hi === 0x31) return 6;
  // \u0008 \u0009 \u000a \u000c \u000d have short forms.
  return hi === 0x30 && low !== 8 && low !== 9 && low !== 10 && low !== 12 && low !== 13 ? 6 : -1;
}

/** Past `"key":` at `i`; -1 when it is not there, repeats a key of this object or is an array index. */
function keyEnd(text: string, i: number, list: number[]): number {
  if (text.charCodeAt(i) !== QUOTE) return -1;
  const first = text.charCodeAt(i + 1);
  if (first >= 0x30 && first <= 0x39) return -1;
  const end = stringEnd(text, i);
  if (end < 0 || text.charCodeAt(end) !== 0x3a) return -1;
  const length = end - i;
  if (list.length >= MAX_KEYS * 2) return -1;
  for (let k = 0; k < list.length; k += 2) {
    const s = list[k];
    if (list[k + 1] - s === length && text.charCodeAt(s + 1) === first && text.startsWith(text.slice(s, s + length), i)) return -1;
  }
  list.push(i, end);
  return end + 1;
}

const isDigit = (c: number) => c >= 0x30 && c <= 0x39;

/**
 * The end of the number at `i`, when JSON.stringify would write it the same: a decimal of at
 * most 15 significant digits, without exponent, trailing fraction zeros or `-0`, is its shortest
 * round trip; anything else is checked by converting it.
 */
function numberEnd(text: string, i: number): number {
  const start = i;
  let c = text.charCodeAt(i);
  if (c === 0x2d) c = text.charCodeAt(++i);
  let digits = 0;
  let zeros = 0;
  if (c === 0x30) c = text.charCodeAt(++i);
  else if (c >= 0x31 && c <= 0x39) {
    do {
      digits++;
      c = text.charCodeAt(++i);
    } while (isDigit(c));
  } else return -1;
  let simple = true;
  if (c === 0x2e) {
    c = text.charCodeAt(++i);
    if (!isDigit(c)) return -1;
    let last = c;
    do {
      if (digits || c !== 0x30) digits++;
      else zeros++;
      last = c;
      c = text.charCodeAt(++i);
    } while (isDigit(c));
    // 1.50, 0.0: JSON.stringify writes 1.5, 0.
    if (last === 0x30) return -1;
    // 0.0000001 is written 1e-7.
    if (zeros > 5) simple = false;
  } else if (digits === 0 && text.charCodeAt(start) === 0x2d) return -1;
  if (c === 0x65 || c === 0x45) {
    simple = false;
    c = text.charCodeAt(++i);
    if (c === 0x2b || c === 0x2d) c = text.charCodeAt(++i);
    if (!isDigit(c)) return -1;
    do c = text.charCodeAt(++i);
    while (isDigit(c));
  }
  if (simple && digits <= 15) return i;
  const written = text.slice(start, i);
  return String(Number(written)) === written ? i : -1;
}
