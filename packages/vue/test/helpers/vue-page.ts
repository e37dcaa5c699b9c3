// Pages that load a real Vue build, the core script-tag bundle and faultline-vue.min.js from
// <script> tags, the way a site without a bundler does, for browser tests against the test ingest.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser } from 'playwright-core';
import { openPage, type OpenedPage } from '../../../core/test/helpers/browser';
import { startIngest, type Ingest } from '../../../core/test/helpers/ingest-server';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '../../../..');

/** The ingest, serving core's and vue's dist and the browser builds of Vue and Vue Router. */
export function startVueIngest(): Promise<Ingest> {
  return startIngest({
    staticRoots: {
      '/dist/': join(ROOT, 'packages/core/dist'),
      '/vue-dist/': join(ROOT, 'packages/vue/dist'),
      '/vue3/': join(ROOT, 'node_modules/vue/dist'),
      '/vue2/': join(ROOT, 'node_modules/vue2/dist'),
      '/router4/': join(ROOT, 'node_modules/vue-router/dist'),
      '/router3/': join(ROOT, 'node_modules/vue-router3/dist'),
    },
  });
}

export interface VueBuild {
  name: string;
  major: 2 | 3;
  /** Production build: Vue 3 passes error codes instead of texts, Vue 2 does not warn. */
  prod: boolean;
  /** Script URLs (on the pages origin) loaded before the SDK. */
  scripts: string[];
}

export const BUILDS: VueBuild[] = [
  { name: 'Vue 3.5 development', major: 3, prod: false, scripts: ['/vue3/vue.global.js', '/router4/vue-router.global.js'] },
  { name: 'Vue 3.5 production', major: 3, prod: true, scripts: ['/vue3/vue.global.prod.js', '/router4/vue-router.global.prod.js'] },
  { name: 'Vue 2.7 development', major: 2, prod: false, scripts: ['/vue2/vue.js', '/router3/vue-router.js'] },
  { name: 'Vue 2.7 production', major: 2, prod: true, scripts: ['/vue2/vue.min.js', '/router3/vue-router.min.js'] },
];

/**
 * The page: Vue, Faultline and FaultlineVue from script tags, `window.__out = {}`, `DSN`,
 * then `script` (which creates the app, calls Faultline.init and mounts into `#app`).
 */
export function vueHtml(ingest: Ingest, build: VueBuild, script: string): string {
  const src = (path: string) => `<script src="${ingest.pagesUrl}${path}"></script>`;
  return [
    '<!doctype html>',
    '<html><head><meta charset="utf-8"><title>faultline vue test</title>',
    ...build.scripts.map(src),
    src('/dist/faultline.min.js'),
    src('/vue-dist/faultline-vue.min.js'),
    `<script>window.__out = {}; var DSN = ${JSON.stringify(ingest.dsn())};</script>`,
    '</head><body><div id="app"></div>',
    `<script>${script}</script>`,
    '</body></html>',
  ].join('\n');
}

const opened = new Set<OpenedPage>();

export async function openVuePage(browser: Browser, ingest: Ingest, build: VueBuild, script: string): Promise<OpenedPage> {
  const page = await openPage(browser, ingest.page(vueHtml(ingest, build, script)));
  opened.add(page);
  return page;
}

export async function closeVuePages(): Promise<void> {
  const pages = [...opened];
  opened.clear();
  await Promise.all(pages.map((p) => p.page.close().catch(() => undefined)));
}
