// The waterfall's layout: spans in tree order under their parents, orphans under the root,
// cycles and self-parents cut, at most MAX_WATERFALL_ROWS drawn, bars inside the drawing.
import { describe, expect, it } from 'vitest';
import type { Span } from '../../src/api/serialize-transaction';
import { MAX_WATERFALL_ROWS, spanTree, spanWaterfall } from '../../src/ui/parts/span-waterfall';

const span = (id: string, parent: string | undefined, start: number, end: number, op = 'x'): Span => ({ span_id: id, parent_span_id: parent, op, description: id, start_timestamp: start, timestamp: end });
const ROOT = 'r000000000000000';

describe('spanTree', () => {
  it('puts each parent before its children, siblings by start, orphans under the root', () => {
    const spans = [span('c', 'a', 3, 4), span('a', ROOT, 2, 5), span('b', ROOT, 1, 2), span('o', 'missing', 6, 7), span('d', 'c', 3.5, 3.6)];
    expect(spanTree(spans, ROOT).map((r) => [r.span.span_id, r.depth])).toEqual([['b', 1], ['a', 1], ['c', 2], ['d', 3], ['o', 1]]);
  });

  it('survives cycles and self-parents, each span drawn once', () => {
    const spans = [span('a', 'b', 1, 2), span('b', 'a', 1, 2), span('s', 's', 1, 2)];
    const rows = spanTree(spans, ROOT);
    expect(rows.map((r) => r.span.span_id).sort()).toEqual(['a', 'b', 's']);
  });
});

describe('spanWaterfall', () => {
  it(`draws the root and at most ${MAX_WATERFALL_ROWS} spans, saying how many there are, bars within the drawing`, () => {
    const spans = Array.from({ length: 450 }, (_, i) => span(`s${i}`, ROOT, 100 + i / 100, 100 + i / 100 + 5, 'resource.img'));
    const svg = spanWaterfall({ name: '/', op: 'pageload', start: 100, end: 102, rootSpanId: ROOT }, spans).value;
    expect(svg.match(/<rect /g)).toHaveLength(MAX_WATERFALL_ROWS + 1);
    expect(svg).toContain(`The first ${MAX_WATERFALL_ROWS} of 450 spans are drawn.`);
    for (const [, x, w] of svg.matchAll(/<rect x="([\d.]+)" y="[\d.]+" width="([\d.]+)"/g)) {
      expect(Number(x)).toBeGreaterThanOrEqual(380);
      expect(Number(x) + Number(w)).toBeLessThanOrEqual(1000.1);
    }
  });
});
