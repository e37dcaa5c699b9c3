// The issue list with 1,000 issues, filled through the real ingest and processing: it renders
// its first page, pages to the end, and reports the server time per page (measured, not asserted:
// the machine is shared). The figure goes in the benchmark note.
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { errorEvent, eventEnvelope } from '../helpers/envelopes';
import { removeTestDirs, startTestCollector, type TestCollector } from '../helpers/test-collector';
import { uiOf } from '../helpers/ui-client';

vi.setConfig({ testTimeout: 120_000, hookTimeout: 120_000 });
const ISSUES = 1000;
let c: TestCollector;

beforeAll(async () => {
  c = await startTestCollector();
  const now = Date.now() / 1000;
  // Each event its own issue (its own fingerprint), spread over the last day for the sparklines.
  for (let i = 0; i < ISSUES; i += 50) {
    const batch = Array.from({ length: 50 }, (_, j) => i + j);
    const answers = await Promise.all(batch.map((n) => c.ingest(eventEnvelope(errorEvent({ fingerprint: [`issue-${n}`], timestamp: now - (n % 24) * 3600, user: { id: `u${n % 7}` } })))));
    expect(answers.map((a) => a.status)).toEqual(batch.map(() => 200));
  }
  await c.idle();
});

afterAll(async () => {
  await c?.close();
  removeTestDirs();
});

const rowsOf = (page: string) => (page.match(/<tr class="issue"/g) || []).length;

it('renders the first page of 1,000 issues and pages to the last', async () => {
  const ui = uiOf(c);
  await ui.get('/'); // warm the prepared statements
  const times: number[] = [];
  for (let i = 0; i < 20; i++) {
    const t = performance.now();
    const res = await ui.get('/');
    const page = await res.text();
    times.push(performance.now() - t);
    expect(rowsOf(page)).toBe(25);
  }
  times.sort((a, b) => a - b);
  console.log(`issue list, ${ISSUES} issues, first page: median ${times[10].toFixed(1)} ms, max ${times[19].toFixed(1)} ms (request to full body, same machine)`);

  const second = await (await ui.get('/?cursor=25')).text();
  expect(rowsOf(second)).toBe(25);
  expect(second).toContain('26–50');
  const last = await (await ui.get(`/?cursor=${ISSUES - 25}`)).text();
  expect(rowsOf(last)).toBe(25);
  expect(last).toContain('rel="prev"');
  expect(last).not.toContain('rel="next"');
  const sorted = await (await ui.get('/?sort=freq&cursor=975')).text();
  expect(rowsOf(sorted)).toBe(25);
});
