import { canonicalValueEnd } from './canonical-json';

/**
 * Top-level members no processing step reads (normalise, symbolicate, group, tags): the bulk of
 * a large event. When written as JSON.stringify writes them, their text is stored as it came, not
 * parsed and serialised again. Processing sees a stand-in object instead of their value, so a
 * step that starts reading one of them must take it off this list.
 */
const KEPT_AS_TEXT = ['breadcrumbs', 'extra', 'modules'];
/** Smaller members are parsed as usual: the stand-in would cost more than it saves. */
const MIN_TEXT_LENGTH = 1024;

export interface EventJson {
  /** The event as JSON.parse reads it, except that members kept as text hold a stand-in. */
  value: unknown;
  /** JSON.stringify(event), for the event built from `value`: the stand-ins become their text again. */
  stringify(event: unknown): string;
}

/**
 * Reads an event's JSON for processing. Same result as JSON.parse, and `stringify` the same
 * text as JSON.stringify (so the stored event is the same byte for byte); the large members in
 * KEPT_AS_TEXT are only checked, not parsed, when JSON.stringify would write them as they are.
 * Throws what JSON.parse throws.
 */
export function parseEventJson(text: string): EventJson {
  const kept = keptMembers(text);
  if (kept) {
    let skeleton = '';
    let at = 0;
    for (const m of kept) {
      skeleton += `${text.slice(at, m.start)}0`;
      at = m.end;
    }
    skeleton += text.slice(at);
    let value: Record<string, unknown> | undefined;
    try {
      value = JSON.parse(skeleton) as Record<string, unknown>;
    } catch {
      // Read as a whole below, so that the error is JSON.parse's own.
    }
    // Each stand-in must be where JSON.parse put the member (a key spelt with escapes is the same key).
    if (value && kept.every((m) => value![m.key] === 0)) {
      const texts = new Map<object, string>();
      for (const m of kept) {
        const json = text.slice(m.start, m.end);
        // Anywhere else than the top level of the event (nothing puts it there), it still serialises right.
        const standIn = { toJSON: () => JSON.parse(json) as unknown };
        texts.set(standIn, json);
        value[m.key] = standIn;
      }
      return { value, stringify: (event) => stringifyTop(event, texts) };
    }
  }
  return { value: JSON.parse(text) as unknown, stringify: (event) => JSON.stringify(event) };
}

/** JSON.stringify of an object, with each stand-in at its top level written as its text. */
function stringifyTop(event: unknown, texts: Map<object, string>): string {
  if (!event || typeof event != 'object' || Array.isArray(event) || typeof (event as { toJSON?: unknown }).toJSON == 'function') return JSON.stringify(event);
  let out = '';
  for (const key of Object.keys(event)) {
    const value = (event as Record<string, unknown>)[key];
    const json = (typeof value == 'object' && value !== null && texts.get(value)) || JSON.stringify(value);
    // Undefined, functions and symbols are left out, as JSON.stringify does.
    if (json === undefined) continue;
    out += `${out ? ',' : '{'}${JSON.stringify(key)}:${json}`;
  }
  return out ? `${out}}` : '{}';
}

interface Member {
  key: string;
  start: number;
  end: number;
}

const isSpace = (c: number) => c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;

/**
 * The KEPT_AS_TEXT members of the top-level object that can be kept as text, with where their
 * values are; undefined when there are none or the text is not an object we can read this way
 * (JSON.parse then reads it, and reports whatever is wrong with it).
 */
function keptMembers(text: string): Member[] | undefined {
  if (text.length < MIN_TEXT_LENGTH) return undefined;
  let found: Member[] | undefined;
  let i = skipSpace(text, 0);
  if (text.charCodeAt(i) !== 0x7b) return undefined;
  i = skipSpace(text, i + 1);
  if (text.charCodeAt(i) === 0x7d) return undefined;
  for (;;) {
    if (text.charCodeAt(i) !== 0x22) return undefined;
    const keyEnd = lenientEnd(text, i);
    if (keyEnd < 0) return undefined;
    // Only keys spelt without escapes are recognised; another spelling is parsed as usual.
    const key = text.slice(i + 1, keyEnd - 1);
    i = skipSpace(text, keyEnd);
    if (text.charCodeAt(i) !== 0x3a) return undefined;
    i = skipSpace(text, i + 1);
    let end = -1;
    if (KEPT_AS_TEXT.includes(key)) {
      end = canonicalValueEnd(text, i);
      if (end - i >= MIN_TEXT_LENGTH) {
        // Twice: JSON.parse keeps the last value, in the first one's place; leave that to it.
        if (found?.some((m) => m.key === key)) return undefined;
        (found ??= []).push({ key, start: i, end });
      }
    }
    if (end < 0) end = lenientEnd(text, i);
    if (end < 0) return undefined;
    i = skipSpace(text, end);
    const c = text.charCodeAt(i);
    if (c === 0x7d) break;
    if (c !== 0x2c) return undefined;
    i = skipSpace(text, i + 1);
  }
  // Nothing but whitespace may follow the object.
  return skipSpace(text, i + 1) === text.length ? found : undefined;
}

function skipSpace(text: string, i: number): number {
  while (isSpace(text.charCodeAt(i))) i++;
  return i;
}

/**
 * Where the JSON value at `i` ends, without checking it (JSON.parse does, on what is left):
 * strings with their escapes, and brackets counted outside them. -1 when it does not end.
 */
function lenientEnd(text: string, i: number): number {
  let depth = 0;
  for (;;) {
    const c = text.charCodeAt(i);
    if (c !== c) return -1;
    if (c === 0x22) {
      for (i++; ; ) {
        const q = text.indexOf('"', i);
        if (q < 0) return -1;
        let backslashes = 0;
        while (text.charCodeAt(q - 1 - backslashes) === 0x5c) backslashes++;
        i = q + 1;
        if (backslashes % 2 === 0) break;
      }
      if (depth === 0) return i;
      continue;
    }
    if (c === 0x7b || c === 0x5b) depth++;
    else if (c === 0x7d || c === 0x5d) {
      if (depth === 0) return i;
      depth--;
      if (depth === 0) return i + 1;
    } else if (depth === 0 && (c === 0x2c || isSpace(c))) return i;
    i++;
  }
}
