// Hostile event data in every field the UI shows, rendered in real Chromium: nothing may run
// (no dialog, no console error, no request to the marker server) and every string must be shown
// as text, where a user would look for it.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { launchBrowser } from '../../../core/test/helpers/browser';
import { eventEnvelope } from '../helpers/envelopes';
import { removeTestDirs, startTestCollector, type TestCollector } from '../helpers/test-collector';
import { startMarkerServer, type MarkerServer } from '../helpers/ui-marker-server';
import { hostileEvent, openWatchedPage, xssCorpus, type WatchedPage } from '../helpers/ui-xss';

vi.setConfig({ testTimeout: 60_000, hookTimeout: 120_000 });

let browser: Browser;
let collector: TestCollector;
let marker: MarkerServer;
let corpus: Record<string, string>;
let issueId: string;

beforeAll(async () => {
  browser = await launchBrowser();
  marker = await startMarkerServer();
  collector = await startTestCollector();
  corpus = xssCorpus(marker.url);
  const res = await collector.ingest(eventEnvelope(hostileEvent(corpus)));
  expect(res.status).toBe(200);
  await collector.idle();
  const issues = await (await collector.api('/api/0/projects/sentry/default/issues/')).json();
  expect(issues).toHaveLength(1);
  issueId = issues[0].id;
});

afterAll(async () => {
  await browser?.close();
  await collector?.close();
  await marker?.close();
  removeTestDirs();
});

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

type Visit = WatchedPage;

async function visit(path: string): Promise<Visit> {
  const visited = await openWatchedPage(browser, `${collector.url}${path}`);
  // Hover and click around, so handlers like onmouseover would have had their chance.
  await visited.page.mouse.move(300, 300);
  await visited.page.mouse.move(600, 500);
  await visited.page.waitForTimeout(300);
  return visited;
}

/** Nothing ran and nothing was injected: our one script, no foreign elements, no javascript: links. */
async function expectInert(v: Visit) {
  expect(v.dialogs).toEqual([]);
  expect(v.consoleErrors).toEqual([]);
  expect(marker.hits).toEqual([]);
  const injected = await v.page.evaluate(() => ({
    scripts: [...document.scripts].map((s) => s.src.replace(location.origin, '')),
    foreign: document.querySelectorAll('img, iframe, object, embed, main style, use, svg:not(.sparkline)').length,
    jsLinks: document.querySelectorAll('a[href^="javascript:" i], [onerror], [onload], [onmouseover]').length,
    styles: document.styleSheets.length,
  }));
  expect(injected).toEqual({ scripts: ['/_static/ui.js'], foreign: 0, jsLinks: 0, styles: 1 });
}

describe('hostile event data', () => {
  it('the issue list shows the title as text and runs nothing', async () => {
    const v = await visit('/');
    await expectInert(v);
    // Titles are cut like Sentry's; what is shown is the text as sent.
    expect(await v.page.locator('.issue-title').innerText()).toMatch(new RegExp(`^${escapeRegExp(`${corpus.attr}: ${corpus.img} {{constructor`)}`));
    await v.page.close();
  });

  it('the list reflects a hostile search as text only', async () => {
    const v = await visit(`/?query=${encodeURIComponent(corpus.img)}&environment=${encodeURIComponent(corpus.script)}`);
    await expectInert(v);
    expect(await v.page.locator('input[name="query"]').inputValue()).toBe(corpus.img);
    await v.page.close();
  });

  it('the issue page shows every field as text: exception, frames, breadcrumbs, user, request, tags, Vue props', async () => {
    const v = await visit(`/issues/${issueId}/`);
    await expectInert(v);
    const p = v.page;
    expect(await p.locator('h1').innerText()).toContain(`${corpus.attr}: ${corpus.img}`);
    expect(await p.locator('.exc-type').innerText()).toBe(corpus.attr);
    expect(await p.locator('.exc-value').innerText()).toBe(`${corpus.img} ${corpus.template}`);
    const frames = await p.locator('.exception details.frame > summary').allInnerTexts();
    expect(frames.join('\n')).toContain(corpus.svg);
    expect(frames.join('\n')).toContain(corpus.script);
    expect(frames.join('\n')).toContain(corpus.iframe);
    expect(frames.join('\n')).toContain(corpus.style);
    const crumbs = await p.locator('table.breadcrumbs .crumb-message').allInnerTexts();
    expect(crumbs).toEqual([corpus.img, `GET ${corpus.javascriptUrl} 500`, corpus.template]);
    expect(await p.locator('table.breadcrumbs tbody tr').first().locator('td').nth(1).innerText()).toBe(corpus.script);
    const user = await p.locator('h2:text-is("User") + table').innerText();
    for (const s of [corpus.script, corpus.img, corpus.template]) expect(user).toContain(s);
    expect(await p.locator('th:text-is("URL") + td').innerText()).toBe(corpus.javascriptUrl);
    expect(await p.locator('th:text-is("URL") + td a').count()).toBe(0);
    const props = p.locator('table.props');
    expect(await props.locator('th:text-is("label") + td').innerText()).toBe(corpus.template);
    expect(await props.locator('th:text-is("html") + td').innerText()).toBe(corpus.iframe);
    expect(await p.locator('h2:text-is("Vue") + table').innerText()).toContain(corpus.svg);
    const tagValues = await p.locator('.tag-value').allInnerTexts();
    for (const value of Object.values(corpus)) expect(tagValues).toContain(value);
    expect(await p.locator('h2:text-is("Message") + pre').innerText()).toBe(Object.values(corpus).join(' '));
    await p.close();
  });

  it('the release page and the raw JSON stay inert', async () => {
    const v = await visit('/releases/xss%401.0.0/');
    await expectInert(v);
    expect(await v.page.locator('table.issues').innerText()).toContain(corpus.attr);
    await v.page.close();
    const latest = await (await collector.api(`/api/0/issues/${issueId}/events/latest/`)).json();
    const json = await visit(`/issues/${issueId}/events/${latest.eventID}/json/`);
    expect(json.dialogs).toEqual([]);
    expect(marker.hits).toEqual([]);
    expect(await json.page.evaluate(() => document.querySelectorAll('script, img, iframe').length)).toBe(0);
    await json.page.close();
  });
});
