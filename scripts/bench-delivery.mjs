// Delivery benchmark (not a test): what reaches the server after an outage, and what a loop of
// 1,000 errors costs the page and sends, for Faultline's two script-tag bundles (full: with the
// retry queue and sessions; the 12 KB one: without) and @sentry/browser (default transport, and
// its opt-in offline transport) in the same run, in headless Chromium via
// playwright-core. The ingest is a real HTTP server on 127.0.0.1 that this script takes down
// (connections refused, or 503) and brings back; pages come from another port (cross-origin).
// Run after building packages/core. Writes bench-results/delivery.json.
//
//   outage  the ingest down for 30 s while each page throws 20 distinct errors (one every 1.5 s),
//           then up for 60 s: distinct events arrived within 10 s and 60 s of recovery, events
//           that arrived twice (same event_id), lost ones. Also with a reload half-way through
//           the outage: errors 0–9 then depend on the second visit. Once per SDK (a long run).
//   loop    1,000 captureException calls in one task (distinct errors, then identical ones):
//           longest main-thread task (Long Tasks API), the loop's time, events received, the
//           client report's discarded counts. Median of BENCH_DELIVERY_RUNS runs (5).
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, platform, release, totalmem } from 'node:os';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { startIngest } from './bench-delivery/ingest.mjs';
import { ERRORS, runOutage } from './bench-delivery/outage.mjs';
import { LOOP, runLoopOnce } from './bench-delivery/loop.mjs';
import { median, ms, table } from './bench-delivery/report.mjs';
import { loadSdks, startPages } from './bench-delivery/sdks.mjs';

const CHROME = process.env.CHROME_PATH || '/usr/bin/chromium';
const RUNS = Number(process.env.BENCH_DELIVERY_RUNS) || 5;
const ONLY = process.env.BENCH_DELIVERY_ONLY; // 'outage' or 'loop', while working on one of them
const OUT = 'bench-results/delivery.json';

// A hung browser or server must not hang `npm run bench`.
const guard = setTimeout(() => {
  console.error('bench-delivery: gave up after 420 s');
  process.exit(1);
}, 420_000);
guard.unref();

const startedAt = new Date();
const loadBefore = loadavg();
const sdks = await loadSdks();
const records = new Map();
let project = 1000;
const nextProject = () => String(project++);
const ingests = { refuse: await startIngest(records), 503: await startIngest(records) };
const loopIngest = await startIngest(records);
const pages = await startPages(sdks);
const browser = await chromium.launch({
  executablePath: CHROME,
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
});
const chromeVersion = browser.version();

let outage;
const loops = [];
try {
  if (ONLY != 'loop') outage = await runOutage({ browser, sdks, pages, ingests, records, nextProject });
  if (ONLY != 'outage') {
    for (const identical of [false, true]) {
      const runs = new Map(sdks.map((sdk) => [sdk, []]));
      // SDKs take turns, so a slower moment of the machine falls on all of them.
      for (let i = 0; i < RUNS; i++) {
        for (const sdk of sdks) runs.get(sdk).push(await runLoopOnce({ browser, sdk, pages, ingest: loopIngest, records, project: nextProject(), identical }));
      }
      for (const [sdk, r] of runs) {
        const med = (field) => median(r.map((x) => x[field] ?? 0));
        loops.push({
          sdk: sdk.key,
          errors: identical ? 'identical' : 'distinct',
          runs: r.length,
          median: {
            // null: the median run had no task of 50 ms or more.
            longestTaskMs: med('longestTaskMs') || null,
            loopMs: med('loopMs'),
            taskMs: med('taskMs'),
            mainThreadMs: med('mainThreadMs'),
            received: med('received'),
            discarded: med('discarded'),
          },
          addsUpInEveryRun: r.every((x) => x.addsUp),
          each: r,
        });
      }
    }
  }
} finally {
  await browser.close();
  await Promise.all([...Object.values(ingests), loopIngest].map((i) => i.close()));
  await pages.close();
}

// ---- report -----------------------------------------------------------------------------------
const nameOf = (key) => sdks.find((s) => s.key == key).name;
console.log(`Delivery benchmark in headless Chromium ${chromeVersion}; ingest and pages on 127.0.0.1 (cross-origin).`);
console.log('Figures are of this machine and its load: compare the rows of one run, not runs with each other.\n');
if (outage) {
  console.log(`Outage: the ingest down ${outage.outageMs / 1000} s while ${ERRORS} distinct errors are thrown (one every 1.5 s), then up ${outage.afterMs / 1000} s. Once per SDK (a long run), all scenarios at the same time.`);
  const cols = [['SDK', 58], ['outage', 14], ['reload', 8], ['≤10 s', 7], ['≤60 s', 7], ['lost', 6], ['twice', 7], ['1st visit', 11], ['last at', 9], ['tries', 7]];
  const rows = outage.results.map((r) => [
    nameOf(r.sdk), r.outage == '503' ? '503' : 'refused', r.reload ? 'yes' : 'no', `${r.within10s}/${r.errors}`, `${r.within60s}/${r.errors}`,
    r.lost, r.duplicates, r.reload ? `${r.firstVisitDelivered}/10` : '', r.lastArrivalMs == null ? '–' : `${(r.lastArrivalMs / 1000).toFixed(1)} s`, r.triesDuringOutage,
  ]);
  console.log(table(cols, rows));
  console.log(`≤10 s, ≤60 s: distinct events (by message) that arrived that long after recovery. twice: arrivals of an event_id already
  received. 1st visit: of errors 0–9, thrown before the reload, how many arrived. last at: the last arrival, after recovery
  (negative: before it). tries: requests the page made to the ingest while it was down (sends, retries, sessions).
Sentry's offline transport keeps an envelope only when fetch throws (a network error): an HTTP answer such as 503 is final
  for it, and it has no retry of its own after one. Faultline tries after about 2 and 4 s, then every 8 s for the first
  minute, then 16, 32 s … (each ±20%): when the first round after recovery comes depends on where the outage ended in that
  schedule, and one run shows one draw of it.\n`);
}
if (loops.length) {
  console.log(`Loop: ${LOOP} captureException(error) calls in one task; median of ${RUNS} runs, each in a fresh context.`);
  const cols = [['SDK', 58], ['errors', 11], ['longest task', 14], ['loop', 9], ['+ microtasks', 14], ['main thread', 13], ['received', 10], ['discarded', 11], ['sum = 1,000', 13]];
  const rows = loops.map((l) => [
    nameOf(l.sdk), l.errors, l.median.longestTaskMs == null ? '< 50 ms' : ms(l.median.longestTaskMs), ms(l.median.loopMs), ms(l.median.taskMs),
    ms(l.median.mainThreadMs), l.median.received, l.median.discarded, `${l.each.filter((x) => x.addsUp).length}/${l.runs} runs`,
  ]);
  console.log(table(cols, rows));
  const reasons = loops.map((l) => `${l.sdk} ${l.errors}: ${JSON.stringify(l.each[0].discardedByReason)}`).join('\n  ');
  console.log(`longest task: the longest the Long Tasks API saw (tasks of 50 ms or more) from the page's start to the end of the sends.
loop: the 1,000 calls alone; + microtasks: until the next timer, so the pipeline work queued during the loop is in.
main thread: all main-thread task time from the loop to the last send (CDP Performance TaskDuration).
discarded: the client report's counts, sent when the page is made to look hidden (both SDKs send it then).
  sum = 1,000: runs where received + discarded is exactly 1,000. Discarded by reason (first run):
  ${reasons}`);
}

mkdirSync('bench-results', { recursive: true });
const json = {
  machine: {
    note: 'Results of one machine, one run: compare the SDKs of this run with each other, not with another machine.',
    date: startedAt.toISOString(),
    cpus: cpus().map(({ model, speed }) => ({ model, speed })),
    totalMemoryBytes: totalmem(),
    os: `${platform()} ${release()}`,
    node: process.version,
    chromium: chromeVersion,
    loadavg: { before: loadBefore, after: loadavg() },
  },
  sdks: sdks.map(({ key, name, version, code }) => ({ key, name, version, gzipBytes: gzipSync(code, { level: 9 }).length })),
  outage: outage && { note: 'Once per SDK and scenario: the run is long (30 s down, 60 s up).', ...outage },
  loop: loops.length ? { errors: LOOP, runs: RUNS, results: loops } : undefined,
};
writeFileSync(OUT, JSON.stringify(json, null, 2) + '\n');
console.log(`\nwritten to ${OUT}`);
process.exit(0);
