import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildArtifactBundle, bundlePath, type BundleFile } from '../../src/artifact-bundle';
import { createZip } from '../../src/zip';
import { readZip } from '../helpers/zip';

const ID = '85314830-023f-4cf1-8267-535f4e37bb17';
const file = (f: Partial<Omit<BundleFile, 'content'>> & { file: string; content: string }): BundleFile => ({
  url: `~/${f.file}`,
  type: f.file.endsWith('.map') ? 'source_map' : 'minified_source',
  size: f.content.length,
  ...f,
  content: Buffer.from(f.content),
});

describe('createZip', () => {
  it('round-trips stored and deflated entries with UTF-8 names', async () => {
    const entries = [
      { name: 'manifest.json', data: Buffer.from('{"a":1}') },
      { name: 'files/_/_/big.js', data: Buffer.from('x=1;'.repeat(5000)) },
      { name: 'files/_/_/ümlaut.js', data: Buffer.from('') },
      { name: 'bin', data: Buffer.from([0, 255, 1, 254]) },
    ];
    const zip = await createZip(entries);
    expect(zip.length).toBeLessThan(5000); // the repetitive entry was deflated
    const read = readZip(zip);
    expect([...read.keys()]).toEqual(entries.map((e) => e.name));
    for (const e of entries) expect(read.get(e.name)!.equals(e.data)).toBe(true);
  });

  // Info-ZIP's unzip, a reader that is not ours: present on most CI images.
  const unzip = (() => {
    try {
      execFileSync('unzip', ['-v'], { stdio: 'ignore' });
      return true;
    } catch {
      return false;
    }
  })();

  it.skipIf(!unzip)('writes archives that unzip -t accepts, with an entry over 64 KB and non-ASCII names', async () => {
    const entries = [
      { name: 'manifest.json', data: Buffer.from('{"files":{}}') },
      { name: 'files/_/_/static/js/big.js', data: Buffer.from('var a=1;\n'.repeat(20_000)) }, // 200 KB, deflated
      { name: 'files/_/_/static/js/random.bin', data: randomBytes(100_000) }, // 100 KB, stored (deflate would grow it)
      { name: 'files/_/_/static/js/café-日本.js', data: Buffer.from('ünïcödé();'.repeat(10_000)) },
    ];
    const dir = mkdtempSync(join(tmpdir(), 'faultline-zip-'));
    try {
      const file = join(dir, 'bundle.zip');
      writeFileSync(file, await createZip(entries));
      const env = { ...process.env, LC_ALL: 'C.UTF-8' };
      expect(execFileSync('unzip', ['-t', file], { encoding: 'utf8', env })).toMatch(/No errors detected in compressed data/);
      expect(execFileSync('unzip', ['-Z1', file], { encoding: 'utf8', env }).split('\n').filter(Boolean)).toEqual(entries.map((e) => e.name));
      for (const e of entries) {
        expect(execFileSync('unzip', ['-p', file, e.name], { env, maxBuffer: 1 << 24 }).equals(e.data)).toBe(true);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("deflates off webpack's thread: the event loop keeps turning while a big bundle is packed", async () => {
    const entries = Array.from({ length: 8 }, (_, i) => ({ name: `files/_/_/${i}.js`, data: Buffer.from(`f${i}(${'x'.repeat(64)});\n`.repeat(40_000)) }));
    let turns = 0;
    let running = true;
    const spin = () => {
      turns++;
      if (running) setImmediate(spin);
    };
    setImmediate(spin);
    const zipping = createZip(entries);
    expect(zipping).toBeInstanceOf(Promise);
    await zipping;
    running = false;
    expect(turns).toBeGreaterThan(1);
  });

  it('is deterministic', async () => {
    const entries = [{ name: 'a', data: Buffer.from('a') }];
    expect((await createZip(entries)).equals(await createZip(entries))).toBe(true);
  });
});

describe('bundlePath', () => {
  it.each([
    ['~/static/js/app.js', 'files/_/_/static/js/app.js'],
    ['~/app.js', 'files/_/_/app.js'],
    ['/app.js', 'files/_/_/app.js'],
    ['https://cdn.example.com/js/app.js', 'files/https/cdn.example.com/js/app.js'],
  ])('%s -> %s', (url, path) => expect(bundlePath(url)).toBe(path));
});

describe('buildArtifactBundle', () => {
  const files = [
    file({ file: 'static/js/app.js', content: `code()\n//# debugId=${ID}`, sourceMap: 'app.js.map' }),
    file({ file: 'static/js/app.js.map', content: `{"version":3,"debug_id":"${ID}"}` }),
    file({ file: 'static/js/other.js', content: 'other()', sourceMap: '../maps/other.js.map' }),
    file({ file: 'static/maps/other.js.map', content: '{"version":3}' }),
    file({ file: 'static/js/plain.js', content: 'plain()' }),
  ];
  const meta = { org: 'acme', projects: ['shop'], release: 'r1', dist: '7' };

  it('writes a manifest giving each file its URL, type and headers, and the files themselves', async () => {
    const { zip, manifest, debugIds } = await buildArtifactBundle(files, meta);
    expect(manifest).toMatchObject({ org: 'acme', project: 'shop', release: 'r1', dist: '7', debug_id: expect.stringMatching(/^[0-9a-f-]{36}$/) });
    expect(manifest.files).toEqual({
      'files/_/_/static/js/app.js': { url: '~/static/js/app.js', type: 'minified_source', headers: { 'debug-id': ID, Sourcemap: 'app.js.map' } },
      'files/_/_/static/js/app.js.map': { url: '~/static/js/app.js.map', type: 'source_map', headers: { 'debug-id': ID } },
      'files/_/_/static/js/other.js': { url: '~/static/js/other.js', type: 'minified_source', headers: { Sourcemap: '../maps/other.js.map' } },
      'files/_/_/static/maps/other.js.map': { url: '~/static/maps/other.js.map', type: 'source_map', headers: {} },
      'files/_/_/static/js/plain.js': { url: '~/static/js/plain.js', type: 'minified_source', headers: {} },
    });
    expect(debugIds).toBe(2);
    const read = readZip(zip);
    expect(JSON.parse(read.get('manifest.json')!.toString())).toEqual(manifest);
    for (const f of files) expect(read.get(bundlePath(f.url))!.equals(f.content)).toBe(true);
  });

  it("gives a map without a debug ID its script's", async () => {
    const { manifest } = await buildArtifactBundle([files[0], file({ file: 'static/js/app.js.map', content: '{"version":3}' })], meta);
    expect(manifest.files['files/_/_/static/js/app.js.map'].headers).toEqual({ 'debug-id': ID });
  });

  it('makes the same bytes from the same files in any order', async () => {
    const a = (await buildArtifactBundle(files, meta)).zip;
    const b = (await buildArtifactBundle([...files].reverse(), meta)).zip;
    expect(a.equals(b)).toBe(true);
  });
});
