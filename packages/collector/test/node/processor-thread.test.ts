import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import type { ApiEvent } from '../helpers/e2e-api';
import { mainException, topFrame } from '../helpers/e2e-api';
import { errorEvent, eventEnvelope } from '../helpers/envelopes';
import { buildApp, throwInV8 } from '../helpers/esbuild-app';
import { sourceProcessorScript } from '../helpers/processor-script';
import { removeTestDirs, startTestCollector, type TestCollector } from '../helpers/test-collector';

// Processing runs on a worker thread with its own database connection: what it remembers must
// follow uploads made through the main thread's API, and a thread that dies must lose nothing.

const scratch = mkdtempSync(join(tmpdir(), 'faultline-thread-'));
afterAll(() => {
  removeTestDirs();
  rmSync(scratch, { recursive: true, force: true });
});

const CART = 'export function checkout(cart) {\n  return cart.user.id;\n}\nglobalThis.checkout = checkout;\n';
const APP_URL = 'https://shop.example/static/js/app.js';
const RELEASE = 'shop@2.0.0';

async function eventById(c: TestCollector, id: string): Promise<ApiEvent> {
  const res = await c.api(`/api/0/projects/sentry/default/events/${id}/`);
  expect(res.status).toBe(200);
  return (await res.json()) as ApiEvent;
}

async function uploadApp(c: TestCollector, app: { code: string; map: string }): Promise<void> {
  const created = await c.api('/api/0/organizations/sentry/releases/', {
    method: 'POST',
    body: JSON.stringify({ version: RELEASE, projects: ['default'] }),
    headers: { 'content-type': 'application/json' },
  });
  expect(created.status).toBe(201);
  for (const [name, content, header] of [
    ['~/static/js/app.js', app.code, 'Sourcemap:app.js.map'],
    ['~/static/js/app.js.map', app.map, ''],
  ]) {
    const form = new FormData();
    form.append('file', new Blob([content]), name.split('/').pop());
    form.append('name', name);
    if (header) form.append('header', header);
    expect((await c.api(`/api/0/organizations/sentry/releases/${RELEASE}/files/`, { method: 'POST', body: form })).status).toBe(201);
  }
}

describe('the processing thread', () => {
  it('symbolicates the first event after an upload, though it had remembered the file as missing', async () => {
    const c = await startTestCollector();
    const app = buildApp({ 'src/cart.js': CART }, 'src/cart.js');
    const frames = throwInV8(app.code, APP_URL, 'checkout', {});
    const before = errorEvent({ release: RELEASE, exception: { values: [{ type: 'TypeError', value: 'x', stacktrace: { frames } }] } });
    expect((await c.ingest(eventEnvelope(before))).status).toBe(200);
    await c.idle();
    const unmapped = await eventById(c, before.event_id as string);
    expect(topFrame(mainException(unmapped).stacktrace?.frames)?.absPath).toBe(APP_URL);
    expect(unmapped.errors.map((e) => e.type)).toContain('js_no_source');

    await uploadApp(c, app);
    const after = errorEvent({ release: RELEASE, exception: { values: [{ type: 'TypeError', value: 'x', stacktrace: { frames } }] } });
    expect((await c.ingest(eventEnvelope(after))).status).toBe(200);
    await c.idle();
    const mapped = topFrame(mainException(await eventById(c, after.event_id as string)).stacktrace?.frames);
    expect(mapped).toMatchObject({ filename: expect.stringMatching(/(^|\/)src\/cart\.js$/), function: 'checkout', lineNo: 2 });
    await c.close();
  });

  it('is restarted when it dies, and processes what was queued meanwhile', async () => {
    // A worker script that fails on its first start only, then runs the real one.
    const marker = join(scratch, 'crashed-once');
    const script = join(scratch, 'crash-once.mjs');
    const real = pathToFileURL(await sourceProcessorScript()).href;
    writeFileSync(
      script,
      `import { existsSync, writeFileSync } from 'node:fs';\n` +
        `if (!existsSync(${JSON.stringify(marker)})) { writeFileSync(${JSON.stringify(marker)}, ''); throw new Error('the first start fails'); }\n` +
        `await import(${JSON.stringify(real)});\n`,
    );
    const c = await startTestCollector({ processorScript: script });
    const events = Array.from({ length: 5 }, () => errorEvent());
    for (const e of events) expect((await c.ingest(eventEnvelope(e))).status).toBe(200);
    await c.idle();
    expect(existsSync(marker)).toBe(true);
    const [issue] = await (await c.api('/api/0/projects/sentry/default/issues/')).json();
    expect(issue.count).toBe('5');
    await c.close();
  });

  it('stops with the collector: close() resolves and the data dir can be opened again', async () => {
    const c = await startTestCollector();
    for (let i = 0; i < 50; i++) await c.ingest(eventEnvelope(errorEvent()));
    await c.close();
    const again = await startTestCollector({ dataDir: c.dataDir });
    await again.idle();
    const [issue] = await (await again.api('/api/0/projects/sentry/default/issues/')).json();
    expect(issue.count).toBe('50');
    await again.close();
  });
});
