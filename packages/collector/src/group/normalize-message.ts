import { splitLines, truncateChars } from './python-text';

// Sentry's `normalize_message_for_grouping`: values that differ between occurrences of the same
// error ("item 42" / "item 43") become placeholders. Alternatives are tried in this order at each
// position, as in Sentry's single regex. One addition: bare hex ids of 8+ characters mixing digits
// and letters (object ids, short hashes), which Sentry only catches at 32 or 40 characters.
const HEX4 = '[0-9a-fA-F]{1,4}';
const OCTET = '(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)';
const IPV4 = `\\b(?:${OCTET}\\.){3}${OCTET}\\b`;
// Full and `::`-compressed IPv6; the lookbehind keeps `Foo::bar` and `a:b::c` words intact.
const IPV6 = `(?<![\\w:])(?:(?:${HEX4}:){7}${HEX4}|(?:${HEX4}:){1,6}(?::${HEX4}){1,6}|::${HEX4}(?::${HEX4}){0,6})\\b`;

const PATTERNS: ReadonlyArray<readonly [name: string, source: string]> = [
  ['email', "[a-zA-Z0-9.!#$%&'*+/=?^_`{|}~-]+@[a-zA-Z0-9-]+(?:\\.[a-zA-Z0-9-]+)*"],
  ['url', '\\b(?:wss?|https?|ftp)://[^\\s/$.?#].[^\\s]*'],
  ['ip', `${IPV4}|${IPV6}`],
  ['uuid', '\\b[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\\b'],
  ['sha1', '\\b[0-9a-fA-F]{40}\\b'],
  ['md5', '\\b[0-9a-fA-F]{32}\\b'],
  ['date', '\\d{4}-[01]\\d-[0-3]\\dT[0-2]\\d:[0-5]\\d(?::[0-5]\\d(?:\\.\\d+)?)?(?:[+-][0-2]\\d:[0-5]\\d|Z)'],
  ['hex', '\\b0[xX][0-9a-fA-F]+\\b|\\b(?=[0-9a-fA-F]*\\d)(?=[0-9a-fA-F]*[a-fA-F])[0-9a-fA-F]{8,}\\b'],
  ['float', '-\\d+\\.\\d+\\b|\\b\\d+\\.\\d+\\b'],
  ['int', '-\\d+\\b|\\b\\d+\\b'],
  // Only the value half of `key='value'`, not every quoted word.
  ['quoted_str', "='[\\w\\s]+'"],
];
const PARAMETERS = new RegExp(PATTERNS.map(([name, source]) => `(?<${name}>${source})`).join('|'), 'g');

// Bounds the regex work on huge messages; past this many characters nothing is compared.
const MAX_CHARS = 1024;

/** The first two non-blank lines ('...' appended when anything was dropped), values replaced. */
export function normalizeMessage(message: string): string {
  let text = splitLines(message).filter((line) => line.trim()).slice(0, 2).join('\n');
  if (text !== message) text += '...';
  return truncateChars(text, MAX_CHARS).replace(PARAMETERS, (...args: unknown[]) => {
    const groups = args[args.length - 1] as Record<string, string | undefined>;
    const name = PATTERNS.find(([n]) => groups[n] !== undefined)?.[0] ?? 'value';
    return name === 'quoted_str' ? `=<${name}>` : `<${name}>`;
  });
}
