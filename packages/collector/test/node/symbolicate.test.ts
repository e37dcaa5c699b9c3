import { buildSync } from 'esbuild';
import fc from 'fast-check';
import { SourceMapConsumer } from 'source-map';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import vm from 'node:vm';
import { describe, expect, it } from 'vitest';
import type { SentryEvent, StackFrame } from '../../src/event';
import { createSourceMapCache, symbolicateEvent } from '../../src/symbolicate';
import { candidateNames } from '../../src/symbolicate/candidate-names';
import { cleanFilename } from '../../src/symbolicate/clean-filename';
import { trimLine } from '../../src/symbolicate/source-context';
import { memoryArtifacts } from '../helpers/memory-artifacts';

// A small app, minified by esbuild with a real map, thrown in a real V8 to get a real stack.
const CART = `import { format } from './format.js';

export function checkout(cart) {
  const total = cart.items.reduce((sum, item) => sum + item.price, 0);
  if (total > 100) {
    throw new Error('boom');
  }
  return format(total);
}
`;
const FORMAT = `export const format = (n) => n.toFixed(2) + ' EUR';\n`;
const INDEX = `import { checkout } from './src/cart.js';
import { pad } from 'left-pad-lite';
function onClick() {
  return pad(checkout({ items: [{ price: 80 }, { price: 30 }] }));
}
globalThis.run = onClick;
`;
const LIB = `export function pad(s) { return ' ' + s; }\n`;
const THROW_LINE = CART.split('\n').indexOf("    throw new Error('boom');") + 1;

function buildApp(): { code: string; map: string } {
  const dir = mkdtempSync(join(tmpdir(), 'faultline-symbolicate-'));
  const files: Record<string, string> = { 'index.js': INDEX, 'src/cart.js': CART, 'src/format.js': FORMAT, 'node_modules/left-pad-lite/index.js': LIB, 'node_modules/left-pad-lite/package.json': '{"main":"index.js"}' };
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  // The bundle sits beside its sources, so the map names them src/cart.js, index.js, node_modules/….
  const result = buildSync({ entryPoints: [join(dir, 'index.js')], bundle: true, minify: true, format: 'iife', sourcemap: 'external', sourcesContent: true, outfile: join(dir, 'app.js'), write: false });
  rmSync(dir, { recursive: true, force: true });
  const code = result.outputFiles.find((f) => f.path.endsWith('.js'))!.text;
  const map = result.outputFiles.find((f) => f.path.endsWith('.map'))!.text;
  return { code, map };
}

const APP = buildApp();
const URL_ = 'https://shop.example/static/js/app.js';

/** Runs the minified app as a browser would load it from URL_, and turns its stack into Sentry frames (oldest first). */
function realFrames(): StackFrame[] {
  const context = vm.createContext({});
  vm.runInContext(APP.code, context, { filename: URL_ });
  let stack = '';
  try {
    context.run();
  } catch (e) {
    stack = (e as Error).stack!;
  }
  const frames = [...stack.matchAll(/\n\s+at (?:(.*?) \()?(.+?):(\d+):(\d+)\)?/g)].map((m) => ({
    function: m[1],
    filename: m[2],
    abs_path: m[2],
    lineno: Number(m[3]),
    colno: Number(m[4]),
    in_app: true,
  }));
  return frames.filter((f) => f.abs_path == URL_).reverse();
}

function eventWith(frames: StackFrame[], extra: Partial<SentryEvent> = {}): SentryEvent {
  return { event_id: 'a'.repeat(32), release: 'shop@1.0.0', exception: { values: [{ type: 'Error', value: 'boom', stacktrace: { frames: structuredClone(frames) } }] }, ...extra };
}
const top = (e: SentryEvent) => e.exception!.values![0].stacktrace!.frames!.at(-1)!;

describe('symbolication through real esbuild maps', () => {
  const uploaded = (headers: Record<string, string> = { Sourcemap: 'app.js.map' }, dist?: string) =>
    memoryArtifacts([
      { release: 'shop@1.0.0', dist, name: '~/static/js/app.js', content: APP.code, headers },
      { release: 'shop@1.0.0', dist, name: '~/static/js/app.js.map', content: APP.map },
    ]);

  it('maps the real top frame to src/cart.js, its line, column and function, with 5 lines of context', async () => {
    const frames = realFrames();
    const event = eventWith(frames);
    symbolicateEvent(event, uploaded(), createSourceMapCache());
    const frame = top(event);
    // An independent oracle: Mozilla's source-map on the same map and position.
    const consumer = await new SourceMapConsumer(JSON.parse(APP.map));
    const expected = consumer.originalPositionFor({ line: frames.at(-1)!.lineno!, column: frames.at(-1)!.colno! - 1 });
    consumer.destroy();
    expect(expected.line).toBe(THROW_LINE);
    expect(frame).toMatchObject({
      filename: 'src/cart.js',
      lineno: THROW_LINE,
      colno: expected.column! + 1,
      function: 'checkout',
      in_app: true,
      context_line: "    throw new Error('boom');",
      pre_context: CART.split('\n').slice(THROW_LINE - 6, THROW_LINE - 1),
      post_context: CART.split('\n').slice(THROW_LINE, THROW_LINE + 5),
      data: { sourcemap: '~/static/js/app.js.map', resolved_with: 'release', symbolicated: true },
    });
    expect(event.exception!.values![0].raw_stacktrace!.frames!.at(-1)).toEqual(frames.at(-1));
    expect(event.errors).toBeUndefined();
  });

  it('names the caller frame by its original function too', () => {
    const event = eventWith(realFrames());
    symbolicateEvent(event, uploaded(), createSourceMapCache());
    const names = event.exception!.values![0].stacktrace!.frames!.map((f) => [f.filename, f.function]);
    expect(names).toEqual([['index.js', 'onClick'], ['src/cart.js', 'checkout']]);
  });

  it.each([
    ['the full URL', URL_],
    ['the URL without query', 'https://shop.example/static/js/app.js'],
    ['~/path?query', '~/static/js/app.js?v=3'],
    ['~/path', '~/static/js/app.js'],
  ])('finds the minified file uploaded under %s', (_how, name) => {
    const artifacts = memoryArtifacts([
      { release: 'shop@1.0.0', name, content: APP.code, headers: { Sourcemap: 'app.js.map' } },
      { release: 'shop@1.0.0', name: name.replace(/\?.*$/, '') + '.map', content: APP.map },
    ]);
    const frames = realFrames().map((f) => ({ ...f, abs_path: `${URL_}?v=3`, filename: `${URL_}?v=3` }));
    const event = eventWith(frames);
    symbolicateEvent(event, artifacts, createSourceMapCache());
    expect(top(event)).toMatchObject({ filename: 'src/cart.js', lineno: THROW_LINE });
  });

  it('needs the dist to match exactly, and says which names it tried', () => {
    const event = eventWith(realFrames(), { dist: '' });
    symbolicateEvent(event, uploaded(undefined, '7'), createSourceMapCache());
    expect(top(event)).toEqual(realFrames().at(-1));
    expect(event.errors).toEqual([
      {
        type: 'js_no_source',
        url: URL_,
        message: `no file named ${URL_} or ~/static/js/app.js was uploaded for release shop@1.0.0 and no dist: upload the built file and its map with that name (the dist must match exactly)`,
      },
    ]);
    const withDist = eventWith(realFrames(), { dist: '7' });
    symbolicateEvent(withDist, uploaded(undefined, '7'), createSourceMapCache());
    expect(top(withDist).filename).toBe('src/cart.js');
  });

  it('follows a sourceMappingURL comment (relative and absolute) when there is no Sourcemap header', () => {
    for (const reference of ['app.js.map', 'https://shop.example/static/js/app.js.map']) {
      const artifacts = memoryArtifacts([
        { release: 'shop@1.0.0', name: '~/static/js/app.js', content: `${APP.code}\n//# sourceMappingURL=${reference}\n` },
        { release: 'shop@1.0.0', name: '~/static/js/app.js.map', content: APP.map },
      ]);
      const event = eventWith(realFrames());
      symbolicateEvent(event, artifacts, createSourceMapCache());
      expect(top(event)).toMatchObject({ filename: 'src/cart.js', lineno: THROW_LINE });
    }
  });

  it('reads an inline data: URL map', () => {
    const inline = `${APP.code}\n//# sourceMappingURL=data:application/json;charset=utf-8;base64,${Buffer.from(APP.map).toString('base64')}\n`;
    const event = eventWith(realFrames());
    symbolicateEvent(event, memoryArtifacts([{ release: 'shop@1.0.0', name: '~/static/js/app.js', content: inline }]), createSourceMapCache());
    expect(top(event)).toMatchObject({ filename: 'src/cart.js', lineno: THROW_LINE, function: 'checkout' });
  });

  it('finds file and map by debug ID without a release', () => {
    const id = '0f3a2b1c-9d8e-4f7a-8b6c-5d4e3f2a1b0c';
    const artifacts = memoryArtifacts([
      { name: '~/static/js/app.js', content: APP.code, debugId: id, type: 'minified_source' },
      { name: '~/static/js/app.js.map', content: APP.map, debugId: id, type: 'source_map' },
    ]);
    const event = eventWith(realFrames(), { release: undefined, debug_meta: { images: [{ type: 'sourcemap', code_file: URL_, debug_id: id }] } });
    symbolicateEvent(event, artifacts, createSourceMapCache());
    expect(top(event)).toMatchObject({ filename: 'src/cart.js', function: 'checkout', data: { resolved_with: 'debug-id' } });
  });

  it('marks library frames as not in-app', () => {
    // A frame inside node_modules/left-pad-lite: locate pad's body in the minified code.
    const at = APP.code.indexOf("\" \"+");
    const before = APP.code.slice(0, at).split('\n');
    const frame = { abs_path: URL_, filename: URL_, lineno: before.length, colno: before.at(-1)!.length + 1, function: 'u', in_app: true };
    const event = eventWith([frame]);
    symbolicateEvent(event, uploaded(), createSourceMapCache());
    expect(top(event)).toMatchObject({ filename: 'node_modules/left-pad-lite/index.js', in_app: false });
  });

  it('maps a map without sourcesContent, and notes that there is no context', () => {
    const bare = JSON.stringify({ ...JSON.parse(APP.map), sourcesContent: undefined });
    const event = eventWith(realFrames());
    symbolicateEvent(event, memoryArtifacts([
      { release: 'shop@1.0.0', name: '~/static/js/app.js', content: APP.code, headers: { Sourcemap: 'app.js.map' } },
      { release: 'shop@1.0.0', name: '~/static/js/app.js.map', content: bare },
    ]), createSourceMapCache());
    expect(top(event)).toMatchObject({ filename: 'src/cart.js', lineno: THROW_LINE });
    expect(top(event).context_line).toBeUndefined();
    expect(event.errors!.map((e) => e.type)).toEqual(['js_missing_sources_content']);
  });

  it.each([
    ['a map that is not JSON', '{"version":3,', 'js_invalid_source'],
    ['a map that is HTML', '<html>404</html>', 'js_invalid_source'],
  ])('keeps the frames and notes %s', (_name, map, type) => {
    const frames = realFrames();
    const event = eventWith(frames);
    symbolicateEvent(event, memoryArtifacts([
      { release: 'shop@1.0.0', name: '~/static/js/app.js', content: APP.code, headers: { Sourcemap: 'app.js.map' } },
      { release: 'shop@1.0.0', name: '~/static/js/app.js.map', content: map },
    ]), createSourceMapCache());
    expect(event.exception!.values![0].stacktrace!.frames!.map((f) => f.filename)).toEqual(frames.map((f) => f.filename));
    expect(event.errors!.map((e) => e.type)).toEqual([type]);
  });

  it('notes a map that the file points to but nobody uploaded, and an event without release', () => {
    const event = eventWith(realFrames());
    symbolicateEvent(event, memoryArtifacts([{ release: 'shop@1.0.0', name: '~/static/js/app.js', content: APP.code, headers: { Sourcemap: 'app.js.map' } }]), createSourceMapCache());
    expect(event.errors).toEqual([expect.objectContaining({ type: 'js_invalid_sourcemap_location', message: expect.stringContaining('~/static/js/app.js.map, which was not uploaded') })]);
    const noRelease = eventWith(realFrames(), { release: undefined });
    symbolicateEvent(noRelease, uploaded(), createSourceMapCache());
    expect(noRelease.errors).toEqual([expect.objectContaining({ type: 'js_no_source', message: expect.stringContaining('no release') })]);
  });

  it('parses a map once and evicts by bytes', () => {
    const cache = createSourceMapCache({ maxBytes: APP.map.length * 3 });
    const artifacts = uploaded();
    for (let i = 0; i < 5; i++) symbolicateEvent(eventWith(realFrames()), artifacts, cache);
    // The map (and the minified file, for function names) are each read once, however many events.
    expect(artifacts.reads).toBe(2);
    const other = memoryArtifacts([
      { release: 'shop@1.0.0', name: '~/static/js/app.js', content: APP.code + ' ', headers: { Sourcemap: 'app.js.map' } },
      { release: 'shop@1.0.0', name: '~/static/js/app.js.map', content: APP.map + ' ' },
    ]);
    symbolicateEvent(eventWith(realFrames()), other, cache);
    expect(cache.size).toBeLessThanOrEqual(APP.map.length * 3);
  });

  it('never throws, whatever the frames and map text', () => {
    fc.assert(
      fc.property(fc.array(fc.record({ abs_path: fc.oneof(fc.constant(URL_), fc.string()), lineno: fc.oneof(fc.integer(), fc.double()), colno: fc.oneof(fc.integer(), fc.constant(undefined)), function: fc.option(fc.string(), { nil: undefined }) }), { maxLength: 8 }), fc.string(), (frames, map) => {
        const event = eventWith(frames as StackFrame[]);
        const artifacts = memoryArtifacts([
          { release: 'shop@1.0.0', name: '~/static/js/app.js', content: APP.code, headers: { Sourcemap: 'app.js.map' } },
          { release: 'shop@1.0.0', name: '~/static/js/app.js.map', content: map },
        ]);
        symbolicateEvent(event, artifacts, createSourceMapCache());
      }),
      { numRuns: 300 },
    );
  });
});

describe('helpers', () => {
  it.each([
    ['https://shop.example/static/js/app.3f2a.js?v=2#x', ['https://shop.example/static/js/app.3f2a.js?v=2#x', 'https://shop.example/static/js/app.3f2a.js', '~/static/js/app.3f2a.js?v=2', '~/static/js/app.3f2a.js']],
    ['https://shop.example/app.js', ['https://shop.example/app.js', '~/app.js']],
    ['app:///main.js', ['app:///main.js', '~/main.js']],
    ['/static/app.js', ['/static/app.js', '~/static/app.js']],
  ])('candidate names of %s', (url, names) => expect(candidateNames(url)).toEqual(names));

  it.each([
    ['webpack://shop/./src/cart.js', 'src/cart.js'],
    ['webpack:///./src/cart.js', 'src/cart.js'],
    ['webpack:///src/cart.js', 'src/cart.js'],
    ['webpack://shop/node_modules/vue/dist/vue.js', 'node_modules/vue/dist/vue.js'],
    ['./src/App.vue?3a1f', 'src/App.vue'],
    ['../src/main.ts', '../src/main.ts'],
    ['/./src/cart.js', 'src/cart.js'],
  ])('cleans %s', (source, clean) => expect(cleanFilename(source)).toBe(clean));

  it('cuts a long line to 150 characters around the column', () => {
    const line = `${'a'.repeat(500)}THROW${'b'.repeat(500)}`;
    const cut = trimLine(line, 500);
    expect(cut).toContain('THROW');
    expect(cut.replace(/\{snip\} ?| ?\{snip\}/g, '')).toHaveLength(150);
    expect(cut.startsWith('{snip} ')).toBe(true);
  });
});
