// Browser-test setup for @faultline/tracing: core + tracing built from the sources into one
// script-tag bundle (global `Faultline`, with `Faultline.tracingIntegration`), served by core's
// test ingest beside the pages; transactions read back from what the ingest received.
import { build } from 'esbuild';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Request } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import { launchBrowser, openPage, type OpenedPage } from '../../../core/test/helpers/browser';
import { DEFAULT_ROOTS, startIngest, type Ingest } from '../../../core/test/helpers/ingest-server';
import { expectValidEvent } from '../../../core/test/helpers/schema';
import type { Span } from '../../src/transaction';

const coreSrc = fileURLToPath(new URL('../../../core/src/index.ts', import.meta.url));
/** The built packages (`npm run build`), for the script-tag test. */
const tracingDist = fileURLToPath(new URL('../../dist', import.meta.url));
const tracingSrc = fileURLToPath(new URL('../../src/index.ts', import.meta.url));

/** A transaction as it arrived (the fields the tests read). */
export interface ReceivedTransaction {
  event_id: string;
  type: string;
  transaction: string;
  transaction_info: { source: string };
  start_timestamp: number;
  timestamp: number;
  contexts: { trace: { trace_id: string; span_id: string; op: string; status: string } };
  spans: Span[];
  measurements?: Record<string, { value: number; unit: string }>;
  tags?: Record<string, string>;
  user?: Record<string, unknown>;
  release?: string;
  environment?: string;
  sdk?: { name: string; version: string };
  request?: { url?: string };
  [key: string]: unknown;
}

/** Builds `faultline-tracing.js` from the sources into a fresh temp dir; returns the dir. */
export async function buildTracingBundle(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'faultline-tracing-'));
  const result = await build({
    stdin: {
      contents: `export * from ${JSON.stringify(coreSrc)}; export { tracingIntegration, browserTracingIntegration } from ${JSON.stringify(tracingSrc)};`,
      resolveDir: dir,
      loader: 'ts',
    },
    // One core in the page: tracing's import of the package resolves to the same sources.
    alias: { '@faultline/core': coreSrc },
    nodePaths: [fileURLToPath(new URL('../../../../node_modules', import.meta.url))],
    bundle: true,
    format: 'iife',
    globalName: 'Faultline',
    platform: 'browser',
    target: 'es2020',
    write: false,
    logLevel: 'silent',
  });
  await writeFile(join(dir, 'faultline-tracing.js'), result.outputFiles[0].contents);
  // Vue 3 and Vue Router 4 for the router test, as the page's globals `Vue` and `VueRouter`.
  const vue = await build({
    stdin: {
      contents: `import * as Vue from 'vue'; import * as VueRouter from 'vue-router'; Object.assign(window, { Vue, VueRouter });`,
      resolveDir: fileURLToPath(new URL('../../../../', import.meta.url)),
    },
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: 'es2020',
    write: false,
    logLevel: 'silent',
    define: {
      'process.env.NODE_ENV': '"production"',
      __VUE_OPTIONS_API__: 'true',
      __VUE_PROD_DEVTOOLS__: 'false',
      __VUE_PROD_HYDRATION_MISMATCH_DETAILS__: 'false',
    },
  });
  await writeFile(join(dir, 'vue.js'), vue.outputFiles[0].contents);
  return dir;
}

export interface TracingPageOptions {
  /** JS source of the init options; `DSN` holds the ingest's DSN, `tracingIntegration` is in scope. */
  init?: string;
  /** HTML of the body, before the scripts. */
  body?: string;
  /** A script run after init. */
  script?: string;
  /** Extra <head> content (styles, the Vue bundle). */
  head?: string;
  /** Script tags that define `Faultline` and `tracingIntegration`. @default the bundle built from the sources */
  bundle?: string;
}

export interface TracingPage extends OpenedPage {
  url: string;
  /** Requests the page made, as Chromium sent them. */
  requests: Request[];
}

export function tracingHtml(
  ingest: Ingest,
  {
    init = '{ dsn: DSN, tracesSampleRate: 1, integrations: [tracingIntegration()] }',
    body = '',
    script = '',
    head = '',
    bundle = '<script src="/tracing/faultline-tracing.js"></script><script>var tracingIntegration = Faultline.tracingIntegration;</script>',
  }: TracingPageOptions
): string {
  return [
    '<!doctype html>',
    '<html><head><meta charset="utf-8"><title>tracing test</title>',
    head,
    bundle,
    `<script>window.__out = {}; var DSN = ${JSON.stringify(ingest.dsn())}; Faultline.init(${init});</script>`,
    '</head><body>',
    body,
    `<script>${script}</script>`,
    '</body></html>',
  ].join('\n');
}

/**
 * One Chromium and one ingest (serving the bundles under `/tracing/`) per test file; the ingest
 * reset and pages closed after each test.
 */
export function useTracingPages(): { browser: () => Browser; ingest: () => Ingest; open: (options?: TracingPageOptions) => Promise<TracingPage> } {
  let browser: Browser | undefined;
  let ingest: Ingest | undefined;
  let dir: string | undefined;
  const pages: TracingPage[] = [];
  beforeAll(async () => {
    dir = await buildTracingBundle();
    [browser, ingest] = await Promise.all([
      launchBrowser(),
      startIngest({ staticRoots: { ...DEFAULT_ROOTS, '/tracing/': dir, '/tracing-dist/': tracingDist } }),
    ]);
  });
  afterAll(async () => {
    await browser?.close();
    await ingest?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });
  beforeEach(() => ingest!.reset());
  afterEach(async () => {
    await Promise.all(pages.splice(0).map((p) => p.page.close().catch(() => undefined)));
  });
  return {
    browser: () => browser!,
    ingest: () => ingest!,
    async open(options = {}) {
      const url = ingest!.page(tracingHtml(ingest!, options));
      const requests: Request[] = [];
      const opened = await openPage(browser!, 'about:blank');
      opened.page.on('request', (r) => requests.push(r));
      await opened.page.goto(url, { waitUntil: 'load' });
      const page = { ...opened, url, requests };
      pages.push(page);
      return page;
    },
  };
}

/** Transactions in envelopes the ingest accepted (2xx). */
export function transactions(ingest: Ingest): ReceivedTransaction[] {
  return ingest.requests
    .filter((r) => r.status >= 200 && r.status < 300)
    .flatMap((r) => (r.envelope?.items || []).filter((i) => i.header.type == 'transaction').map((i) => i.payload as ReceivedTransaction));
}

export async function waitForTransactions(ingest: Ingest, n: number, timeoutMs = 10_000): Promise<ReceivedTransaction[]> {
  await ingest.waitFor(() => transactions(ingest).length >= n, `${n} transaction(s)`, timeoutMs);
  return transactions(ingest);
}

/**
 * Sentry's event schemas (20.x and current) describe the fields every event shares; the
 * transaction-only ones (`spans`, `measurements`, `start_timestamp`, and `transaction_info`
 * in the 2020 one) are not in them and are checked by the tests themselves.
 */
export function expectValidTransaction(transaction: ReceivedTransaction): void {
  const { spans, measurements, start_timestamp, transaction_info, ...shared } = transaction;
  void spans, measurements, start_timestamp, transaction_info;
  expectValidEvent(shared);
}

/** Makes the page hidden as a tab switch would (Chromium's headless pages never are). */
export async function hidePage(page: OpenedPage): Promise<void> {
  await page.page.evaluate(() => {
    Object.defineProperty(document, 'visibilityState', { value: 'hidden', configurable: true });
    Object.defineProperty(document, 'hidden', { value: true, configurable: true });
    document.dispatchEvent(new Event('visibilitychange'));
  });
}
