import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { SentryEvent } from '../../src/event';
import { processRow } from '../../src/process/process-row';
import { createArtifactStore } from '../../src/store/artifacts';
import { openDatabase } from '../../src/store/database';
import { bootstrap, createProjectStore } from '../../src/store/projects';
import type { QueuedRow } from '../../src/store/queue';
import { createReleaseStore } from '../../src/store/releases';
import { createSourceMapCache } from '../../src/symbolicate';
import { RELEASE, SHOP, SHOP_URL, errorEvent, shopFrames } from '../helpers/shop-app';

const dir = mkdtempSync(join(tmpdir(), 'faultline-process-row-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const UA = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36';
const FIREFOX_UA = 'Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0';

/** A real store in a temp SQLite file, the default project, and one processing cache, as the processor holds them. */
function setup(name: string) {
  const db = openDatabase(join(dir, `${name}.db`));
  const projects = createProjectStore(db);
  bootstrap(db, projects);
  const project = projects.list()[0];
  const artifacts = createArtifactStore(db);
  const cache = createSourceMapCache();
  let id = 0;
  const process = (event: unknown) => {
    const row: QueuedRow = { id: ++id, project_id: project.id, event_id: 'a'.repeat(32), received: 1_700_000_000, client_ip: '10.1.2.3', payload: typeof event == 'string' ? event : JSON.stringify(event) };
    const done = processRow(row, artifacts, cache);
    return { ...done, event: JSON.parse(done.payload) as SentryEvent };
  };
  const upload = () => {
    const { release } = createReleaseStore(db).upsert(project.orgId, RELEASE, [project.id]);
    artifacts.addReleaseFile(release.id, '~/static/js/app.js', '', { Sourcemap: 'app.js.map' }, Buffer.from(SHOP.code));
    artifacts.addReleaseFile(release.id, '~/static/js/app.js.map', '', {}, Buffer.from(SHOP.map));
    // What the processor does after reading each batch.
    artifacts.refresh();
  };
  return { process, upload, db };
}

const shopEvent = (extra: Partial<SentryEvent> = {}) => errorEvent(shopFrames(), { request: { url: 'https://shop.example/cart', headers: { 'User-Agent': UA } }, ...extra });
const top = (event: SentryEvent) => event.exception!.values![0].stacktrace!.frames!.at(-1)!;

describe('processRow', () => {
  it('sees files uploaded after an event found none, with the same cache', () => {
    const { process, upload } = setup('upload-after-miss');
    const before = process(shopEvent());
    // As sent: nothing to map with.
    expect(top(before.event)).toEqual(shopFrames().at(-1));
    expect(before.event.errors?.map((e) => e.type)).toEqual(['js_no_source']);
    upload();
    const after = process(shopEvent());
    expect(top(after.event)).toMatchObject({ filename: '../../src/cart.js', abs_path: 'https://shop.example/src/cart.js', data: { symbolicated: true } });
    expect(after.event.errors).toBeUndefined();
    // Symbolicated frames group apart from minified ones.
    expect(after.group.hash).not.toBe(before.group.hash);
  });

  it('places frames of one map beside each URL it is served from (the remembered places are per URL)', () => {
    const { process, upload } = setup('two-hosts');
    upload();
    const first = process(shopEvent());
    const cdn = process(errorEvent(shopFrames('https://cdn.example/static/js/app.js'), { release: RELEASE }));
    expect(top(first.event).abs_path).toBe('https://shop.example/src/cart.js');
    expect(top(cdn.event).abs_path).toBe('https://cdn.example/src/cart.js');
    expect(top(cdn.event).filename).toBe('../../src/cart.js');
  });

  it('gives each event its own contexts, browser and OS, whatever earlier events sent', () => {
    const { process } = setup('user-agents');
    const chrome = process(shopEvent());
    const firefox = process(shopEvent({ request: { url: 'https://shop.example/', headers: { 'User-Agent': FIREFOX_UA } } }));
    const again = process(shopEvent());
    expect(chrome.event.contexts).toEqual({ browser: { type: 'browser', name: 'Chrome', version: '131.0.0.0' }, os: { type: 'os', name: 'Windows', version: '10.0' } });
    expect(firefox.event.contexts).toEqual({ browser: { type: 'browser', name: 'Firefox', version: '133.0' }, os: { type: 'os', name: 'Linux' } });
    expect(again.event.contexts).toEqual(chrome.event.contexts);
    expect(chrome.tags).toContainEqual(['browser', 'Chrome 131']);
    expect(firefox.tags).toContainEqual(['browser', 'Firefox 133']);
  });

  it('keeps a "__proto__" key as data, as JSON.parse gives it, never as the prototype of a copy', () => {
    const { process, upload } = setup('proto');
    upload();
    // `{"__proto__": …}` in JSON text is an own property named __proto__ once parsed.
    const withProto = (value: object, proto: object) => `{"__proto__":${JSON.stringify(proto)},${JSON.stringify(value).slice(1)}`;
    const frames = shopFrames().map((f) => withProto(f, { in_app: false, polluted: 1 }));
    const payload = withProto(errorEvent([]), { polluted: 1 }).replace('"frames":[]', `"frames":[${frames.join(',')}]`);
    const { event, payload: stored } = process(payload);
    const frame = top(event);
    expect(frame).toMatchObject({ filename: '../../src/cart.js', in_app: true, data: { symbolicated: true } });
    for (const copy of [event, frame]) {
      expect(Object.getPrototypeOf(copy)).toBe(Object.prototype);
      expect((copy as { polluted?: number }).polluted).toBeUndefined();
    }
    // The stored JSON still carries the key, as a spread copy keeps it.
    expect(stored.startsWith('{"__proto__":{"polluted":1},')).toBe(true);
    expect(stored).toContain('{"__proto__":{"in_app":false,"polluted":1},');
  });

  it('fills abs_path from filename once per file, keeping the path as filename (what Relay does)', () => {
    const { process, upload } = setup('filename-only');
    upload();
    const frames = shopFrames().map(({ abs_path, ...f }) => ({ ...f, filename: abs_path }));
    const { event } = process(errorEvent(frames));
    const raw = event.exception!.values![0].raw_stacktrace!.frames!;
    expect(raw.map((f) => [f.filename, f.abs_path])).toEqual(frames.map(() => ['/static/js/app.js', SHOP_URL]));
    expect(top(event)).toMatchObject({ filename: '../../src/cart.js', data: { symbolicated: true } });
  });
});
