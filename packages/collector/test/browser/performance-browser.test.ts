// The Performance pages in real Chromium, filled by real transactions: pages on 127.0.0.1 running
// Sentry's own @sentry/browser 10 with browserTracingIntegration (bundled by esbuild), each page
// load making a fetch, shifting its layout and capturing an error in its trace. What a developer
// checks: the route's row with its vitals, the transaction's waterfall, the error linked back.
import { buildSync } from 'esbuild';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { launchBrowser } from '../../../core/test/helpers/browser';
import { startStaticServer, type StaticServer } from '../helpers/e2e-static-server';
import { removeTestDirs, startTestCollector, type TestCollector } from '../helpers/test-collector';

vi.setConfig({ testTimeout: 90_000, hookTimeout: 180_000 });

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '../../../..');
const DOCS = join(dirname(fileURLToPath(import.meta.url)), '../../docs');
const OUT = mkdtempSync(join(tmpdir(), 'faultline-perf-site-'));

// The app: Sentry with tracing at 100 %, a fetch during the page load, a late banner that shifts
// the layout (CLS), a big heading for LCP, and an error captured while the page load is open.
const APP = `import * as Sentry from '@sentry/browser';
Sentry.init({ dsn: window.__DSN__, release: 'perf@1.0.0', environment: 'production', tracesSampleRate: 1, integrations: [Sentry.browserTracingIntegration()] });
fetch('/api/cart.json').then((r) => r.text()).then(() => {
  const banner = document.createElement('div');
  banner.className = 'banner';
  banner.textContent = 'Free shipping today';
  document.body.prepend(banner);
  Sentry.captureException(new Error('cart total missing'));
});
// A click that blocks the main thread for 200 ms: the interaction Sentry reports as INP.
document.querySelector('#slow')?.addEventListener('click', () => {
  const until = performance.now() + 200;
  while (performance.now() < until);
});
`;

const page = (title: string, extra = '') => `<!doctype html><html><head><meta charset="utf-8"><title>${title}</title>
<script>window.__DSN__ = DSN_HERE;</script>
<style>.banner { height: 180px; background: #fde; font-size: 40px; } h1 { font-size: 64px; }</style>
</head><body><h1>${title}: a heading large enough to be the largest contentful paint</h1>
<p>Some text below, pushed down by the banner.</p>${extra}<script src="/app.js"></script></body></html>`;

let browser: Browser;
let collector: TestCollector;
let site: StaticServer;
let checkoutUrl: string;
let slowUrl: string;
let clickUrl: string;

interface Summary { transactions: Array<{ name: string; count: number; vitals: Record<string, { p75: number; rating: string }> }> }
interface ApiTx { eventID: string; transaction: string }

/** Loads a page (each of the site's requests `latencyMs` late, if given) and keeps it open until its page load is stored. */
async function load(browserUrl: string, latencyMs = 0): Promise<void> {
  const before = await stored();
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const p = await context.newPage();
  // Held back in the browser before it goes out, so Navigation Timing sees the wait (the collector's origin is not delayed).
  if (latencyMs) await p.route(`${site.url}/**`, async (route) => {
    await new Promise((r) => setTimeout(r, latencyMs));
    await route.continue();
  });
  await p.goto(browserUrl, { waitUntil: 'load' });
  // The page load ends once the page has been idle for a second, then the SDK sends it.
  await waitForSummary((s) => total(s) > before);
  await p.close();
  await context.close();
}

const total = (s: Summary) => s.transactions.reduce((n, t) => n + t.count, 0);
const stored = async () => total((await (await collector.api('/api/0/projects/sentry/default/performance/')).json()) as Summary);

async function waitForSummary(check: (s: Summary) => boolean): Promise<Summary> {
  const until = Date.now() + 30_000;
  for (;;) {
    const s = (await (await collector.api('/api/0/projects/sentry/default/performance/')).json()) as Summary;
    if (check(s)) return s;
    if (Date.now() > until) throw new Error(`transactions did not arrive: ${JSON.stringify(s)}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

beforeAll(async () => {
  browser = await launchBrowser();
  collector = await startTestCollector({ timeZone: 'UTC' });
  const bundle = buildSync({ stdin: { contents: APP, resolveDir: ROOT, loader: 'js' }, bundle: true, format: 'iife', target: 'es2020', write: false, logLevel: 'silent' });
  writeFileSync(join(OUT, 'app.js'), bundle.outputFiles[0].text);
  mkdirSync(join(OUT, 'api'));
  writeFileSync(join(OUT, 'api/cart.json'), '{"items":3}');
  site = await startStaticServer(OUT);
  const dsn = JSON.stringify(collector.info.dsn);
  checkoutUrl = site.page(page('Checkout').replace('DSN_HERE', dsn));
  const homeUrl = site.page(page('Home').replace('DSN_HERE', dsn));
  slowUrl = site.page(page('Slow').replace('DSN_HERE', dsn));
  clickUrl = site.page(page('Click', '<button id="slow">Recalculate</button>').replace('DSN_HERE', dsn));
  for (const url of [checkoutUrl, checkoutUrl, homeUrl]) await load(url);
  // 3 s for every request of the site: the document's first byte, its paints and its fetch all come late.
  await load(slowUrl, 3000);
  await collector.idle();
});

afterAll(async () => {
  await collector?.close();
  await site?.close();
  await browser?.close();
  rmSync(OUT, { recursive: true, force: true });
  removeTestDirs();
});

async function uiPage(path: string): Promise<{ page: Page; errors: string[] }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, timezoneId: 'Europe/Berlin' });
  const p = await context.newPage();
  const errors: string[] = [];
  p.on('console', (m) => m.type() == 'error' && errors.push(m.text()));
  p.on('pageerror', (e) => errors.push(e.message));
  p.on('close', () => void context.close().catch(() => undefined));
  await p.goto(`${collector.url}${path}`);
  return { page: p, errors };
}

/** A full-page PNG, checked not blank; kept in docs/ when UPDATE_UI_SCREENSHOTS=1. */
async function screenshot(p: Page, name: string): Promise<void> {
  const png = await p.screenshot({ fullPage: true });
  expect(png.subarray(1, 4).toString()).toBe('PNG');
  expect(png.readUInt32BE(16)).toBe(1280); // IHDR width
  expect(png.length).toBeGreaterThan(20_000); // a blank page compresses to a few KB
  if (process.env.UPDATE_UI_SCREENSHOTS == '1') {
    if (!existsSync(DOCS)) mkdirSync(DOCS, { recursive: true });
    writeFileSync(join(DOCS, name), png);
  }
}

describe("@sentry/browser's page loads", () => {
  it('arrive as one pageload transaction per load, named by path, with LCP, FCP, CLS and TTFB', async () => {
    const s = await waitForSummary(() => true);
    const path = new URL(checkoutUrl).pathname;
    const checkout = s.transactions.find((t) => t.name == path)!;
    expect(checkout.count).toBe(2);
    for (const vital of ['lcp', 'fcp', 'cls', 'ttfb']) expect(checkout.vitals[vital], vital).toBeDefined();
    expect(checkout.vitals.cls.p75).toBeGreaterThan(0);
  });

  it('rate a page whose requests each wait 3 s poor on TTFB and not good on FCP and LCP', async () => {
    const s = await waitForSummary(() => true);
    const slow = s.transactions.find((t) => t.name == new URL(slowUrl).pathname)!;
    expect(slow.count).toBe(1);
    expect(slow.vitals.ttfb).toMatchObject({ rating: 'poor' });
    expect(slow.vitals.ttfb.p75).toBeGreaterThan(1800);
    expect(slow.vitals.fcp.rating).not.toBe('good');
    expect(slow.vitals.lcp.rating).not.toBe('good');
  });
});

describe("@sentry/browser's INP", () => {
  it('arrives as a standalone span and is kept as a ui.interaction.click transaction of the route, with its INP', async () => {
    const before = await stored();
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const p = await context.newPage();
    await p.goto(clickUrl, { waitUntil: 'load' });
    await waitForSummary((s) => total(s) > before);
    await p.click('#slow');
    await p.waitForTimeout(300);
    // web-vitals reports INP when the page goes away; Sentry then sends it as a `span` item.
    await p.close({ runBeforeUnload: true });
    const path = new URL(clickUrl).pathname;
    const s = await waitForSummary((x) => x.transactions.some((t) => t.name == path && t.vitals.inp));
    expect(s.transactions.find((t) => t.name == path)!.vitals.inp.p75).toBeGreaterThanOrEqual(190);
    const rows = collector.db.prepare("SELECT name, op, inp, trace_id FROM transactions WHERE op LIKE 'ui.interaction.%'").all() as Array<{ name: string; op: string; inp: number; trace_id: string }>;
    expect(rows).toEqual([{ name: path, op: 'ui.interaction.click', inp: expect.any(Number), trace_id: expect.stringMatching(/^[0-9a-f]{32}$/) }]);
    const pageload = collector.db.prepare("SELECT trace_id FROM transactions WHERE name = ? AND op = 'pageload'").get(path) as { trace_id: string };
    expect(rows[0].trace_id).toBe(pageload.trace_id);
    await context.close();
  });
});

describe('the Performance page', () => {
  it('shows each route with its count and coloured vitals, links to its transactions and to a waterfall with spans, vitals and the linked error', async () => {
    const { page: p, errors } = await uiPage('/');
    await p.getByRole('link', { name: 'Performance', exact: true }).click();
    await p.waitForURL(/\/performance\/$/);
    const path = new URL(checkoutUrl).pathname;
    const row = p.locator('tr.transaction-summary', { hasText: path });
    expect(await row.locator('td').nth(1).innerText()).toBe('2');
    for (const vital of ['lcp', 'fcp', 'cls', 'ttfb']) expect(await row.locator(`td[data-vital="${vital}"] .vital`).getAttribute('data-rating')).toMatch(/^(good|needs-improvement|poor)$/);
    const colour = await row.locator('td[data-vital="fcp"] .vital').evaluate((el) => getComputedStyle(el).color);
    expect(colour).not.toBe(await row.locator('td').nth(1).evaluate((el) => getComputedStyle(el).color));
    await screenshot(p, 'performance.png');

    await p.getByRole('link', { name: 'Last 14 days' }).click();
    await p.waitForURL(/period=14d/);
    await row.getByRole('link', { name: path }).click();
    await p.waitForURL(/\/performance\/summary\//);
    expect(await p.locator('tr.transaction').count()).toBe(2);
    await p.locator('tr.transaction a').first().click();
    await p.waitForURL(/\/performance\/transactions\/[0-9a-f]{32}\//);

    expect(await p.locator('h1').innerText()).toBe(path);
    const labels = await p.locator('svg.waterfall .span-label').allTextContents();
    expect(labels[0]).toMatch(/^pageload — /);
    expect(labels.some((l) => l.startsWith('http.client — GET '))).toBe(true);
    expect(labels.some((l) => l.startsWith('browser.'))).toBe(true);
    // Every bar lies inside the drawing, right of the labels.
    const bars = await p.locator('svg.waterfall rect.span-bar').evaluateAll((rects) => rects.map((r) => [Number(r.getAttribute('x')), Number(r.getAttribute('width'))]));
    for (const [x, w] of bars) expect(x >= 380 && x + w <= 1000.5).toBe(true);
    await screenshot(p, 'transaction.png');
    const measured = await p.locator('table.measurements th').allInnerTexts();
    for (const vital of ['lcp', 'fcp', 'cls', 'ttfb']) expect(measured).toContain(vital);
    await p.locator('table.trace-errors a', { hasText: 'Error: cart total missing' }).first().click();
    await p.waitForURL(/\/issues\/\d+\//);
    expect(await p.locator('h1').innerText()).toContain('cart total missing');
    expect(await p.locator('.trace-link a').innerText()).toBe(path);
    expect(errors).toEqual([]);
    await p.close();
  });
});
