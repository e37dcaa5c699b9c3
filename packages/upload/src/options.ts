import type { Transport } from './transport';

/**
 * Picks files by their path in the build's output directory (`static/js/app.js`): a glob
 * (picomatch: `**\/*.{js,map}`), a path without glob characters (a file, or a directory whose
 * scripts and maps are taken: `'.'`, `'./dist'`), a RegExp or a test.
 */
export type FileFilter = string | RegExp | ((file: string) => boolean);

/** How artifacts reach the server. */
export type UploadMode = 'auto' | 'legacy' | 'artifact-bundle';

/** A deploy to record once the release is up. */
export interface DeployOptions {
  /** The environment, e.g. `production`. */
  env: string;
  name?: string;
  url?: string;
}

/**
 * What every uploader of Faultline shares: the server, the release, how files are named and
 * sent. The server settings and the release also come from the environment (`FAULTLINE_*`
 * first, then `SENTRY_*`).
 */
export interface UploadOptions {
  /**
   * The Sentry server, without `/api/0`.
   * @default process.env.FAULTLINE_URL || process.env.SENTRY_URL || 'https://sentry.io'
   * @example { url: 'https://sentry.example.com' }
   */
  url?: string;
  /**
   * An auth token with the `project:releases` (or `project:write`) scope. Sent only as a bearer
   * header; never logged nor put in an error message.
   * @default process.env.FAULTLINE_AUTH_TOKEN || process.env.SENTRY_AUTH_TOKEN
   * @example { authToken: process.env.SENTRY_AUTH_TOKEN }
   */
  authToken?: string;
  /** Organization slug. @default process.env.FAULTLINE_ORG || process.env.SENTRY_ORG @example { org: 'acme' } */
  org?: string;
  /**
   * Project slug, or several (a list, or comma-separated): the release and artifacts are linked to each.
   * @default process.env.FAULTLINE_PROJECT || process.env.SENTRY_PROJECT
   * @example { project: ['shop', 'shop-admin'] }
   */
  project?: string | string[];
  /** Distribution within the release; must equal the SDK's `dist` exactly. @default none @example { dist: '7' } */
  dist?: string;
  /**
   * Files to upload, by path in the output directory. When nothing (or no source map) is
   * selected, the upload fails, naming the patterns and the files seen.
   * @default the `.js`, `.mjs`, `.cjs` and `.map` files
   * @example { include: ['static/js/**\/*.{js,map}'] }
   */
  include?: FileFilter | FileFilter[];
  /** Files to leave out, even when included. @default none @example { exclude: /vendor/ } */
  exclude?: FileFilter | FileFilter[];
  /**
   * Prefix that turns a file's path in the output directory into the name Sentry matches a
   * frame's URL with: `~/` means any host.
   * @default '~/'
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
  /** Mark the release as released once the artifacts are up. @default true @example { finalize: false } */
  finalize?: boolean;
  /** Record a deploy of the release after the upload. @default false @example { deploy: { env: 'production' } } */
  deploy?: false | DeployOptions;
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
  /**
   * Release files of 256 KiB or less in flight at most (on servers without artifact bundles), so
   * a build of many small chunks goes up in one round trip; at most 8 MiB in flight that way.
   * @default 32, or `concurrency` when that is set
   * @example { smallFileConcurrency: 8 }
   */
  smallFileConcurrency?: number;
  /** Timeout of each request in ms (then it is retried). @default 120000 @example { timeout: 30_000 } */
  timeout?: number;
  /**
   * Sends the HTTP requests, e.g. to go through a proxy.
   * @default a transport on Node's `http`/`https` (`makeFetchTransport()` gives one on `fetch`)
   * @example { transport: (request) => myProxyFetch(request) } // resolves { status, headers, body }
   */
  transport?: Transport;
  /** No progress lines (warnings still show). @default false @example { silent: true } */
  silent?: boolean;
  /** Log every request with its status and duration. @default false @example { debug: true } */
  debug?: boolean;
}
