// Delivery after an outage: every scenario runs at once, in a context (so an IndexedDB) of its
// own, through one 30 s outage of the two ingests: connections refused on one, 503 on the other.
// Each page throws 20 distinct errors spread over the outage; the reload scenarios reload the
// page half-way (after error 9), so errors 0–9 can only arrive if the second visit sends them.
import { createRecord } from './ingest.mjs';

export const OUTAGE_MS = 30_000;
export const ERRORS = 20;
const FIRST_ERROR_MS = 500;
const ERROR_EVERY_MS = 1500;
const RELOAD_AT_MS = 15_000;
const AFTER_MS = 60_000;
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const sleepUntil = (time) => sleep(Math.max(0, time - Date.now()));

/** Fails the run if the ingest is not down the way the table says it is. */
async function checkDown(ingest) {
  const url = `http://127.0.0.1:${ingest.port}/api/1/envelope/`;
  const answer = await fetch(url, { method: 'POST', body: '{}\n' }).then((r) => r.status, (e) => e.cause?.code || 'network error');
  const expected = ingest.mode == 'refuse' ? 'ECONNREFUSED' : 503;
  if (answer !== expected) throw new Error(`ingest in mode ${ingest.mode} answered ${answer}, expected ${expected}`);
}

/**
 * @param {{ browser, sdks, pages, ingests: { refuse, '503' }, records: Map, nextProject: () => string }} setup
 * @returns one result per SDK × outage kind × (reload or not)
 */
export async function runOutage({ browser, sdks, pages, ingests, records, nextProject }) {
  const scenarios = [];
  for (const sdk of sdks) {
    for (const kind of ['refuse', '503']) {
      for (const reload of [false, true]) scenarios.push({ sdk, kind, reload, project: nextProject(), tries: [] });
    }
  }
  // Pages open while the ingest is up (their sessions go out), each in a context of its own.
  await Promise.all(
    scenarios.map(async (s) => {
      records.set(s.project, createRecord());
      s.context = await browser.newContext();
      s.page = await s.context.newPage();
      const port = ingests[s.kind].port;
      s.page.on('request', (request) => {
        if (s.down && request.url().startsWith(`http://127.0.0.1:${port}/api/`)) s.tries.push(request.url());
      });
      await s.page.goto(pages.url(s.sdk, port, s.project), { waitUntil: 'load' });
    }),
  );
  await sleep(1000);

  const start = Date.now();
  for (const s of scenarios) s.down = true;
  await Promise.all(Object.entries(ingests).map(async ([kind, ingest]) => (await ingest.set(kind), await checkDown(ingest))));

  await Promise.all(
    scenarios.map(async (s) => {
      for (let i = 0; i < ERRORS; i++) {
        if (s.reload && i == 10) {
          await sleepUntil(start + RELOAD_AT_MS);
          await s.page.reload({ waitUntil: 'load' });
        }
        await sleepUntil(start + FIRST_ERROR_MS + i * ERROR_EVERY_MS);
        // Thrown, not captured: each SDK's global handler reports it.
        await s.page.evaluate((n) => setTimeout(() => { throw new Error(`outage ${n}`); }), i);
      }
    }),
  );

  await sleepUntil(start + OUTAGE_MS);
  const sentDuringOutage = new Map(scenarios.map((s) => [s, records.get(s.project).requests]));
  await Promise.all(Object.values(ingests).map((ingest) => ingest.set('up')));
  const recovered = Date.now();
  for (const s of scenarios) s.down = false;
  await sleepUntil(recovered + AFTER_MS);

  const results = scenarios.map((s) => {
    const record = records.get(s.project);
    const outageEvents = record.events.filter((e) => /^outage \d+$/.test(e.message || ''));
    const distinctBy = (max) => new Set(outageEvents.filter((e) => e.time - recovered <= max).map((e) => e.message)).size;
    const ids = new Set(outageEvents.map((e) => e.id));
    const firstVisit = new Set(outageEvents.filter((e) => Number(e.message.split(' ')[1]) < 10).map((e) => e.message)).size;
    const delays = outageEvents.map((e) => e.time - recovered);
    const within60 = distinctBy(AFTER_MS);
    return {
      sdk: s.sdk.key,
      outage: s.kind == 'refuse' ? 'connections refused' : '503',
      reload: s.reload,
      errors: ERRORS,
      within10s: distinctBy(10_000),
      within60s: within60,
      lost: ERRORS - within60,
      duplicates: outageEvents.length - ids.size,
      firstVisitDelivered: s.reload ? firstVisit : undefined,
      /** When the first and the last of them arrived, ms after recovery. */
      firstArrivalMs: delays.length ? Math.min(...delays) : null,
      lastArrivalMs: delays.length ? Math.max(...delays) : null,
      /** Requests the page made to the ingest while it was down (events, sessions, retries). */
      triesDuringOutage: s.tries.length,
      answered503: s.kind == '503' ? sentDuringOutage.get(s) : undefined,
    };
  });
  await Promise.all(scenarios.map((s) => s.context.close()));
  return { outageMs: OUTAGE_MS, afterMs: AFTER_MS, started: new Date(start).toISOString(), results };
}
