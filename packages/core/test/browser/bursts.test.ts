// Bursts (issue 13, part 3): a loop of 1,000 errors neither freezes the page nor floods the
// server, and every drop is counted. The CDN bundle's default BurstGuard.
import type { Browser } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { type Ingest } from '../helpers/ingest-server';
import { useBrowserAndIngest } from '../helpers/page-suite';
import { expectClean, openSdkPage } from '../helpers/sdk-page';

let browser: Browser;
let ingest: Ingest;

useBrowserAndIngest((b, i) => ([browser, ingest] = [b, i]));

describe('a loop of 1,000 errors', () => {
  it('keeps the longest task under 200 ms, sends a bounded number, and reports the rest: together exactly 1,000', async () => {
    const opened = await openSdkPage(browser, ingest, {
      init: '{ dsn: DSN }',
    });
    // The task's length measured in the page: from the loop's start to the next timer, which runs
    // once the task and its microtasks (where the pipeline runs) are done. (The Long Tasks API
    // reports nothing for a script that playwright evaluates, so it cannot be the measure here.)
    const task = await opened.page.evaluate(
      () =>
        new Promise<number>((resolve) => {
          const start = performance.now();
          // 500 different errors, each thrown twice.
          for (let i = 0; i < 1000; i++) {
            try {
              throw new Error(`loop error ${i % 500}`);
            } catch (error) {
              Faultline.captureException(error);
            }
          }
          setTimeout(() => resolve(performance.now() - start));
        }),
    );
    expect(task).toBeLessThan(200);

    await opened.page.evaluate(() => Faultline.flush(10_000));
    await ingest.waitForClientReports(1);
    await new Promise((resolve) => setTimeout(resolve, 500));
    const arrived = ingest.events.length;
    // The bucket holds 100 and refills by one a second.
    expect(arrived).toBeGreaterThanOrEqual(100);
    expect(arrived).toBeLessThanOrEqual(102);
    const dropped = ingest.clientReports.flatMap((r) => r.discarded_events || []);
    expect(dropped.every((d) => d.reason == 'event_processor' && d.category == 'error')).toBe(true);
    expect(dropped.reduce((n, d) => n + d.quantity, 0) + arrived).toBe(1000);
    // No error arrived twice.
    expect(new Set(ingest.events.map((e) => e.exception?.values.at(-1)?.value)).size).toBe(arrived);
    expectClean(ingest, opened);
  }, 60_000);
});
