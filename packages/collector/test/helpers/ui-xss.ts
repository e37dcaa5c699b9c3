// Hostile event data for the UI's XSS tests: strings that would run script, load a marker URL or
// break out of markup if any were written unescaped, placed in every field the UI shows.
import type { Browser, Page } from 'playwright-core';
import { newEventId } from './envelopes';

/** The corpus; `MARKER` is replaced by the marker server's URL, which must never be requested. */
export function xssCorpus(marker: string): Record<string, string> {
  return {
    script: `<script>fetch('${marker}/script');alert('script')</script>`,
    img: `"><img src=${marker}/img onerror=alert('img')>`,
    attr: `' onmouseover='alert(1)' x='`,
    javascriptUrl: 'javascript:alert(document.domain)',
    style: `</style><style>body{background:url(${marker}/style)}</style>`,
    template: "{{constructor.constructor('alert(\"template\")')()}}",
    svg: `<svg onload="alert('svg')"><use href="${marker}/svg#x"/></svg>`,
    iframe: `<iframe src="${marker}/iframe"></iframe>`,
    comment: `--><script src="${marker}/comment.js"></script><!--`,
  };
}

/** One event carrying the corpus in the message, exception type and value, tags, breadcrumbs, user, request URL, frames and Vue props. */
export function hostileEvent(corpus: Record<string, string>): Record<string, unknown> {
  const all = Object.values(corpus);
  const joined = all.join(' ');
  return {
    event_id: newEventId(),
    timestamp: Date.now() / 1000,
    platform: 'javascript',
    level: 'error',
    release: 'xss@1.0.0',
    environment: 'production',
    sdk: { name: corpus.img, version: corpus.script },
    logentry: { formatted: joined },
    user: { id: corpus.script, email: corpus.img, username: corpus.template, data: { note: corpus.style } },
    tags: Object.fromEntries(Object.entries(corpus).map(([name, value]) => [`x-${name}`.slice(0, 32), value.slice(0, 200)])),
    request: { url: corpus.javascriptUrl, method: 'GET', headers: { 'User-Agent': corpus.img, Referer: corpus.javascriptUrl } },
    breadcrumbs: {
      values: [
        { timestamp: Date.now() / 1000 - 2, category: corpus.script, level: 'info', message: corpus.img },
        { timestamp: Date.now() / 1000 - 1, type: 'http', category: 'fetch', level: 'error', data: { method: 'GET', url: corpus.javascriptUrl, status_code: 500 } },
        { timestamp: Date.now() / 1000 - 0.5, category: 'console', level: 'warning', message: corpus.template, data: { arguments: [corpus.style] } },
      ],
    },
    contexts: { vue: { componentName: corpus.svg, lifecycleHook: corpus.attr, trace: corpus.comment, propsData: { label: corpus.template, html: corpus.iframe, nested: { x: corpus.script } } } },
    extra: { payload: corpus.comment },
    exception: {
      values: [
        {
          type: corpus.attr,
          value: `${corpus.img} ${corpus.template}`,
          mechanism: { type: 'onerror', handled: false },
          stacktrace: {
            frames: [
              { filename: corpus.iframe, abs_path: corpus.javascriptUrl, function: corpus.svg, lineno: 1, colno: 1, in_app: true },
              { filename: corpus.style, function: corpus.script, lineno: 2, colno: 2, in_app: true, pre_context: [corpus.comment], context_line: corpus.img, post_context: [corpus.template] },
            ],
          },
        },
      ],
    },
  };
}

/**
 * A transaction carrying the corpus in its name, op, span ops and descriptions, tags, measurement
 * names, release and environment; `traceId` links the hostile error event to it.
 */
export function hostileTransaction(corpus: Record<string, string>, traceId: string): Record<string, unknown> {
  const all = Object.values(corpus);
  const end = Date.now() / 1000;
  const start = end - 2;
  const root = '1234567890abcdef';
  return {
    type: 'transaction',
    event_id: newEventId(),
    platform: 'javascript',
    transaction: corpus.script,
    transaction_info: { source: 'url' },
    start_timestamp: start,
    timestamp: end,
    release: corpus.img.slice(0, 200),
    environment: corpus.attr.slice(0, 64),
    contexts: { trace: { trace_id: traceId, span_id: root, op: corpus.svg, status: corpus.comment } },
    spans: all.map((value, i) => ({
      span_id: (i + 1).toString(16).padStart(16, '0'),
      parent_span_id: i ? (i).toString(16).padStart(16, '0') : root,
      trace_id: traceId,
      op: value,
      description: all[(i + 3) % all.length],
      start_timestamp: start + i * 0.1,
      timestamp: start + i * 0.1 + 0.3,
    })),
    measurements: { ...Object.fromEntries(all.map((value, i) => [value.slice(0, 64), { value: i, unit: corpus.template.slice(0, 32) }])), lcp: { value: 3000, unit: 'millisecond' } },
    tags: Object.fromEntries(Object.entries(corpus).map(([name, value]) => [`x-${name}`.slice(0, 32), value.slice(0, 200)])),
    request: { url: corpus.javascriptUrl },
    user: { id: corpus.iframe },
    sdk: { name: corpus.img, version: corpus.script },
  };
}

/** A page of the UI opened in a context of its own, with every dialog, console error and page error it produces. */
export interface WatchedPage {
  page: Page;
  dialogs: string[];
  consoleErrors: string[];
}

/** Opens `url` and records what a script injected into it would set off; the context closes with the page. */
export async function openWatchedPage(browser: Browser, url: string): Promise<WatchedPage> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const dialogs: string[] = [];
  const consoleErrors: string[] = [];
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  page.on('console', (m) => m.type() == 'error' && consoleErrors.push(m.text()));
  page.on('pageerror', (e) => consoleErrors.push(e.message));
  page.on('close', () => void context.close().catch(() => undefined));
  await page.goto(url, { waitUntil: 'load' });
  return { page, dialogs, consoleErrors };
}
