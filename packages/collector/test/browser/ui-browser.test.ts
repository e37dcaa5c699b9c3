// The web UI in real Chromium, against a collector filled by real SDK events: a webpack build
// of the e2e app on @faultline/core (its maps uploaded by our plugin), and a Vue 3 app on the
// script-tag builds of @faultline/core and @faultline/vue. What a developer checks on each screen.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { launchBrowser, openPage } from '../../../core/test/helpers/browser';
import { FaultlineWebpackPlugin } from '../../../webpack-plugin/src/index';
import { waitForIssues, type ApiIssue } from '../helpers/e2e-api';
import { buildE2eApp, removeE2eBuilds, sourceLine, type E2eBuild } from '../helpers/e2e-build';
import { appPage, startStaticServer, type StaticServer } from '../helpers/e2e-static-server';
import { removeTestDirs, startTestCollector, type TestCollector } from '../helpers/test-collector';

vi.setConfig({ testTimeout: 60_000, hookTimeout: 180_000 });

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '../../../..');
const DOCS = join(dirname(fileURLToPath(import.meta.url)), '../../docs');
const SHOTS = mkdtempSync(join(tmpdir(), 'faultline-ui-shots-'));
const RELEASE = 'e2e@1.0.0';
const BOOM = sourceLine('cart.js', "throw new Error('boom')");

let browser: Browser;
let collector: TestCollector;
let build: E2eBuild;
let site: StaticServer;
let repo: StaticServer;
let issues: ApiIssue[];
const cleanups: Array<() => Promise<unknown>> = [];

/** A Vue 3 app from script tags: a component with props whose click handler throws. */
const vuePage = (dsn: string) => `<!doctype html><html><head><meta charset="utf-8"><title>vue shop</title>
<script src="/node_modules/vue/dist/vue.global.prod.js"></script>
<script src="/packages/core/dist/faultline.min.js"></script>
<script src="/packages/vue/dist/faultline-vue.min.js"></script>
</head><body><div id="app"></div><script>
const CartSummary = { name: 'CartSummary', props: { label: String, items: Number },
  setup(props) { return () => Vue.h('button', { id: 'vue-throw', onClick: () => { throw new Error('vue cart failed'); } }, props.label); } };
const app = Vue.createApp({ name: 'App', render: () => Vue.h(CartSummary, { label: 'Pay 3 items', items: 3 }) });
Faultline.init({ dsn: ${JSON.stringify(dsn)}, release: 'vue@2.0.0', integrations: [new FaultlineVue.VueIntegration({ app, attachProps: true, logErrors: false })] });
app.mount('#app');
</script></body></html>`;

beforeAll(async () => {
  browser = await launchBrowser();
  collector = await startTestCollector({ timeZone: 'Asia/Shanghai' });
  cleanups.push(() => collector.close());
  build = await buildE2eApp('index.js', [
    new FaultlineWebpackPlugin({ url: collector.url, authToken: collector.token, org: 'sentry', project: 'default', release: RELEASE, silent: true, failOnError: true }),
  ]);
  site = await startStaticServer(build.outDir);
  repo = await startStaticServer(ROOT);
  cleanups.push(() => site.close(), () => repo.close());

  // The shop: two console lines, then checkout (throws) and coupon (throws); then checkout again
  // from a fresh page load (the SDK's burst guard drops an identical error within 10 s on one page).
  const shopUrl = site.page(appPage(build.main, collector.info.dsn));
  const shop = await openPage(browser, shopUrl);
  const consoleLines = () => {
    console.log('cart opened');
    console.warn('stock low');
  };
  await shop.page.evaluate(consoleLines);
  for (const button of ['#checkout', '#coupon']) await shop.page.click(button);
  const again = await openPage(browser, shopUrl);
  await again.page.evaluate(consoleLines);
  await again.page.click('#checkout');
  const vue = await openPage(browser, repo.page(vuePage(collector.info.dsn)));
  await vue.page.click('#vue-throw');
  issues = await waitForIssues(collector, (list) => list.length >= 3 && list.some((i) => i.title == 'Error: boom' && i.count == '2'));
  await shop.page.close();
  await again.page.close();
  await vue.page.close();
});

afterAll(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  await browser?.close();
  removeE2eBuilds();
  removeTestDirs();
});

/** A fresh 1280 px wide page in the given time zone, recording console errors. */
async function uiPage(path: string, { timezoneId = 'Europe/Berlin', width = 1280 } = {}): Promise<{ page: Page; errors: string[] }> {
  const context = await browser.newContext({ timezoneId, viewport: { width, height: 900 } });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('console', (m) => m.type() == 'error' && errors.push(m.text()));
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('close', () => void context.close().catch(() => undefined));
  cleanups.push(() => page.close().catch(() => undefined));
  await page.goto(`${collector.url}${path}`);
  return { page, errors };
}

/** A full-page PNG, checked not blank; kept in docs/ when UPDATE_UI_SCREENSHOTS=1. */
async function screenshot(page: Page, name: string): Promise<Buffer> {
  const png = await page.screenshot({ fullPage: true, path: join(SHOTS, name) });
  expect(png.subarray(1, 4).toString()).toBe('PNG');
  expect(png.readUInt32BE(16)).toBe(1280); // IHDR width
  expect(png.length).toBeGreaterThan(30_000); // a blank page compresses to a few KB
  if (process.env.UPDATE_UI_SCREENSHOTS == '1') {
    if (!existsSync(DOCS)) mkdirSync(DOCS, { recursive: true });
    writeFileSync(join(DOCS, name), png);
  }
  return png;
}

const rowTexts = (page: Page) => page.locator('tr.issue .issue-title').allInnerTexts();

describe('issue list', () => {
  it('shows a row per issue with events, users, a sparkline and the release; times in the browser zone', async () => {
    const { page, errors } = await uiPage('/', { timezoneId: 'America/New_York' });
    expect((await rowTexts(page)).sort()).toEqual(['Error: boom', 'Error: vue cart failed', expect.stringMatching(/^TypeError: /)].sort());
    const boom = page.locator('tr.issue', { hasText: 'Error: boom' });
    await expect.poll(() => boom.locator('td.num').first().innerText()).toBe('2');
    expect(await boom.locator('.culprit').innerText()).toBe('checkout(src/cart.js)');
    expect(await boom.locator('svg.sparkline rect.bar:not(.empty)').count()).toBeGreaterThanOrEqual(1);
    expect(await boom.getByRole('link', { name: RELEASE }).count()).toBe(1);
    expect(await page.locator('svg.sparkline').count()).toBe(3);
    // Rendered in Asia/Shanghai by the server, shown in New York by ui.js.
    const title = await boom.locator('time').first().getAttribute('title');
    expect(title).toMatch(/EST|EDT|GMT-[45]/);
    expect(title).not.toContain('GMT+8');
    await screenshot(page, 'issue-list.png');
    expect(errors).toEqual([]);
  });

  it('filters by release, searches and sorts, all in the URL; keyboard shortcuts reach search and rows', async () => {
    const { page } = await uiPage('/');
    await page.selectOption('select[name="release"]', RELEASE);
    await page.click('button:has-text("Apply")');
    expect(new URL(page.url()).searchParams.get('release')).toBe(RELEASE);
    expect((await rowTexts(page)).sort()).toEqual(['Error: boom', expect.stringMatching(/^TypeError: /)]);
    await page.keyboard.press('/');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('name'))).toBe('query');
    await page.keyboard.type('boom');
    await page.keyboard.press('Enter');
    await page.waitForURL(/query=boom/);
    expect(await rowTexts(page)).toEqual(['Error: boom']);
    expect(new URL(page.url()).searchParams.get('release')).toBe(RELEASE);

    await page.goto(`${collector.url}/`);
    await page.getByRole('link', { name: 'Events', exact: true }).click();
    await page.waitForURL(/sort=freq/);
    expect((await rowTexts(page))[0]).toBe('Error: boom');
    await page.locator('body').press('j');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Error: boom');
  });

  it('resolves one issue from its row and the rest in bulk, then reopens them; the filters stay', async () => {
    const { page } = await uiPage(`/?release=${encodeURIComponent(RELEASE)}`);
    const coupon = page.locator('tr.issue', { hasText: 'TypeError' });
    await coupon.getByRole('button', { name: 'Resolve' }).click();
    await page.waitForLoadState();
    expect(new URL(page.url()).searchParams.get('release')).toBe(RELEASE);
    expect(await rowTexts(page)).toEqual(['Error: boom']);
    const resolved = issues.find((i) => i.title.startsWith('TypeError'))!;
    expect((await (await collector.api(`/api/0/issues/${resolved.id}/`)).json()).status).toBe('resolved');

    await page.goto(`${collector.url}/`);
    expect(await page.locator('button[data-bulk]').first().isDisabled()).toBe(true);
    await page.check('#select-all');
    await page.click('button:has-text("Resolve selected")');
    await page.waitForLoadState();
    expect(await page.locator('.empty-state').innerText()).toContain(collector.info.dsn);

    await page.selectOption('select[name="status"]', 'resolved');
    await page.click('button:has-text("Apply")');
    expect(new URL(page.url()).searchParams.get('status')).toBe('resolved');
    expect(await page.locator('tr.issue').count()).toBe(3);
    await page.check('#select-all');
    await page.click('button:has-text("Reopen selected")');
    await page.waitForLoadState();
    expect(await page.locator('tr.issue').count()).toBe(0);
    const api = await (await collector.api('/api/0/projects/sentry/default/issues/')).json();
    expect(api).toHaveLength(3);
  });

  it('fits a phone-width screen without horizontal scrolling', async () => {
    const { page } = await uiPage('/', { width: 390 });
    // Named in the failure: the elements that stick out on the right.
    const wide = await page.evaluate(() => [...document.querySelectorAll('body *')].filter((e) => e.getBoundingClientRect().right > 390).map((e) => `${e.tagName}.${e.className}`).slice(0, 8));
    expect(await page.evaluate(() => document.documentElement.scrollWidth), wide.join(', ')).toBeLessThanOrEqual(390);
    expect(await page.locator('tr.issue .issue-title').first().isVisible()).toBe(true);
  });
});

describe('issue page', () => {
  it('shows the symbolicated top frame with its line highlighted, breadcrumbs in order, tags with percentages', async () => {
    const { page, errors } = await uiPage('/');
    await page.getByRole('link', { name: 'Error: boom' }).click();
    await page.waitForURL(/\/issues\/\d+\/$/);
    expect(await page.locator('h1').innerText()).toContain('Error: boom');
    expect(await page.locator('.facts').innerText()).toMatch(/Events\s*2/);

    const top = page.locator('.exception details.frame').first();
    expect(await top.locator('summary').innerText()).toMatch(new RegExp(`^checkout at src/cart\\.js:${BOOM.line}:\\d+`));
    expect(await top.getAttribute('open')).not.toBeNull();
    const current = top.locator('li.line.current');
    expect(await current.locator('code').innerText()).toBe(BOOM.text);
    expect(await current.locator('.lineno').innerText()).toBe(String(BOOM.line));
    // The minified frames are one toggle away.
    const raw = page.locator('details.raw-frames').first();
    expect(await raw.locator('> summary').innerText()).toContain('Minified frames');
    expect(await raw.locator('.file').first().isVisible()).toBe(false);
    await raw.locator('> summary').click();
    expect(await raw.locator('.file').first().innerText()).toMatch(/static\/js\/main\.[0-9a-f]{8}\.js:\d+:\d+/);

    const crumbs = await page.locator('table.breadcrumbs tbody tr .crumb-message').allInnerTexts();
    const at = (text: string) => crumbs.findIndex((c) => c.includes(text));
    expect(at('cart opened')).toBeGreaterThanOrEqual(0);
    expect(at('cart opened')).toBeLessThan(at('stock low'));
    expect(at('stock low')).toBeLessThan(crumbs.findIndex((c) => c.includes('#checkout') || c.includes('button')));

    const tags = page.locator('.tags');
    expect(await tags.locator('h4').allInnerTexts()).toEqual(expect.arrayContaining(['browser', 'release']));
    expect(await tags.locator('section.tag', { has: page.locator('h4', { hasText: /^release$/ }) }).innerText()).toMatch(/100%\s*e2e@1\.0\.0/);
    await screenshot(page, 'issue-page.png');
    expect(errors).toEqual([]);
  });

  it('moves between older and newer events, lists them, and links the raw JSON', async () => {
    const boom = issues.find((i) => i.title == 'Error: boom')!;
    const { page } = await uiPage(`/issues/${boom.id}/`);
    const latestId = await page.locator('nav.event-nav code').innerText();
    expect(await page.locator('a.disabled', { hasText: 'Newer' }).count()).toBe(1);
    await page.getByRole('link', { name: '← Older' }).click();
    await page.waitForURL(/\?event=[0-9a-f]{32}$/);
    const olderId = await page.locator('nav.event-nav code').innerText();
    expect(olderId).not.toBe(latestId);
    expect(await page.locator('a.disabled', { hasText: 'Older' }).count()).toBe(1);
    await page.keyboard.press(']');
    await page.waitForURL(new RegExp(`event=${latestId}$`));
    expect(await page.locator('table.events tr').count()).toBe(2);

    const href = await page.getByRole('link', { name: 'Raw JSON' }).getAttribute('href');
    const res = await page.request.get(`${collector.url}${href}`);
    expect(res.headers()['content-type']).toBe('application/json; charset=utf-8');
    expect((await res.json()).event_id).toBe(latestId);
  });

  it("shows the Vue component, hook and props of a @faultline/vue event", async () => {
    const vue = issues.find((i) => i.title == 'Error: vue cart failed')!;
    const { page } = await uiPage(`/issues/${vue.id}/`);
    const section = page.locator('h2:has-text("Vue") + table');
    expect(await section.innerText()).toContain('CartSummary');
    const props = page.locator('table.props');
    expect(await props.locator('th:text-is("label") + td').innerText()).toBe('Pay 3 items');
    expect(await props.locator('th:text-is("items") + td').innerText()).toBe('3');
  });
});

describe('release page', () => {
  it("shows the release's events, new issues and session health", async () => {
    const { page } = await uiPage('/');
    await page.locator('tr.issue', { hasText: 'Error: boom' }).getByRole('link', { name: RELEASE }).click();
    await page.waitForURL(/\/releases\/e2e%401\.0\.0\//);
    expect(await page.locator('[data-fact="events"]').innerText()).toBe('3');
    expect(await page.locator('[data-fact="new-issues"]').innerText()).toBe('2');
    expect(await page.locator('[data-fact="crash-free"]').innerText()).toMatch(/^(\d+(\.\d)?%|–)$/);
    expect(await page.locator('h2:has-text("Dropped by the SDK")').count()).toBe(1);
  });
});

afterAll(() => {
  // Keep the screenshots' location in the output for whoever wants to look.
  if (existsSync(join(SHOTS, 'issue-list.png'))) console.log(`UI screenshots: ${SHOTS} (${readFileSync(join(SHOTS, 'issue-list.png')).length} bytes list)`);
});
