import type { Transport } from './transport';

/**
 * Picks files by their path in the output directory (`static/js/app.js`): a glob (picomatch:
 * `**\/*.{js,map}`), a path without glob characters (a file, or a directory whose scripts and
 * maps are taken: `'.'`, `'./dist'`), a RegExp or a test.
 */
export type FileFilter = string | RegExp | ((file: string) => boolean);

/** How artifacts reach the server. */
export type UploadMode = 'auto' | 'legacy' | 'artifact-bundle';

/** Options of `FaultlineWebpackPlugin`. All are optional; the four server settings also come from the environment. */
export interface FaultlineWebpackPluginOptions {
  /**
   * The Sentry server, without `/api/0`.
   * @default process.env.SENTRY_URL || 'https://sentry.io'
   * @example { url: 'https://sentry.example.com' }
   */
  url?: string;
  /**
   * An auth token with the `project:releases` (or `project:write`) scope. Sent only as a bearer
   * header; never logged nor put in an error message.
   * @default process.env.SENTRY_AUTH_TOKEN
   * @example { authToken: process.env.SENTRY_AUTH_TOKEN }
   */
  authToken?: string;
  /** Organization slug. @default process.env.SENTRY_ORG @example { org: 'acme' } */
  org?: string;
  /**
   * Project slug, or several: the release and artifacts are linked to each.
   * @default process.env.SENTRY_PROJECT
   * @example { project: ['shop', 'shop-admin'] }
   */
  project?: string | string[];
  /**
   * The release the artifacts belong to; must equal the SDK's `release`. A function gets the
   * compilation hash (as the older community plugin did).
   * @default process.env.SENTRY_RELEASE, else the git commit (`git rev-parse HEAD`)
   * @example { release: `shop@${require('./package.json').version}` }
   */
  release?: string | ((compilationHash: string) => string | undefined);
  /** Distribution within the release; must equal the SDK's `dist` exactly. @default none @example { dist: '7' } */
  dist?: string;
  /**
   * Files to upload, by path in the output directory. A directory is read from the output
   * directory, then from the project (webpack's `context`) and the working directory, as
   * @sentry/webpack-plugin 1.x read `include: './dist'`. When nothing (or no source map) is
   * selected, the build fails under `failOnError`, naming the patterns and the files seen.
   * @default the compilation's emitted `.js`, `.mjs`, `.cjs` and `.map` files
   * @example { include: ['static/js/**\/*.{js,map}'] } // or { include: './dist' }
   */
  include?: FileFilter | FileFilter[];
  /** Files to leave out, even when included. @default none @example { exclude: /vendor/ } */
  exclude?: FileFilter | FileFilter[];
  /**
   * Prefix that turns a file path into the name Sentry matches a frame's URL with: `~/` means
   * any host.
   * @default '~/' + the path of webpack's `output.publicPath` ('~/' when it is 'auto')
   * @example { urlPrefix: '~/static/js' } // static/js/app.js -> ~/static/js/app.js
   */
  urlPrefix?: string;
  /**
   * `auto` asks the server (`GET .../chunk-upload/`): artifact bundles when it accepts them
   * (Sentry 23.6+), release files otherwise (20.x and every other version). `artifact-bundle`
   * fails when the server cannot take them; `legacy` always uploads release files.
   * @default 'auto'
   * @example { mode: 'legacy' } // a proxy that only lets the release-file endpoints through
   */
  mode?: UploadMode;
  /**
   * Inject a debug ID into every output chunk (a tiny snippet registering it in
   * `globalThis._sentryDebugIds`, a `//# debugId=` comment) and its source map (`debug_id`), so
   * servers match maps without relying on URLs.
   * @default true, except in 'legacy' mode
   * @example { debugIds: false } // leave the output files exactly as webpack made them
   */
  debugIds?: boolean;
  /** Mark the release as released once the artifacts are up. @default true @example { finalize: false } */
  finalize?: boolean;
  /**
   * Record a deploy of the release after the upload.
   * @default false
   * @example { deploy: { env: 'production' } }
   */
  deploy?: false | { env: string; name?: string; url?: string };
  /**
   * Delete the uploaded source maps from the output directory, once the upload succeeded (they
   * stay when it failed), so they are not deployed.
   * @default false
   * @example { devtool: 'hidden-source-map', plugins: [new FaultlineWebpackPlugin({ deleteAfterUpload: true })] }
   */
  deleteAfterUpload?: boolean;
  /** Log what would be uploaded and send nothing. @default false @example { dryRun: !process.env.CI } */
  dryRun?: boolean;
  /** Retries of a request after a 5xx, 429 or network error. @default 3 @example { retries: 5 } */
  retries?: number;
  /** First retry delay in ms, doubled at each retry (a 429's `Retry-After` wins when longer). @default 500 @example { retryDelay: 2000 } */
  retryDelay?: number;
  /**
   * Requests in flight at most. For artifact bundles the server's own limit applies as well.
   * @default 5
   * @example { concurrency: 2 } // a small self-hosted server
   */
  concurrency?: number;
  /** Timeout of each request in ms (then it is retried). @default 120000 @example { timeout: 30_000 } */
  timeout?: number;
  /**
   * Fail the build when the upload fails. With `false` the failure is a webpack warning and the
   * build's output stays as it is.
   * @default true when `process.env.CI` is set, else false
   * @example { failOnError: false } // never block a deploy on Sentry
   */
  failOnError?: boolean;
  /** Upload in watch mode and under the dev server too. @default false @example { uploadInWatchMode: true } */
  uploadInWatchMode?: boolean;
  /**
   * Sends the HTTP requests, e.g. to go through a proxy.
   * @default a transport on Node's `fetch`
   * @example { transport: (request) => myProxyFetch(request) } // resolves { status, headers, body }
   */
  transport?: Transport;
  /** No progress lines (warnings still show). @default false @example { silent: true } */
  silent?: boolean;
  /** Log every request with its status and duration. @default false @example { debug: true } */
  debug?: boolean;

  /** @deprecated Use `org` (option name of the older `webpack-sentry-plugin`). */
  organization?: string;
  /** @deprecated Use `org`. */
  organisation?: string;
  /** @deprecated Use `authToken`. */
  apiKey?: string;
  /** @deprecated Use `url` (without `/api/0`). */
  baseSentryURL?: string;
  /** @deprecated Use `deleteAfterUpload`. */
  deleteAfterCompile?: boolean;
  /** @deprecated Use `failOnError: false`. */
  suppressErrors?: boolean;
  /**
   * @deprecated Use `urlPrefix`. Maps a file path in the output directory to its artifact name.
   * Still honoured when given.
   */
  filenameTransform?: (filename: string) => string;
}
