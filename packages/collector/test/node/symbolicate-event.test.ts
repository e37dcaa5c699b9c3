import { SourceMapConsumer } from 'source-map';
import { describe, expect, it } from 'vitest';
import type { SentryEvent, StackFrame } from '../../src/event';
import { createSourceMapCache, symbolicateEvent } from '../../src/symbolicate';
import type { ArtifactLookup } from '../../src/symbolicate';
import { buildApp, throwInV8 } from '../helpers/esbuild-app';
import { memoryArtifacts } from '../helpers/memory-artifacts';
import { CART, EACH, RELEASE, SHOP, SHOP_URL, THROW_COLUMN, THROW_LINE, errorEvent, framesOf, shopFrames, topFrame } from '../helpers/shop-app';

const uploaded = (map = SHOP.map, code = SHOP.code) =>
  memoryArtifacts([
    { release: RELEASE, name: '~/static/js/app.js', content: code, headers: { Sourcemap: 'app.js.map' } },
    { release: RELEASE, name: '~/static/js/app.js.map', content: map },
  ]);
const lines = (text: string, from: number, to: number) => text.split('\n').slice(from - 1, to);
const DATA = { sourcemap: '~/static/js/app.js.map', resolved_with: 'release', symbolicated: true };

describe('symbolicateEvent on a real esbuild bundle and V8 stack', () => {
  it('puts the top frame on the throw: file, line, column, function and 5 lines of context', () => {
    const event = errorEvent(shopFrames());
    symbolicateEvent(event, uploaded(), createSourceMapCache());
    expect(topFrame(event)).toEqual({
      filename: '../../src/cart.js',
      abs_path: 'https://shop.example/src/cart.js',
      lineno: THROW_LINE,
      colno: THROW_COLUMN,
      // The anonymous callback is named by the call site that runs it, `fn(...)` in tiny-each (Sentry's caller token).
      function: 'fn',
      in_app: true,
      pre_context: lines(CART, THROW_LINE - 5, THROW_LINE - 1),
      context_line: "      throw new Error('boom');",
      post_context: lines(CART, THROW_LINE + 1, THROW_LINE + 5),
      data: DATA,
    });
    expect(event.errors).toBeUndefined();
  });

  it('maps every frame; library frames are not in-app; minified names become the original ones', () => {
    const event = errorEvent(shopFrames());
    symbolicateEvent(event, uploaded(), createSourceMapCache());
    expect(framesOf(event).map((f) => [f.filename, f.lineno, f.function, f.in_app])).toEqual([
      ['../../src/main.js', 4, 'start', true],
      ['../../src/cart.js', 6, 'checkout', true],
      ['../../node_modules/tiny-each/index.js', 2, 'each', false],
      ['../../src/cart.js', THROW_LINE, 'fn', true],
    ]);
    expect(framesOf(event)[2]).toMatchObject({ context_line: lines(EACH, 2, 2)[0], pre_context: lines(EACH, 1, 1), post_context: ['}', ''] });
  });

  it('agrees with source-map’s SourceMapConsumer on every position (1-based lines and columns in, and out)', async () => {
    const raw = shopFrames();
    const event = errorEvent(raw);
    symbolicateEvent(event, uploaded(), createSourceMapCache());
    const consumer = await new SourceMapConsumer(JSON.parse(SHOP.map));
    try {
      const expected = raw.map((f) => consumer.originalPositionFor({ line: f.lineno!, column: f.colno! - 1 }));
      expect(framesOf(event).map((f) => [f.filename, f.lineno, f.colno])).toEqual(expected.map((o) => [o.source, o.line, o.column! + 1]));
    } finally {
      consumer.destroy();
    }
  });

  it('keeps a deep copy of the SDK frames as raw_stacktrace', () => {
    const raw = shopFrames();
    const event = errorEvent(raw);
    const sent = framesOf(event);
    symbolicateEvent(event, uploaded(), createSourceMapCache());
    const value = event.exception!.values![0];
    expect(value.raw_stacktrace).toEqual({ frames: raw });
    expect(value.raw_stacktrace!.frames![0]).not.toBe(sent[0]);
    expect(value.raw_stacktrace!.frames![0]).not.toBe(value.stacktrace!.frames![0]);
  });

  it('keeps raw_stacktrace apart from the symbolicated frames, nested values included', () => {
    // Mapped frames are new objects, but nested values (vars, data) came from the SDK too.
    const raw = shopFrames().map((f, i) => ({ ...f, vars: { step: { index: i } }, data: { orig: [i] } }));
    const event = errorEvent(raw);
    symbolicateEvent(event, uploaded(), createSourceMapCache());
    const value = event.exception!.values![0];
    for (const frame of value.stacktrace!.frames!) {
      (frame.vars as { step: { index: number } }).step.index = -1;
      (frame.data as { orig: number[] }).orig.push(99);
      frame.function = 'changed';
    }
    expect(value.raw_stacktrace).toEqual({ frames: raw });
  });

  it('gives events that map to the same places equal frames of their own (remembered positions are copied)', () => {
    const cache = createSourceMapCache();
    const artifacts = uploaded();
    const first = errorEvent(shopFrames());
    const second = errorEvent(shopFrames());
    symbolicateEvent(first, artifacts, cache);
    const expected = structuredClone(framesOf(first));
    for (const frame of framesOf(first)) {
      frame.pre_context!.push('changed');
      frame.post_context!.length = 0;
    }
    symbolicateEvent(second, artifacts, cache);
    expect(framesOf(second)).toEqual(expected);
    expect(topFrame(second).pre_context).toEqual(lines(CART, THROW_LINE - 5, THROW_LINE - 1));
  });

  it('symbolicates a top-level stacktrace too, and every exception of a chain', () => {
    const frames = shopFrames();
    const event: SentryEvent = {
      ...errorEvent(frames),
      stacktrace: { frames: structuredClone(frames) },
    };
    event.exception!.values!.unshift({ type: 'TypeError', value: 'cause', stacktrace: { frames: structuredClone(frames) } });
    symbolicateEvent(event, uploaded(), createSourceMapCache());
    for (const trace of [framesOf(event, 0), framesOf(event, 1), event.stacktrace!.frames!]) expect(trace.at(-1)).toMatchObject({ filename: '../../src/cart.js', lineno: THROW_LINE });
    expect(event.raw_stacktrace).toEqual({ frames });
  });

  it('gives the same result when run twice (from raw_stacktrace), without repeating notes', () => {
    const frames = [...shopFrames(), { abs_path: 'https://shop.example/other.js', lineno: 1, colno: 1 }];
    const event = errorEvent(frames);
    const artifacts = uploaded();
    symbolicateEvent(event, artifacts, createSourceMapCache());
    const once = structuredClone(event);
    symbolicateEvent(event, artifacts, createSourceMapCache());
    expect(event).toEqual(once);
    expect(event.errors).toHaveLength(1);
  });
});

describe('what stays as the SDK sent it', () => {
  it('leaves an event without exception frames alone, with no notes', () => {
    for (const event of [
      { event_id: 'e', message: 'hello' },
      { event_id: 'e', exception: { values: [{ type: 'Error', value: 'x' }] } },
      { event_id: 'e', exception: { values: [{ type: 'Error', stacktrace: { frames: [] } }] } },
    ] as SentryEvent[]) {
      const before = structuredClone(event);
      symbolicateEvent(event, uploaded(), createSourceMapCache());
      expect(event).toEqual(before);
    }
  });

  it('leaves frames without a file (native, eval, anonymous) unmapped and without notes', () => {
    const frames: StackFrame[] = [{ function: 'Array.forEach', abs_path: '<anonymous>', lineno: 1, colno: 1 }, { function: 'x', filename: '[native code]' }, { function: 'y' }, ...shopFrames()];
    const event = errorEvent(frames);
    symbolicateEvent(event, uploaded(), createSourceMapCache());
    expect(framesOf(event).slice(0, 3)).toEqual(frames.slice(0, 3).map((f) => ({ ...f, data: { symbolicated: false } })));
    expect(event.errors).toBeUndefined();
  });

  it('leaves events of other platforms alone', () => {
    const event = errorEvent(shopFrames(), { platform: 'python', release: undefined });
    const before = structuredClone(event);
    symbolicateEvent(event, uploaded(), createSourceMapCache());
    expect(event).toEqual(before);
  });

  it('notes a frame without column once per file, and maps the others', () => {
    const frames = shopFrames();
    const event = errorEvent([{ ...frames[0], colno: undefined }, { ...frames[1], colno: undefined }, ...frames.slice(2)]);
    symbolicateEvent(event, uploaded(), createSourceMapCache());
    expect(framesOf(event)[0]).toEqual({ ...frames[0], colno: undefined, data: { symbolicated: false } });
    expect(topFrame(event).data).toEqual(DATA);
    expect(event.errors).toEqual([
      { type: 'js_no_column', url: SHOP_URL, message: `a frame in ${SHOP_URL} has no column number, so it cannot be mapped: minified code needs columns (every current browser reports them)` },
    ]);
  });

  it('notes a position the map does not cover', () => {
    const event = errorEvent([{ ...shopFrames().at(-1)!, lineno: 5000 }]);
    symbolicateEvent(event, uploaded(), createSourceMapCache());
    expect(event.errors).toEqual([
      expect.objectContaining({ type: 'js_invalid_sourcemap_location', url: SHOP_URL, line: 5000, message: expect.stringContaining('maps nothing at line 5000') }),
    ]);
    expect(topFrame(event).lineno).toBe(5000);
  });

  it('maps only the 250 newest frames of an event', () => {
    const top = shopFrames().at(-1)!;
    const event = errorEvent(Array.from({ length: 300 }, () => top));
    symbolicateEvent(event, uploaded(), createSourceMapCache());
    const frames = framesOf(event);
    expect(frames.filter((f) => f.data?.symbolicated)).toHaveLength(250);
    expect(frames.slice(0, 50)).toEqual(Array.from({ length: 50 }, () => top));
  });

  it('turns a failing store into a note, not an exception', () => {
    const broken: ArtifactLookup = {
      byDebugId: () => undefined,
      byName: () => {
        throw new Error('SQLITE_BUSY: database is locked');
      },
    };
    const event = errorEvent(shopFrames());
    expect(() => symbolicateEvent(event, broken, createSourceMapCache())).not.toThrow();
    expect(event.errors).toEqual([{ type: 'js_generic_fetch_error', url: SHOP_URL, message: `reading the files for ${SHOP_URL} failed: SQLITE_BUSY: database is locked` }]);
  });
});

describe('maps as real builds write them', () => {
  it('cleans webpack:// sources for filename and keeps them as abs_path', () => {
    const map = JSON.parse(SHOP.map);
    map.sources = ['webpack://shop/./node_modules/tiny-each/index.js', 'webpack://shop/./src/cart.js', 'webpack:///./src/main.js'];
    const event = errorEvent(shopFrames());
    symbolicateEvent(event, uploaded(JSON.stringify(map)), createSourceMapCache());
    expect(framesOf(event).map((f) => [f.filename, f.abs_path, f.in_app])).toEqual([
      ['src/main.js', 'webpack:///src/main.js', true],
      ['src/cart.js', 'webpack://shop/src/cart.js', true],
      ['node_modules/tiny-each/index.js', 'webpack://shop/node_modules/tiny-each/index.js', false],
      ['src/cart.js', 'webpack://shop/src/cart.js', true],
    ]);
  });

  it.each([
    // What sentry-cli leaves of webpack:///./src/cart.js.
    ['/./src/cart.js', undefined, 'src/cart.js', 'https://shop.example/src/cart.js'],
    ['src/cart.js', 'https://cdn.example/app', 'src/cart.js', 'https://cdn.example/app/src/cart.js'],
    ['src/cart.js', '/app/', 'src/cart.js', 'https://shop.example/app/src/cart.js'],
  ])('names the source %s (sourceRoot %s) %s, at %s', (cart, sourceRoot, filename, absPath) => {
    const map = JSON.parse(SHOP.map);
    map.sources[1] = cart;
    map.sourceRoot = sourceRoot;
    const event = errorEvent(shopFrames());
    symbolicateEvent(event, uploaded(JSON.stringify(map)), createSourceMapCache());
    expect(topFrame(event)).toMatchObject({ filename, abs_path: absPath, lineno: THROW_LINE, context_line: "      throw new Error('boom');" });
  });

  it('maps through a map without sourcesContent, with one note that there is no context', () => {
    const map = { ...JSON.parse(SHOP.map), sourcesContent: undefined };
    const event = errorEvent(shopFrames());
    symbolicateEvent(event, uploaded(JSON.stringify(map)), createSourceMapCache());
    expect(topFrame(event)).toMatchObject({ filename: '../../src/cart.js', lineno: THROW_LINE, colno: THROW_COLUMN, data: DATA });
    expect(topFrame(event).context_line).toBeUndefined();
    expect(event.errors).toEqual([
      {
        type: 'js_missing_sources_content',
        url: SHOP_URL,
        sourcemap: '~/static/js/app.js.map',
        source: '../../src/cart.js',
        message: 'the map ~/static/js/app.js.map has no sourcesContent for ../../src/cart.js (and maybe other sources): frames are mapped but show no source lines (build with sourcesContent)',
      },
    ]);
  });

  it.each([
    ['not JSON', '{"version":3,', 'it is not valid JSON'],
    ['an HTML error page', '<html>404</html>', 'it is not valid JSON'],
    ['JSON but not a map', '{"hello":"world"}', 'it has no "mappings" string'],
    ['a map of another version', '{"version":2,"sources":[],"mappings":""}', 'it has version 2, not 3'],
    ['a list', '[]', 'it is JSON but not an object'],
  ])('keeps the frames as sent and explains a map that is %s', (_what, map, reason) => {
    const frames = shopFrames();
    const event = errorEvent(frames);
    symbolicateEvent(event, uploaded(map), createSourceMapCache());
    expect(event.exception!.values![0]).toEqual({ type: 'Error', value: 'boom', stacktrace: { frames } });
    expect(event.errors).toHaveLength(1);
    expect(event.errors![0]).toMatchObject({ type: 'js_invalid_source', url: SHOP_URL, sourcemap: '~/static/js/app.js.map' });
    expect(event.errors![0].message).toContain(`the source map ~/static/js/app.js.map cannot be used: ${reason}`);
  });

  it('cuts long lines to 150 characters around the column, the throw still in view', () => {
    const pad = 'x'.repeat(300);
    const source = `export function long(n) {\n  const pad = '${pad}'; if (n > 1) { throw new Error('boom ' + pad.length); } return pad + '${'y'.repeat(200)}';\n}\nglobalThis.long = long;\n`;
    const app = buildApp({ 'src/long.js': source }, 'src/long.js');
    const url = 'https://shop.example/static/js/app.js';
    const event = errorEvent(throwInV8(app.code, url, 'long', 2));
    symbolicateEvent(event, uploaded(app.map, app.code), createSourceMapCache());
    const frame = topFrame(event);
    const line = source.split('\n')[1];
    expect(frame).toMatchObject({ lineno: 2, colno: line.indexOf('new Error') + 1 });
    expect(frame.context_line).toBe(`{snip} ${line.slice(frame.colno! - 1 - 60, frame.colno! - 1 + 90)} {snip}`);
    expect(frame.context_line).toContain("new Error('boom ' + pad.length)");
    expect(frame.pre_context).toEqual(['export function long(n) {']);
  });
});

describe('notes', () => {
  it('say once per file what is missing, however many frames and exceptions share it', () => {
    const frames = shopFrames();
    const other = frames.map((f) => ({ ...f, abs_path: 'https://shop.example/static/js/vendor.js' }));
    const event = errorEvent([...other, ...frames]);
    event.exception!.values!.push({ type: 'Error', stacktrace: { frames: structuredClone([...frames, ...other]) } });
    symbolicateEvent(event, memoryArtifacts([]), createSourceMapCache());
    expect(event.errors!.map((e) => [e.type, e.url])).toEqual([
      ['js_no_source', 'https://shop.example/static/js/vendor.js'],
      ['js_no_source', SHOP_URL],
    ]);
  });

  it('keep notes that were already on the event', () => {
    const event = errorEvent(shopFrames(), { errors: [{ type: 'past_timestamp', message: 'the timestamp was in the past' }] });
    symbolicateEvent(event, memoryArtifacts([]), createSourceMapCache());
    expect(event.errors!.map((e) => e.type)).toEqual(['past_timestamp', 'js_no_source']);
  });

});
