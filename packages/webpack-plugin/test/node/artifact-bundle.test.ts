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
  it('round-trips stored and deflated entries with UTF-8 names', () => {
    const entries = [
      { name: 'manifest.json', data: Buffer.from('{"a":1}') },
      { name: 'files/_/_/big.js', data: Buffer.from('x=1;'.repeat(5000)) },
      { name: 'files/_/_/ümlaut.js', data: Buffer.from('') },
      { name: 'bin', data: Buffer.from([0, 255, 1, 254]) },
    ];
    const zip = createZip(entries);
    expect(zip.length).toBeLessThan(5000); // the repetitive entry was deflated
    const read = readZip(zip);
    expect([...read.keys()]).toEqual(entries.map((e) => e.name));
    for (const e of entries) expect(read.get(e.name)!.equals(e.data)).toBe(true);
  });

  it('is deterministic', () => {
    const entries = [{ name: 'a', data: Buffer.from('a') }];
    expect(createZip(entries).equals(createZip(entries))).toBe(true);
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

  it('writes a manifest giving each file its URL, type and headers, and the files themselves', () => {
    const { zip, manifest, debugIds } = buildArtifactBundle(files, meta);
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

  it("gives a map without a debug ID its script's", () => {
    const { manifest } = buildArtifactBundle([files[0], file({ file: 'static/js/app.js.map', content: '{"version":3}' })], meta);
    expect(manifest.files['files/_/_/static/js/app.js.map'].headers).toEqual({ 'debug-id': ID });
  });

  it('makes the same bytes from the same files in any order', () => {
    const a = buildArtifactBundle(files, meta).zip;
    const b = buildArtifactBundle([...files].reverse(), meta).zip;
    expect(a.equals(b)).toBe(true);
  });
});
