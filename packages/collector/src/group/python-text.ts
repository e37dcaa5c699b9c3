// Sentry computes titles in Python; these reproduce the two string operations it uses, so our
// titles and culprits match its strings exactly.

// Python's str.splitlines() breaks on all of these.
const LINE_BREAK = /\r\n|[\n\r\v\f\x1c-\x1e\x85\u2028\u2029]/;

/** Python's `str.splitlines()`: no trailing empty line, `[]` for ''. */
export function splitLines(text: string): string[] {
  const lines = text.split(LINE_BREAK);
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}

/** Sentry's `truncatechars`: at most `max` characters (code points), ending in '...' when cut. */
export function truncateChars(text: string, max: number): string {
  if (text.length <= max) return text;
  const chars = Array.from(text);
  return chars.length <= max ? text : chars.slice(0, Math.max(0, max - 3)).join('') + '...';
}
