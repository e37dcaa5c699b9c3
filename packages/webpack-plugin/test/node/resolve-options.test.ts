import { describe, expect, it } from 'vitest';
import { globToRegExp } from '../../../upload/src/file-filter';
import { resolveOptions } from '../../src/resolve-options';

const OUTPUT = ['static/js/a.js', 'static/js/a.js.map', 'static/js/x/b.mjs', 'a.js', 'a.css', 'index.html', 'other/c.js'];

describe('resolveOptions', () => {
  it('has documented defaults', () => {
    const o = resolveOptions({}, {});
    expect(o).toMatchObject({
      url: 'https://sentry.io',
      authToken: undefined,
      org: undefined,
      projects: [],
      release: undefined,
      mode: 'auto',
      debugIds: true,
      finalize: true,
      deploy: false,
      deleteAfterUpload: false,
      dryRun: false,
      retries: 3,
      retryDelay: 500,
      concurrency: 5,
      timeout: 120_000,
      failOnError: false,
      uploadInWatchMode: false,
      silent: false,
      debug: false,
      deprecations: [],
    });
    expect(typeof o.transport).toBe('function');
  });

  it('reads the server settings and release from the environment, options first', () => {
    const env = { SENTRY_URL: 'https://env.example/', SENTRY_AUTH_TOKEN: 't', SENTRY_ORG: 'o', SENTRY_PROJECT: 'a,b', SENTRY_RELEASE: 'r' };
    expect(resolveOptions({}, env)).toMatchObject({ url: 'https://env.example', authToken: 't', org: 'o', projects: ['a', 'b'], release: 'r' });
    expect(resolveOptions({ url: 'https://x.io', org: 'acme', project: 'shop', release: 'v2' }, env)).toMatchObject({ url: 'https://x.io', org: 'acme', projects: ['shop'], release: 'v2' });
  });

  it.each([
    [{ CI: 'true' }, true],
    [{ CI: '1' }, true],
    [{ CI: 'false' }, false],
    [{}, false],
  ])('fails the build by default only in CI (%j)', (env, expected) => {
    expect(resolveOptions({}, env).failOnError).toBe(expected);
    expect(resolveOptions({ failOnError: !expected }, env).failOnError).toBe(!expected);
  });

  it('turns debug IDs off by default in legacy mode only', () => {
    expect(resolveOptions({ mode: 'legacy' }, {}).debugIds).toBe(false);
    expect(resolveOptions({ mode: 'artifact-bundle' }, {}).debugIds).toBe(true);
    expect(resolveOptions({ mode: 'legacy', debugIds: true }, {}).debugIds).toBe(true);
  });

  it('maps the older plugin names, with one deprecation note each', () => {
    const transform = (f: string) => `~/x/${f}`;
    const o = resolveOptions(
      { organisation: 'acme', apiKey: 'k', baseSentryURL: 'https://sentry.example.com/api/0/projects/', deleteAfterCompile: true, suppressErrors: true, filenameTransform: transform },
      { CI: 'true' },
    );
    expect(o).toMatchObject({ org: 'acme', authToken: 'k', url: 'https://sentry.example.com', deleteAfterUpload: true, failOnError: false, filenameTransform: transform });
    expect(o.deprecations).toHaveLength(6);
    expect(o.deprecations[0]).toBe('option `organisation` is deprecated (webpack-sentry-plugin name): use `org`');
  });

  it('lets the current names win over the older ones', () => {
    expect(resolveOptions({ org: 'new', organization: 'old', authToken: 'a', apiKey: 'b', failOnError: true, suppressErrors: true }, {})).toMatchObject({ org: 'new', authToken: 'a', failOnError: true });
  });

  it('selects the emitted scripts and maps by default, then include/exclude', () => {
    const { selects } = resolveOptions({}, {});
    expect(['a.js', 'a.mjs', 'a.cjs', 'a.js.map', 'a.css', 'index.html', 'a.LICENSE.txt'].filter(selects)).toEqual(['a.js', 'a.mjs', 'a.cjs', 'a.js.map']);
    const custom = resolveOptions({ include: ['static/js/**', /\.json$/g], exclude: [(f: string) => f.includes('vendor'), '**/*.txt'] }, {}).selects;
    expect(['static/js/a.js', 'static/js/x/b.js', 'other/a.js', 'static/js/vendor.js', 'static/js/a.txt', 'a.json', 'a.json'].filter(custom)).toEqual([
      'static/js/a.js',
      'static/js/x/b.js',
      'a.json',
      'a.json',
    ]);
  });

  it.each([
    ['**/*.{js,map}', ['static/js/a.js', 'static/js/a.js.map', 'a.js', 'other/c.js']],
    ['static/js/*.{js,map}', ['static/js/a.js', 'static/js/a.js.map']],
    ['**/*.+(js|mjs)', ['static/js/a.js', 'static/js/x/b.mjs', 'a.js', 'other/c.js']],
    // A directory (the @sentry/webpack-plugin 1.x form) takes its scripts and maps.
    ['.', ['static/js/a.js', 'static/js/a.js.map', 'static/js/x/b.mjs', 'a.js', 'other/c.js']],
    ['./', ['static/js/a.js', 'static/js/a.js.map', 'static/js/x/b.mjs', 'a.js', 'other/c.js']],
    ['static/js', ['static/js/a.js', 'static/js/a.js.map', 'static/js/x/b.mjs']],
    ['./static/js/', ['static/js/a.js', 'static/js/a.js.map', 'static/js/x/b.mjs']],
    ['index.html', ['index.html']],
  ])('include %j selects %j of the output', (include, expected) => {
    expect(OUTPUT.filter(resolveOptions({ include }, {}).selects)).toEqual(expected);
  });

  it.each([
    ['./dist', ['static/js/a.js', 'static/js/a.js.map', 'static/js/x/b.mjs', 'a.js', 'other/c.js']],
    ['.', ['static/js/a.js', 'static/js/a.js.map', 'static/js/x/b.mjs', 'a.js', 'other/c.js']],
    ['/app/dist', ['static/js/a.js', 'static/js/a.js.map', 'static/js/x/b.mjs', 'a.js', 'other/c.js']],
    ['dist/static', ['static/js/a.js', 'static/js/a.js.map', 'static/js/x/b.mjs']],
    ['./build', []],
  ])('include %j, a directory of the project, selects %j of the output in /app/dist', (include, expected) => {
    const selects = resolveOptions({ include }, {}).selectsIn({ context: '/app', outputPath: '/app/dist' });
    expect(OUTPUT.filter((f) => selects(f))).toEqual(expected);
  });

  it('describes include and exclude for messages', () => {
    expect(resolveOptions({}, {}).patterns).toBe('include: the emitted .js, .mjs, .cjs and .map files');
    expect(resolveOptions({ include: ['**/*.{js,map}', /\.js$/], exclude: () => false }, {}).patterns).toBe('include: "**/*.{js,map}", /\\.js$/; exclude: a function');
  });

  it.each([
    [{ mode: 'fast' }, '`mode` must be one of auto, legacy, artifact-bundle'],
    [{ concurrency: 0 }, '`concurrency` must be a number >= 1'],
    [{ retries: -1 }, '`retries` must be a number >= 0'],
    [{ deploy: {} }, '`deploy.env` is required'],
  ])('rejects %j at once', (options, message) => {
    expect(() => resolveOptions(options as never, {})).toThrow(message);
  });
});

describe('globToRegExp', () => {
  it.each([
    ['*.js', 'a.js', true],
    ['*.js', 'x/a.js', false],
    ['**/*.js', 'x/y/a.js', true],
    ['**/*.js', 'a.js', true],
    ['static/**', 'static/js/a.js', true],
    ['./a?.js', 'ab.js', true],
    ['a.js', 'aXjs', false],
  ])('%s matches %s: %s', (glob, file, expected) => {
    expect(globToRegExp(glob).test(file)).toBe(expected);
  });
});
