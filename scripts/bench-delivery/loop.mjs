// The 1,000-error loop: a page throws and captures 1,000 errors in one task (distinct messages,
// or 1,000 identical errors), then we look at what the page paid and what the server got.
import { createRecord } from './ingest.mjs';

export const LOOP = 1000;
const QUIET_MS = 1500;
const MAX_SETTLE_MS = 20_000;
const REPORT_WAIT_MS = 2500;
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

// Runs in the page, from a timer so the loop is a task of its own (the Long Tasks API does not
// see a script playwright evaluates). `loopMs` is the loop alone; `taskMs` runs until the next
// timer, so it includes the microtasks the SDK queued during the loop.
function runLoop({ n, identical }) {
  return new Promise((resolve) => {
    setTimeout(() => {
      const start = performance.now();
      for (let i = 0; i < n; i++) {
        try {
          throw identical ? new Error('loop') : new Error('loop ' + i);
        } catch (error) {
          window.SDK.captureException(error);
        }
      }
      const loopMs = performance.now() - start;
      setTimeout(() => resolve({ loopMs, taskMs: performance.now() - start }));
    });
  });
}

/** Waits until the record has seen no new event for QUIET_MS. */
async function settle(record) {
  const end = Date.now() + MAX_SETTLE_MS;
  let count = -1;
  let since = Date.now();
  while (Date.now() < end) {
    if (record.events.length != count) (count = record.events.length), (since = Date.now());
    else if (Date.now() - since >= QUIET_MS) return;
    await sleep(100);
  }
}

/** One run of one SDK: a fresh context, one loop, what arrived, and the client report. */
export async function runLoopOnce({ browser, sdk, pages, ingest, records, project, identical }) {
  const record = createRecord();
  records.set(project, record);
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    await page.goto(pages.url(sdk, ingest.port, project), { waitUntil: 'load' });
    await sleep(300); // the session envelope and the page's own start-up tasks
    const cdp = await context.newCDPSession(page);
    await cdp.send('Performance.enable');
    const taskSeconds = async () => (await cdp.send('Performance.getMetrics')).metrics.find((m) => m.name == 'TaskDuration').value;
    const before = await taskSeconds();
    const { loopMs, taskMs } = await page.evaluate(runLoop, { n: LOOP, identical });
    await settle(record);
    const mainThreadMs = ((await taskSeconds()) - before) * 1000;
    const longTasks = await page.evaluate(() => window.__longTasks);
    // Both SDKs send their client report when the page is hidden: make it look hidden.
    await page.evaluate(() => {
      Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => 'hidden' });
      document.dispatchEvent(new Event('visibilitychange'));
    });
    const end = Date.now() + REPORT_WAIT_MS;
    while (!record.discarded.length && Date.now() < end) await sleep(100);
    await sleep(300);
    // `reason:category`; the loop's errors are category `error` (sessions and others are counted apart).
    const discardedByReason = {};
    for (const d of record.discarded) discardedByReason[`${d.reason}:${d.category}`] = (discardedByReason[`${d.reason}:${d.category}`] || 0) + d.quantity;
    const discarded = record.discarded.filter((d) => d.category == 'error').reduce((n, d) => n + d.quantity, 0);
    const events = record.events.filter((e) => /^loop( \d+)?$/.test(e.message || ''));
    const received = events.length;
    return {
      loopMs,
      taskMs,
      longestTaskMs: longTasks.length ? Math.max(...longTasks) : null,
      longTasks: longTasks.length,
      mainThreadMs,
      received,
      duplicates: received - new Set(events.map((e) => e.id)).size,
      discarded,
      discardedByReason,
      addsUp: received + discarded == LOOP,
    };
  } finally {
    await context.close();
  }
}
