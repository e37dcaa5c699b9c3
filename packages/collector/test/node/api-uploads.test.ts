import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { zipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { removeTestDirs, startTestCollector, type TestCollector } from '../helpers/test-collector';

let c: TestCollector;
beforeAll(async () => {
  c = await startTestCollector();
});
afterAll(async () => {
  await c.close();
  removeTestDirs();
});

const json = (body: unknown, method = 'POST'): RequestInit => ({ method, body: JSON.stringify(body), headers: { 'content-type': 'application/json' } });
const sha1 = (b: Uint8Array) => createHash('sha1').update(b).digest('hex');

describe('token auth', () => {
  it('answers 401 as Sentry does without a token and with a wrong one', async () => {
    const none = await fetch(`${c.url}/api/0/organizations/sentry/releases/`);
    expect(none.status).toBe(401);
    expect(await none.json()).toEqual({ detail: 'Authentication credentials were not provided.' });
    const wrong = await fetch(`${c.url}/api/0/organizations/sentry/releases/`, { headers: { authorization: 'Bearer nope' } });
    expect(wrong.status).toBe(401);
    expect(await wrong.json()).toEqual({ detail: 'Invalid token' });
  });

  it('does not tell which API paths exist without a token', async () => {
    expect((await fetch(`${c.url}/api/0/not/a/route/`)).status).toBe(401);
    expect((await c.api('/api/0/not/a/route/')).status).toBe(404);
  });
});

describe('releases', () => {
  it('creates (201), finds again (208), gets, finalizes and lists a release', async () => {
    const created = await c.api('/api/0/organizations/sentry/releases/', json({ version: 'shop@1.0.0', projects: ['default'] }));
    expect(created.status).toBe(201);
    expect(await created.json()).toMatchObject({ version: 'shop@1.0.0', dateReleased: null, projects: [{ slug: 'default' }] });
    expect((await c.api('/api/0/organizations/sentry/releases/', json({ version: 'shop@1.0.0', projects: ['default'] }))).status).toBe(208);
    // The project-scoped form sentry-cli uses.
    expect((await c.api('/api/0/projects/sentry/default/releases/', json({ version: 'shop@1.0.1' }))).status).toBe(201);

    const released = '2026-12-01T10:00:00.000Z';
    const put = await c.api('/api/0/organizations/sentry/releases/shop%401.0.0/', json({ dateReleased: released }, 'PUT'));
    expect(await put.json()).toMatchObject({ version: 'shop@1.0.0', dateReleased: released });
    const got = await (await c.api('/api/0/organizations/sentry/releases/shop@1.0.0/')).json();
    expect(got.dateReleased).toBe(released);
    const list = await (await c.api('/api/0/organizations/sentry/releases/')).json();
    expect(list.map((r: { version: string }) => r.version).sort()).toEqual(['shop@1.0.0', 'shop@1.0.1']);
  });

  it('records deploys', async () => {
    const res = await c.api('/api/0/organizations/sentry/releases/shop@1.0.0/deploys/', json({ environment: 'staging', name: 'first' }));
    expect(res.status).toBe(201);
    expect(await res.json()).toMatchObject({ environment: 'staging', name: 'first', dateFinished: expect.any(String) });
    const release = await (await c.api('/api/0/organizations/sentry/releases/shop@1.0.0/')).json();
    expect(release).toMatchObject({ deployCount: 1, lastDeploy: { environment: 'staging' } });
  });

  it.each([
    [{ projects: ['default'] }, 400, /version/],
    [{ version: 'a/b', projects: ['default'] }, 400, /version/],
    [{ version: 'x' }, 400, /projects/],
    [{ version: 'x', projects: ['nope'] }, 400, /invalid project slug/],
  ])('refuses %j', async (body, status, reason) => {
    const res = await c.api('/api/0/organizations/sentry/releases/', json(body));
    expect(res.status).toBe(status);
    expect((await res.json()).detail).toMatch(reason);
  });

  it('404s an unknown organization or release', async () => {
    expect((await c.api('/api/0/organizations/acme/releases/')).status).toBe(404);
    expect((await c.api('/api/0/organizations/sentry/releases/nope/')).status).toBe(404);
  });
});

describe('release files', () => {
  const upload = (name: string, content: string, extra: Record<string, string | string[]> = {}, scope = 'projects/sentry/default') => {
    const form = new FormData();
    form.append('file', new Blob([content]), name.split('/').pop());
    form.append('name', name);
    for (const [k, v] of Object.entries(extra)) for (const one of [v].flat()) form.append(k, one);
    return c.api(`/api/0/${scope}/releases/shop@1.0.0/files/`, { method: 'POST', body: form });
  };

  it('stores a file with its dist and headers, 409 for the same name and dist, lists and deletes', async () => {
    const res = await upload('~/static/js/app.js', 'console.log(1)', { dist: '7', header: 'Sourcemap:app.js.map' });
    expect(res.status).toBe(201);
    const file = await res.json();
    expect(file).toMatchObject({ name: '~/static/js/app.js', dist: '7', headers: { Sourcemap: 'app.js.map' }, size: 14, sha1: sha1(Buffer.from('console.log(1)')) });
    expect((await upload('~/static/js/app.js', 'other', { dist: '7' })).status).toBe(409);
    // Another dist is another file; the organization-scoped path works too.
    expect((await upload('~/static/js/app.js', 'console.log(1)', {}, 'organizations/sentry')).status).toBe(201);

    const list = await (await c.api('/api/0/organizations/sentry/releases/shop@1.0.0/files/')).json();
    expect(list.map((f: { name: string; dist: string | null }) => [f.name, f.dist])).toEqual([['~/static/js/app.js', '7'], ['~/static/js/app.js', null]]);
    expect((await c.api(`/api/0/projects/sentry/default/releases/shop@1.0.0/files/${file.id}/`, { method: 'DELETE' })).status).toBe(204);
    expect((await (await c.api('/api/0/organizations/sentry/releases/shop@1.0.0/files/')).json())).toHaveLength(1);
  });

  it('refuses a malformed header and a form without a file', async () => {
    const bad = await upload('~/x.js', 'x', { header: 'no colon here' });
    expect(bad.status).toBe(400);
    expect((await bad.json()).detail).toBe('header value was not formatted correctly');
    const form = new FormData();
    form.append('name', '~/y.js');
    const missing = await c.api('/api/0/projects/sentry/default/releases/shop@1.0.0/files/', { method: 'POST', body: form });
    expect(missing.status).toBe(400);
  });
});

describe('chunk upload and assemble', () => {
  const bundle = (debugId: string) =>
    zipSync({
      'manifest.json': new TextEncoder().encode(JSON.stringify({
        org: 'sentry',
        release: 'shop@1.0.0',
        files: {
          'files/_/_/main.js': { url: '~/static/js/main.js', type: 'minified_source', headers: { 'debug-id': debugId, Sourcemap: 'main.js.map' } },
          'files/_/_/main.js.map': { url: '~/static/js/main.js.map', type: 'source_map', headers: { 'debug-id': debugId } },
        },
      })),
      'files/_/_/main.js': new TextEncoder().encode('throw new Error("boom")\n//# debugId=' + debugId),
      'files/_/_/main.js.map': new TextEncoder().encode('{"version":3,"sources":[],"names":[],"mappings":""}'),
    });

  it('advertises sha1, gzip, release files and artifact bundles', async () => {
    const res = await c.api('/api/0/organizations/sentry/chunk-upload/');
    expect(await res.json()).toMatchObject({ url: `${c.url}/api/0/organizations/sentry/chunk-upload/`, hashAlgorithm: 'sha1', compression: ['gzip'], accept: expect.arrayContaining(['release_files', 'artifact_bundles']) });
  });

  it('asks for missing chunks, then assembles (created, then ok), and the files are found by debug ID', async () => {
    const debugId = 'c9a2b1d0-1234-4abc-9def-0123456789ab';
    const zip = bundle(debugId);
    const half = Math.floor(zip.length / 2);
    const chunks = [zip.subarray(0, half), zip.subarray(half)];
    const body = { checksum: sha1(zip), chunks: chunks.map(sha1), projects: ['default'], version: 'shop@1.0.0' };
    const assemble = () => c.api('/api/0/organizations/sentry/artifactbundle/assemble/', json(body)).then((r) => r.json());

    expect(await assemble()).toMatchObject({ state: 'not_found', missingChunks: chunks.map(sha1) });
    const form = new FormData();
    form.append('file_gzip', new Blob([new Uint8Array(gzipSync(chunks[0]))]), sha1(chunks[0]));
    form.append('file', new Blob([new Uint8Array(chunks[1])]), sha1(chunks[1]));
    expect((await c.api('/api/0/organizations/sentry/chunk-upload/', { method: 'POST', body: form })).status).toBe(200);
    expect(await assemble()).toMatchObject({ state: 'created', missingChunks: [] });
    expect(await assemble()).toMatchObject({ state: 'ok' });

    const rows = c.db.prepare('SELECT url, type, debug_id FROM bundle_files ORDER BY url').all();
    expect(rows).toEqual([
      { url: '~/static/js/main.js', type: 'minified_source', debug_id: debugId },
      { url: '~/static/js/main.js.map', type: 'source_map', debug_id: debugId },
    ]);
  });

  it('refuses a chunk whose name is not its sha1', async () => {
    const form = new FormData();
    form.append('file', new Blob(['abc']), '0'.repeat(40));
    const res = await c.api('/api/0/organizations/sentry/chunk-upload/', { method: 'POST', body: form });
    expect(res.status).toBe(400);
    expect((await res.json()).detail).toMatch(/Checksum mismatch/);
  });

  it('reports a checksum mismatch and a zip that is not a zip as assemble errors', async () => {
    const data = new TextEncoder().encode('not a zip');
    const form = new FormData();
    form.append('file', new Blob([data]), sha1(data));
    await c.api('/api/0/organizations/sentry/chunk-upload/', { method: 'POST', body: form });
    const wrong = await c.api('/api/0/organizations/sentry/artifactbundle/assemble/', json({ checksum: 'f'.repeat(40), chunks: [sha1(data)], projects: ['default'] }));
    expect(await wrong.json()).toMatchObject({ state: 'error', detail: 'Reported checksum mismatch' });
    const notZip = await c.api('/api/0/organizations/sentry/artifactbundle/assemble/', json({ checksum: sha1(data), chunks: [sha1(data)], projects: ['default'] }));
    expect(await notZip.json()).toMatchObject({ state: 'error', detail: 'the bundle is not a valid zip file' });
  });

  it('assembles a release bundle into release files (the 21.x–23.5 path)', async () => {
    const zip = zipSync({
      'manifest.json': new TextEncoder().encode(JSON.stringify({ files: { 'files/_/_/a.js': { url: '~/a.js', headers: { Sourcemap: 'a.js.map' } } } })),
      'files/_/_/a.js': new TextEncoder().encode('a()'),
    });
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(zip)]), sha1(zip));
    await c.api('/api/0/organizations/sentry/chunk-upload/', { method: 'POST', body: form });
    const res = await c.api('/api/0/organizations/sentry/releases/shop@1.0.1/assemble/', json({ checksum: sha1(zip), chunks: [sha1(zip)], dist: '3' }));
    expect(await res.json()).toMatchObject({ state: 'created' });
    const files = await (await c.api('/api/0/organizations/sentry/releases/shop@1.0.1/files/')).json();
    expect(files).toEqual([expect.objectContaining({ name: '~/a.js', dist: '3', headers: { Sourcemap: 'a.js.map' } })]);
  });
});
