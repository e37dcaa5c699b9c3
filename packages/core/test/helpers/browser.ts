// Real headless Chromium for browser tests, via playwright-core and the system's Chromium.
import { existsSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';

const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser'];

export function findChromium(): string | undefined {
  const fromEnv = process.env.CHROME_PATH;
  return [...(fromEnv ? [fromEnv] : []), ...CANDIDATES].find((path) => existsSync(path));
}

export async function launchBrowser(): Promise<Browser> {
  const executablePath = findChromium();
  if (!executablePath) {
    throw new Error('Chromium not found: install it with `apt-get install -y chromium` or set CHROME_PATH');
  }
  return chromium.launch({
    executablePath,
    headless: true,
    // Quiet, offline-friendly Chromium: no background traffic to count against the ingest.
    args: ['--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

export interface OpenedPage {
  page: Page;
  /** `[type] text` of every console message, e.g. `[error] Faultline: …`. */
  consoleMessages: string[];
  /** Uncaught errors and unhandled rejections in the page, as `Name: message`. */
  pageErrors: string[];
}

/** Opens `url` in a fresh context (no shared storage between tests), recording console output and page errors. */
export async function openPage(browser: Browser, url: string): Promise<OpenedPage> {
  const context = await browser.newContext();
  const page = await context.newPage();
  const consoleMessages: string[] = [];
  const pageErrors: string[] = [];
  page.on('console', (message) => consoleMessages.push(`[${message.type()}] ${message.text()}`));
  page.on('pageerror', (error) => pageErrors.push(`${error.name}: ${error.message}`));
  // Closing the page closes its context too, so tests only have to close the page.
  page.on('close', () => void context.close().catch(() => undefined));
  await page.goto(url, { waitUntil: 'load' });
  return { page, consoleMessages, pageErrors };
}
