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

/** Browser and OS names and versions from a User-Agent string, as Sentry's contexts name them. */
export function parseUserAgent(ua: string): ParsedUserAgent {
  const out: ParsedUserAgent = {};
  const s = ua.slice(0, 512);
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
