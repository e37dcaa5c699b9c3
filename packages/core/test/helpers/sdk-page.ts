// Pages that load the built IIFE bundle from a plain <script> tag and call Faultline.init, for
// browser tests that assert on what the test ingest received.
import type { Browser } from 'playwright-core';
import { expect } from 'vitest';
import type * as FaultlineApi from '../../src/index';
import type { Envelope, Event } from '../../src/types';
import { openPage, type OpenedPage } from './browser';
import type { Ingest } from './ingest-server';
import { expectValidEvent } from './schema';

declare global {
  /** The IIFE bundle's global, on test pages. */
  var Faultline: typeof FaultlineApi;
  /** Envelopes a custom transport saw, on test pages. */
  var __sent: Envelope[];
  /** Anything a test page's script hands back to the test. */
  var __out: Record<string, unknown>;
}

export interface SdkPageOptions {
  /** JS source of the object given to `Faultline.init`; `DSN` holds `ingest.dsn()`. @default '{ dsn: DSN }' */
  init?: string;
  /** An inline script run after init (its errors' frames point at the page URL). */
  script?: string;
  /** Skip the init call (the test calls it itself). */
  noInit?: boolean;
  /** Path of the SDK bundle on the pages origin. @default '/dist/faultline.min.js' */
  bundle?: string;
  /** An inline script run before the bundle loads (to take browser features away, say). */
  before?: string;
}

export interface SdkPage extends OpenedPage {
  url: string;
  html: string;
}

/** The page's HTML: bundle, init, then the test's script, each in its own <script> tag. */
export function sdkHtml(
  ingest: Ingest,
  { init = '{ dsn: DSN }', script = '', noInit = false, bundle = '/dist/faultline.min.js', before = '' }: SdkPageOptions = {},
): string {
  return [
    '<!doctype html>',
    '<html><head><meta charset="utf-8"><title>faultline test</title>',
    ...(before ? [`<script>${before}</script>`] : []),
    `<script src="${ingest.pagesUrl}${bundle}"></script>`,
    `<script>window.__out = {}; var DSN = ${JSON.stringify(ingest.dsn())};${noInit ? '' : ` Faultline.init(${init});`}</script>`,
    '</head><body>',
    `<script>${script}</script>`,
    '</body></html>',
  ].join('\n');
}

const opened = new Set<SdkPage>();

/** Registers and opens an SDK page. Close them all with `closePages()` after each test. */
export async function openSdkPage(browser: Browser, ingest: Ingest, options: SdkPageOptions = {}): Promise<SdkPage> {
  const html = sdkHtml(ingest, options);
  const url = ingest.page(html);
  const page = { ...(await openPage(browser, url)), url, html };
  opened.add(page);
  return page;
}

export async function closePages(): Promise<void> {
  const pages = [...opened];
  opened.clear();
  await Promise.all(pages.map((p) => p.page.close().catch(() => undefined)));
}

/** Every event the ingest received, whatever it answered. */
export function receivedEvents(ingest: Ingest): Event[] {
  return ingest.requests.flatMap((r) => r.events);
}

/**
 * What every test ends with: each received event valid against both Sentry event schemas,
 * no envelope refused for its framing, and no uncaught error in the page.
 */
export function expectClean(ingest: Ingest, page: OpenedPage): void {
  for (const event of receivedEvents(ingest)) expectValidEvent(event);
  expect(ingest.parseErrors.map((r) => r.rejection?.message)).toEqual([]);
  expect(page.pageErrors).toEqual([]);
}

/** Calls `Faultline.flush()` in the page, then waits a moment so late requests would show up. */
export async function flushAndSettle(page: OpenedPage, settleMs = 200): Promise<void> {
  await page.page.evaluate(() => Faultline.flush(5000));
  await new Promise((resolve) => setTimeout(resolve, settleMs));
}

/** The line (1-based) of the HTML that contains `text`, as the browser numbers inline scripts. */
export function lineOf(html: string, text: string): number {
  const index = html.indexOf(text);
  if (index < 0) throw new Error(`"${text}" is not in the page`);
  return html.slice(0, index).split('\n').length;
}
