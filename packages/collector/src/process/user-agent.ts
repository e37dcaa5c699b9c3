export interface ParsedUserAgent {
  browser?: { name: string; version?: string };
  os?: { name: string; version?: string };
}

// The browsers and systems front-end teams see, in the order their tokens must be tested
// (Edge and Opera also say Chrome; Chrome also says Safari).
const BROWSERS: Array<[string, RegExp]> = [
  ['Edge', /Edg(?:e|A|iOS)?\/([\d.]+)/],
  ['Opera', /OPR\/([\d.]+)/],
  ['Samsung Internet', /SamsungBrowser\/([\d.]+)/],
  ['Firefox', /(?:Firefox|FxiOS)\/([\d.]+)/],
  ['Chrome', /(?:Chrome|CriOS)\/([\d.]+)/],
  ['Safari', /Version\/([\d.]+).*Safari\//],
  ['IE', /(?:MSIE |Trident\/.*rv:)([\d.]+)/],
];

const SYSTEMS: Array<[string, RegExp]> = [
  ['Windows', /Windows NT ([\d.]+)/],
  ['iOS', /(?:iPhone|iPad|iPod).*? OS ([\d_]+)/],
  ['Mac OS X', /Mac OS X ([\d_.]+)/],
  ['Android', /Android ([\d.]+)/],
  ['Chrome OS', /CrOS \S+ ([\d.]+)/],
  ['Linux', /Linux()/],
];

// Most events of an app come from a few browsers: remember recent answers rather than run up to
// 13 regexes per event. Bounded, since the header is whatever the client sends.
const MAX_REMEMBERED = 1000;
const remembered = new Map<string, ParsedUserAgent>();

/**
 * Browser and OS names and versions from a User-Agent string, as Sentry's contexts name them.
 * The answer is frozen: it may be shared with other events that sent the same string.
 */
export function parseUserAgent(ua: string): ParsedUserAgent {
  const s = ua.slice(0, 512);
  let parsed = remembered.get(s);
  if (!parsed) {
    parsed = freeze(parse(s));
    if (remembered.size >= MAX_REMEMBERED) remembered.clear();
    remembered.set(s, parsed);
  }
  return parsed;
}

function freeze(parsed: ParsedUserAgent): ParsedUserAgent {
  if (parsed.browser) Object.freeze(parsed.browser);
  if (parsed.os) Object.freeze(parsed.os);
  return Object.freeze(parsed);
}

function parse(s: string): ParsedUserAgent {
  const out: ParsedUserAgent = {};
  for (const [name, re] of BROWSERS) {
    const m = re.exec(s);
    if (m) {
      out.browser = { name, version: m[1] };
      break;
    }
  }
  for (const [name, re] of SYSTEMS) {
    const m = re.exec(s);
    if (m) {
      out.os = m[1] ? { name, version: m[1].replace(/_/g, '.') } : { name };
      break;
    }
  }
  return out;
}
