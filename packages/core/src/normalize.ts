// Turns anything into JSON-safe data or a short description, without ever throwing:
// every read of a foreign value goes through a try, since getters, Proxies (revoked ones too)
// and toJSON methods may throw.

const MAXP = '[MaxProperties ~]';

/** f(), or undefined when it throws. */
const safe = <T>(f: () => T): T | undefined => {
  try {
    return f();
  } catch {}
};

/** v[k], or undefined when the read throws (getters, revoked Proxies). */
export const read = (v: any, k: PropertyKey): any => safe(() => v[k]);

/** v[k] when it is a string, else ''. */
export const readString = (v: unknown, k: PropertyKey): string => {
  const s = read(v, k);
  return typeof s == 'string' ? s : '';
};

const thrown = (e: any): string => `[Thrown: ${safe(() => String(e?.message ?? e))}]`;

/** 'Object' for plain, null-prototype and anonymous-class objects. */
export const constructorName = (v: object): string => readString(safe(() => Object.getPrototypeOf(v).constructor), 'name') || 'Object';

/** The tag of Object.prototype.toString: 'Date', 'Map', 'Null', 'Number'... */
export const tagOf = (v: unknown): string => safe(() => Object.prototype.toString.call(v).slice(8, -1)) || '';

const fname = (f: unknown): string => `[Function: ${readString(f, 'name') || '<anonymous>'}]`;

/** `v instanceof globalThis[name]`; false where that global is missing or instanceof throws (revoked Proxies). */
export const isInstanceOf = (v: unknown, name: string): boolean => !!safe(() => v instanceof (globalThis as any)[name]);

/**
 * Errors and DOMExceptions, also from other realms (iframes fail instanceof): matched by their
 * tag, or by string name, message and stack.
 */
export const isError = (v: unknown): v is Error =>
  isInstanceOf(v, 'Error') || /^(Error|DOMException)$/.test(tagOf(v)) || ['name', 'message', 'stack'].every((k) => typeof read(v, k) == 'string');

export const isEvent = (v: unknown): v is Event => isInstanceOf(v, 'Event');

/** Objects that read best as one string: dates, regexps, DOM nodes, window, promises, binary data. */
const special = (v: any, t: string): string | undefined => {
  if (t == 'Date') return isNaN(v.getTime()) ? '[Invalid Date]' : v.toISOString();
  if (t == 'RegExp') return String(v);
  if (read(v, 'window') === v) return '[Window]';
  const n = read(v, 'nodeType');
  if (typeof n == 'number' && typeof read(v, 'nodeName') == 'string') {
    return n == 1 ? `[HTMLElement: ${describeElement(v)}]` : n == 9 ? '[Document]' : `[${constructorName(v)}]`;
  }
  // Vue component instances: huge, and enumerating them makes Vue warn.
  if (read(v, '__isVue') || read(v, '_isVue')) return '[VueViewModel]';
  if (/^(Promise|Weak(Map|Set|Ref))$/.test(t)) return `[${t}]`;
  if (ArrayBuffer.isView(v) || /ArrayBuffer$/.test(t)) return `[${t}(${v.length ?? v.byteLength})]`;
};

/** An event target: an element as its selector, anything else as normalize shows it. */
const target = (t: any): string | null =>
  t ? (read(t, 'nodeType') == 1 ? describeElement(t) : special(t, tagOf(t)) || `[${constructorName(t)}]`) : null;

/**
 * A JSON-safe copy of any value. Depth counts containers: with depth 3 the top-level
 * object and two levels below it are kept, deeper containers become '[Object]', '[Array]'
 * or '[ClassName]'. Only ancestors count as cycles ('[Circular ~]').
 */
export const normalize = (value: unknown, depth = 3, maxBreadth = 1000): unknown => {
  // n items made by f(i); past maxBreadth, `more` marks the cut.
  const list = (n: number, f: (i: number) => unknown, more: unknown = MAXP): unknown[] => {
    const out: unknown[] = [];
    for (let i = 0; i < n && i <= maxBreadth; i++) out.push(i < maxBreadth ? f(i) : more);
    return out;
  };

  const item = (v: any, k: PropertyKey, d: number, seen: unknown[]): unknown => {
    try {
      return walk(v[k], d - 1, seen);
    } catch (e) {
      return thrown(e);
    }
  };

  const obj = (v: any, keys: string[], d: number, seen: unknown[]): Record<string, unknown> =>
    Object.fromEntries(list(keys.length, (i) => [keys[i], item(v, keys[i], d, seen)], ['...', MAXP]) as [string, unknown][]);

  // `j`: v came from toJSON, whose result's own toJSON is not called (as in JSON.stringify).
  const walk = (v: any, d: number, seen: unknown[], j?: 1): unknown => {
    const t = typeof v;
    if (t == 'number') return isFinite(v) ? v : `[${v}]`;
    if (t == 'bigint') return `[BigInt: ${v}]`;
    if (t == 'undefined' || t == 'symbol') return `[${String(v)}]`;
    if (t == 'function') return fname(v);
    if (t != 'object' || !v) return v;
    if (seen.includes(v)) return '[Circular ~]';
    try {
      const tag = tagOf(v);
      const sp = special(v, tag);
      if (sp) return sp;
      const s = [...seen, v];
      if (!j && typeof read(v, 'toJSON') == 'function') {
        try {
          const r = v.toJSON();
          if (r !== v) return walk(r, d, s, 1);
        } catch {} // a throwing toJSON: serialise the object itself
      }
      if (d <= 0) return `[${constructorName(v)}]`;
      if (isError(v)) return obj(v, [...new Set(['name', 'message', 'stack', ...Object.keys(v)])], d, s);
      if (isEvent(v)) {
        const detail = (v as CustomEvent).detail;
        return { type: v.type, target: target(v.target), isTrusted: v.isTrusted, ...(detail !== undefined && { detail: walk(detail, d - 1, s) }) };
      }
      // Map: { '[Map]': [[key, value], …] }, keys of any type kept as they are.
      if (tag == 'Map') {
        const e = [...v] as [unknown, unknown][];
        return { '[Map]': list(e.length, (i) => [walk(e[i][0], d - 1, s), walk(e[i][1], d - 1, s)]) };
      }
      // A Set reads as the array of its values.
      const a = tag == 'Set' ? [...v] : v;
      if (Array.isArray(a)) return list(a.length, (i) => item(a, i, d, s));
      return obj(v, Object.keys(v), d, s);
    } catch (e) {
      return thrown(e);
    }
  };

  return walk(value, depth, []);
};

/** str cut to max chars plus '…', never between the two halves of a surrogate pair. */
export const truncate = (str: string, max: number): string => {
  if (max <= 0 || str.length <= max) return str;
  const c = str.charCodeAt(max - 1);
  return str.slice(0, c >= 0xd800 && c < 0xdc00 ? max - 1 : max) + '…';
};

/**
 * A short description of any value for messages: 'null', '42', '[Function: f]', 'Array(3)',
 * 'Map(2)', 'TypeError: boom', 'Event type=error target=img#logo', 'Foo with keys: a, b'.
 */
export const describe = (value: unknown): string => {
  const v: any = value;
  const t = typeof v;
  if (t == 'function') return fname(v);
  if (t != 'object' || !v) return t == 'bigint' ? `${v}n` : String(v);
  try {
    const tag = tagOf(v);
    if (isEvent(v)) return `${constructorName(v)} type=${v.type}${v.target ? ' target=' + target(v.target) : ''}`;
    if (Array.isArray(v)) return `Array(${v.length})`;
    if (tag == 'Map' || tag == 'Set') return `${tag}(${v.size})`;
    if (isError(v)) return `${v.name}: ${v.message}`;
    const sp = special(v, tag);
    if (sp) return sp;
    const keys = Object.keys(v).sort();
    return `${constructorName(v)} with ${keys.length ? 'keys: ' + keys.slice(0, 10).join(', ') + (keys.length > 10 ? ', …' : '') : 'no keys'}`;
  } catch (e) {
    return thrown(e);
  }
};

/**
 * An element as a selector, `tag#id.class1.class2[attr="value"]`, with the first present of
 * data-test, data-testid, name, type, aria-label, title; at most 80 chars. '<unknown>' otherwise.
 */
export const describeElement = (el: unknown): string =>
  safe(() => {
    const e = el as Element;
    if (e.nodeType != 1) return;
    let s = e.tagName.toLowerCase();
    if (e.id) s += '#' + e.id;
    const c = (e.getAttribute('class') || '').trim();
    if (c) s += '.' + c.split(/\s+/).join('.');
    for (const a of ['data-test', 'data-testid', 'name', 'type', 'aria-label', 'title']) {
      const x = e.getAttribute(a);
      if (x) {
        s += `[${a}="${x}"]`;
        break;
      }
    }
    return truncate(s, 79);
  }) || '<unknown>';
