// The Performance pages as HTML, from transactions sent through the real ingest: the summary
// table (percentiles, vitals coloured by rating, period, environment, sort), a name's latest
// transactions, a transaction with its waterfall, measurements, tags and the errors of its
// trace, the issue page's link back; and the XSS corpus in every field, shown only as text.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorEvent, eventEnvelope } from '../helpers/envelopes';
import { removeTestDirs, startTestCollector, type TestCollector } from '../helpers/test-collector';
import { hexId, transactionEnvelope, transactionEvent } from '../helpers/transactions';
import { uiOf } from '../helpers/ui-client';
import { hostileEvent, hostileTransaction, xssCorpus } from '../helpers/ui-xss';

let c: TestCollector;
const now = Date.now() / 1000;
const traceId = hexId(16);
// /checkout: 4 loads, LCP p75 3000 (needs improvement), CLS p75 0.3 (poor), FCP good; /home in staging, 3 days ago.
const checkout = [1, 2, 3, 4].map((i) => transactionEvent({ name: '/checkout', durationMs: i * 250, end: now - i * 60, traceId: i == 1 ? traceId : undefined, vitals: { lcp: i * 1000, fcp: 500, cls: i / 10 - 0.1 } }));
const home = transactionEvent({ name: '/home', durationMs: 90, end: now - 3 * 86400, environment: 'staging', vitals: { ttfb: 2000 } });
const error = errorEvent({ contexts: { trace: { trace_id: traceId, span_id: hexId(8) } } });
const corpus = xssCorpus('http://127.0.0.1:9');
const hostileTrace = hexId(16);
const hostileTx = hostileTransaction(corpus, hostileTrace);
const hostileError = hostileEvent(corpus);
hostileError.contexts = { ...(hostileError.contexts as object), trace: { trace_id: hostileTrace, span_id: hexId(8) } };

beforeAll(async () => {
  c = await startTestCollector({ timeZone: 'UTC' });
  for (const tx of [...checkout, home]) expect((await c.ingest(transactionEnvelope(tx))).status).toBe(200);
  expect((await c.ingest(eventEnvelope(error))).status).toBe(200);
  await c.idle();
});
afterAll(async () => {
  await c?.close();
  removeTestDirs();
});

const page = async (path: string) => {
  const res = await uiOf(c).get(path);
  expect(res.status).toBe(200);
  return res.text();
};
const rowNames = (html: string) => [...html.matchAll(/class="transaction-name" href="[^"]*">([^<]*)</g)].map((m) => m[1]);

describe('the Performance page', () => {
  it('is linked from the top bar and lists per name the count, p50/p75/p95 and each vital p75 coloured by its rating', async () => {
    expect(await page('/')).toContain('<a href="/performance/">Performance</a>');
    const html = await page('/performance/');
    expect(rowNames(html)).toEqual(['/checkout']);
    const row = /<tr class="transaction-summary">([\s\S]*?)<\/tr>/.exec(html)![1];
    const cells = [...row.matchAll(/<td[^>]*>([\s\S]*?)<\/td>/g)].map((m) => m[1].replace(/<span class="sr-only">.*?<\/span>/g, '').replace(/<[^>]+>/g, ''));
    // name, count, p50, p75, p95, LCP, FCP, CLS, INP, TTFB
    expect(cells).toEqual(['/checkout', '4', '500 ms', '750 ms', '1.00 s', '3.00 s', '500 ms', '0.2', '–', '–']);
    expect(row).toContain('data-vital="lcp"><span class="vital vital-needs-improvement"');
    expect(row).toContain('data-vital="fcp"><span class="vital vital-good"');
    expect(row).toContain('data-vital="cls"><span class="vital vital-needs-improvement"');
    expect(row).toContain('(needs improvement)');
  });

  it('switches to 14 days, filters by environment and sorts, all in the URL', async () => {
    expect(rowNames(await page('/performance/?period=14d'))).toEqual(['/checkout', '/home']);
    const staging = await page('/performance/?period=14d&environment=staging');
    expect(rowNames(staging)).toEqual(['/home']);
    expect(staging).toContain('<span class="vital vital-poor"');
    expect(staging).toMatch(/<option value="staging" selected>/);
    expect(rowNames(await page('/performance/?period=14d&sort=name'))).toEqual(['/checkout', '/home']);
    expect(rowNames(await page('/performance/?period=14d&sort=ttfb'))).toEqual(['/home', '/checkout']);
    const toggles = await page('/performance/?environment=production');
    expect(toggles).toContain('href="/performance/?project=default&amp;period=14d&amp;environment=production"');
  });

  it('says what to do when there are no transactions', async () => {
    expect(await page('/performance/?environment=nowhere')).toContain('No transactions in the last 24 hours');
  });
});

describe('a transaction name', () => {
  it('shows its percentiles and latest transactions, newest first, each linked to its page', async () => {
    const html = await page('/performance/summary/?project=default&name=%2Fcheckout');
    expect(html).toContain('<h1>/checkout</h1>');
    const links = [...html.matchAll(/href="\/performance\/transactions\/([0-9a-f]{32})\/\?project=default"/g)].map((m) => m[1]);
    expect(links).toEqual(checkout.map((t) => t.event_id));
    expect(html).toMatch(/<span class="label">p95<\/span><span class="value">1.00 s<\/span>/);
  });
});

describe('a transaction', () => {
  it('draws its spans as an SVG waterfall, bars placed by start and length, with its measurements, tags and the errors of its trace', async () => {
    const tx = checkout[0];
    const html = await page(`/performance/transactions/${tx.event_id}/?project=default`);
    expect(html).toContain('<svg class="waterfall"');
    // The root bar spans the whole bar area; the request starts 10 ms into the 250 ms transaction.
    const bars = [...html.matchAll(/<rect x="([\d.]+)" y="[\d.]+" width="([\d.]+)"[^>]*class="span-bar ([^"]+)"/g)].map((m) => [Number(m[1]), Number(m[2]), m[3]]);
    expect(bars).toHaveLength(3);
    expect(bars[0]).toEqual([380, 610, 'root']);
    expect(bars[1][0]).toBeCloseTo(380 + (0.01 / 0.25) * 610, 0);
    expect(bars[1][1]).toBeCloseTo((0.19 / 0.25) * 610, 0);
    expect(bars[2][2]).toBe('op-http');
    expect(html).toContain('http.client — GET /api/cart');
    expect(html).toMatch(/<th scope="row">lcp<\/th><td class="num"><span class="vital vital-good"/);
    expect(html).toMatch(/<th scope="row">route<\/th><td><pre>\/checkout<\/pre>/);
    const issues = await (await c.api('/api/0/projects/sentry/default/issues/')).json();
    expect(html).toContain(`<a href="/issues/${issues[0].id}/?event=${error.event_id}">`);
  });

  it('is linked from the issue page of an error in its trace', async () => {
    const issues = await (await c.api('/api/0/projects/sentry/default/issues/')).json();
    const html = await page(`/issues/${issues[0].id}/`);
    expect(html).toContain(`In transaction <a href="/performance/transactions/${checkout[0].event_id}/?project=default">/checkout</a>`);
  });

  it('answers 404 for an unknown one', async () => {
    expect((await uiOf(c).get(`/performance/transactions/${hexId(16)}/`)).status).toBe(404);
  });
});

describe('hostile transaction data', () => {
  let pages: string[];
  beforeAll(async () => {
    expect((await c.ingest(transactionEnvelope(hostileTx))).status).toBe(200);
    expect((await c.ingest(eventEnvelope(hostileError))).status).toBe(200);
    await c.idle();
    const issues = (await (await c.api('/api/0/projects/sentry/default/issues/')).json()) as Array<{ id: string; title: string }>;
    const hostileIssue = issues.find((i) => i.title.includes('onmouseover'))!;
    pages = await Promise.all([
      page('/performance/'),
      page(`/performance/?environment=${encodeURIComponent(corpus.attr)}&sort=${encodeURIComponent(corpus.script)}`),
      page(`/performance/summary/?project=default&name=${encodeURIComponent(corpus.script)}`),
      page(`/performance/transactions/${hostileTx.event_id}/?project=default`),
      page(`/issues/${hostileIssue.id}/`),
    ]);
  });

  it('never writes a corpus string as markup, on any of the pages: only our own elements and attributes', () => {
    for (const html of pages) {
      for (const value of Object.values(corpus)) if (/[<>"']/.test(value)) expect(html).not.toContain(value);
      const tags = [...html.matchAll(/<([a-zA-Z][\w-]*)([^>]*)>/g)];
      const names = new Set(tags.map((t) => t[1].toLowerCase()));
      for (const bad of ['img', 'iframe', 'style', 'use', 'object', 'embed']) expect(names.has(bad)).toBe(false);
      expect(tags.filter((t) => t[1].toLowerCase() == 'script').map((t) => t[2])).toEqual([' src="/_static/ui.js" defer']);
      // Attribute values are double-quoted with every quote inside escaped, so this reads every attribute name.
      const attributes = tags.flatMap((t) => [...t[2].matchAll(/\s([^\s=]+)(?:="[^"]*")?/g)].map((a) => a[1].toLowerCase()));
      expect(attributes.filter((a) => a.startsWith('on') || !/^[a-z][a-z0-9-]*$/.test(a))).toEqual([]);
      expect(html).not.toMatch(/href="\s*javascript:/i);
    }
  });

  it('shows the name, ops, descriptions, tags and measurement names as escaped text', () => {
    const [list, , names, tx, issue] = pages;
    const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
    expect(list).toContain(`>${esc(corpus.script)}</a>`);
    expect(names).toContain(`<h1>${esc(corpus.script)}</h1>`);
    expect(tx).toContain(`<h1>${esc(corpus.script)}</h1>`);
    for (const value of Object.values(corpus)) {
      expect(tx).toContain(esc(value.slice(0, 20))); // span ops and descriptions (labels cut), tags
      expect(tx).toContain(`<th scope="row">${esc(value.slice(0, 64))}</th>`); // measurement names
    }
    expect(issue).toContain(`In transaction <a href="/performance/transactions/${hostileTx.event_id}/?project=default">${esc(corpus.script)}</a>`);
  });
});
