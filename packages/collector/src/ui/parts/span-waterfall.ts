import type { Span } from '../../api/serialize-transaction';
import { formatMs } from '../../performance/web-vitals';
import { html, type SafeHtml } from '../html';

/** Rows drawn at most: a page load with a thousand resources stays readable and light. */
export const MAX_WATERFALL_ROWS = 300;

const WIDTH = 1000;
const LABEL = 380;
const BARS = WIDTH - LABEL - 10;
const ROW = 20;
const MAX_DEPTH = 12;

export interface WaterfallRow {
  span: Span;
  depth: number;
}

/**
 * The spans in tree order: each parent followed by its children, started first first; a span
 * whose parent is not in the transaction hangs under the root. Depth is capped (and cycles cut)
 * so hostile parent ids cannot hang the page.
 */
export function spanTree(spans: Span[], rootSpanId: string): WaterfallRow[] {
  const children = new Map<string, Span[]>();
  const ids = new Set(spans.map((s) => s.span_id));
  for (const s of spans) {
    const parent = s.parent_span_id && ids.has(s.parent_span_id) && s.parent_span_id != s.span_id ? s.parent_span_id : rootSpanId;
    const list = children.get(parent) || [];
    list.push(s);
    children.set(parent, list);
  }
  for (const list of children.values()) list.sort((a, b) => a.start_timestamp - b.start_timestamp);
  const out: WaterfallRow[] = [];
  const seen = new Set<string>();
  const visit = (id: string, depth: number) => {
    for (const span of children.get(id) || []) {
      if (seen.has(span.span_id)) continue;
      seen.add(span.span_id);
      out.push({ span, depth });
      visit(span.span_id, Math.min(depth + 1, MAX_DEPTH));
    }
  };
  visit(rootSpanId, 1);
  // Spans only reachable through a cycle still get a row.
  for (const span of spans) if (!seen.has(span.span_id)) out.push({ span, depth: 1 });
  return out;
}

/** The span's duration right of its bar; for a bar reaching the right edge, left of it, or inside it when it is long too. */
function timeLabel(x0: number, w: number, y: number, took: string): SafeHtml {
  if (x0 + w <= WIDTH - 60) return html`<text x="${(x0 + w + 4).toFixed(1)}" y="${y + 14}" class="span-time">${took}</text>`;
  if (x0 - LABEL > 60) return html`<text x="${(x0 - 4).toFixed(1)}" y="${y + 14}" class="span-time" text-anchor="end">${took}</text>`;
  return html`<text x="${WIDTH - 6}" y="${y + 14}" class="span-time inside" text-anchor="end">${took}</text>`;
}

const cut = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);
/** A class from the op's first word (`http.client` → `op-http`); anything else is `op-other`. */
const opClass = (op: string | undefined) => {
  const word = /^([a-z]+)/.exec(op || '')?.[1];
  return word && ['http', 'browser', 'resource', 'ui', 'navigation', 'pageload', 'mark', 'measure', 'paint', 'db'].includes(word) ? `op-${word}` : 'op-other';
};

/**
 * The transaction's spans as an inline SVG waterfall: one row per span, indented under its
 * parent, its bar placed by start and length relative to the transaction. Attributes only (no
 * style, no script), so the page's CSP holds; every label goes through `html`.
 */
export function spanWaterfall(tx: { name: string; op: string; start: number; end: number; rootSpanId: string }, spans: Span[]): SafeHtml {
  const total = Math.max(tx.end - tx.start, 1e-6);
  const rows = spanTree(spans, tx.rootSpanId);
  const shown = rows.slice(0, MAX_WATERFALL_ROWS);
  const x = (t: number) => LABEL + Math.min(1, Math.max(0, (t - tx.start) / total)) * BARS;
  const height = (shown.length + 1) * ROW + 4;
  const bar = (key: string, depth: number, op: string, description: string, start: number, end: number, cls: string, i: number) => {
    const y = i * ROW + 2;
    const x0 = x(start);
    const w = Math.max(1, x(end) - x0);
    const label = cut(`${op}${description ? ` — ${description}` : ''}`, Math.max(12, 58 - depth * 2));
    const took = formatMs((end - start) * 1000);
    return html`<g class="span-row" data-span="${key}"><title>${op} ${description} · ${took} · starts at +${formatMs(Math.max(0, start - tx.start) * 1000)}</title>
<text x="${4 + depth * 10}" y="${y + 14}" class="span-label">${label}</text>
<rect x="${x0.toFixed(1)}" y="${y + 3}" width="${w.toFixed(1)}" height="${ROW - 6}" rx="2" class="span-bar ${cls}"></rect>
${timeLabel(x0, w, y, took)}</g>`;
  };
  const root = bar(tx.rootSpanId, 0, tx.op || 'transaction', tx.name, tx.start, tx.end, 'root', 0);
  const body = shown.map((r, i) => bar(r.span.span_id, r.depth, String(r.span.op ?? ''), String(r.span.description ?? ''), r.span.start_timestamp, r.span.timestamp, opClass(r.span.op), i + 1));
  return html`<svg class="waterfall" viewBox="0 0 ${WIDTH} ${height}" width="100%" role="img" aria-label="Span waterfall: ${rows.length} spans">
<line x1="${LABEL}" y1="0" x2="${LABEL}" y2="${height}" class="axis"></line>${root}${body}</svg>
${rows.length > shown.length ? html`<p class="muted">The first ${shown.length} of ${rows.length} spans are drawn.</p>` : ''}`;
}
