import { describe, expect, it } from 'vitest';
import { sourceContext, trimLine } from '../../src/symbolicate/source-context';

const long = Array.from({ length: 1000 }, (_, i) => String.fromCharCode(97 + (i % 26))).join('');

describe('trimLine', () => {
  it.each([
    ['a short line, as it is', 'short line', 3, 'short line'],
    ['exactly 150 characters, as it is', long.slice(0, 150), 140, long.slice(0, 150)],
    ['a column near the start: the first 150, cut at the end', long, 10, `${long.slice(0, 150)} {snip}`],
    ['a column in the middle: 60 before, 90 from it', long, 500, `{snip} ${long.slice(440, 590)} {snip}`],
    ['a column near the end: the last 150', long, 990, `{snip} ${long.slice(850)}`],
    ['a column past the end: the last 150', long, 5000, `{snip} ${long.slice(850)}`],
  ])('%s', (_case, line, column, expected) => expect(trimLine(line, column)).toBe(expected));

  it('keeps the column inside whatever it cuts', () => {
    for (let column = 0; column <= 1000; column += 37) {
      const cut = trimLine(`${'a'.repeat(column)}THROW${'b'.repeat(1000 - column)}`, column);
      expect(cut).toContain('THROW');
      expect(cut.replace(/^\{snip\} | \{snip\}$/g, '')).toHaveLength(150);
    }
  });
});

describe('sourceContext', () => {
  const lines = Array.from({ length: 20 }, (_, i) => `line ${i + 1}`);
  it.each([
    [10, { pre_context: ['line 5', 'line 6', 'line 7', 'line 8', 'line 9'], context_line: 'line 10', post_context: ['line 11', 'line 12', 'line 13', 'line 14', 'line 15'] }],
    [1, { pre_context: [], context_line: 'line 1', post_context: ['line 2', 'line 3', 'line 4', 'line 5', 'line 6'] }],
    [20, { pre_context: ['line 15', 'line 16', 'line 17', 'line 18', 'line 19'], context_line: 'line 20', post_context: [] }],
  ])('gives 5 lines either side of line %i', (line, context) => expect(sourceContext(lines, line, 0)).toEqual(context));

  it.each([0, 21, -3])('gives nothing for line %i, outside the source', (line) => expect(sourceContext(lines, line, 0)).toBeUndefined());
});
