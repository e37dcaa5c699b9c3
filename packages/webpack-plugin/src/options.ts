import type { FileFilter, UploadOptions } from '@faultline/upload';

export type { FileFilter, UploadMode } from '@faultline/upload';

/** Options of `FaultlineWebpackPlugin`. All are optional; the four server settings also come from the environment. */
export interface FaultlineWebpackPluginOptions extends UploadOptions {
  /**
   * The release the artifacts belong to; must equal the SDK's `release`. A function gets the
   * compilation hash (as the older community plugin did).
   * @default process.env.FAULTLINE_RELEASE || process.env.SENTRY_RELEASE, else the git commit (`git rev-parse HEAD`)
   * @example { release: `shop@${require('./package.json').version}` }
   */
  release?: string | ((compilationHash: string) => string | undefined);
  /**
   * Files to upload, by path in the output directory. A directory is read from the output
   * directory, then from the project (webpack's `context`) and the working directory, as
   * @sentry/webpack-plugin 1.x read `include: './dist'`. When nothing (or no source map) is
   * selected, the build fails under `failOnError`, naming the patterns and the files seen.
   * @default the compilation's emitted `.js`, `.mjs`, `.cjs` and `.map` files
   * @example { include: ['static/js/**\/*.{js,map}'] } // or { include: './dist' }
   */
  include?: FileFilter | FileFilter[];
  /**
   * Prefix that turns a file path into the name Sentry matches a frame's URL with: `~/` means
   * any host.
   * @default '~/' + the path of webpack's `output.publicPath` ('~/' when it is 'auto')
   * @example { urlPrefix: '~/static/js' } // static/js/app.js -> ~/static/js/app.js
   */
  urlPrefix?: string;
  /**
   * Inject a debug ID into every output chunk (a tiny snippet registering it in
   * `globalThis._sentryDebugIds`, a `//# debugId=` comment) and its source map (`debug_id`), so
   * servers match maps without relying on URLs.
   * @default true, except in 'legacy' mode
   * @example { debugIds: false } // leave the output files exactly as webpack made them
   */
  debugIds?: boolean;
  /**
   * Delete the uploaded source maps from the output directory, once the upload succeeded (they
   * stay when it failed), so they are not deployed.
   * @default false
   * @example { devtool: 'hidden-source-map', plugins: [new FaultlineWebpackPlugin({ deleteAfterUpload: true })] }
   */
  deleteAfterUpload?: boolean;
  /**
   * Fail the build when the upload fails. With `false` the failure is a webpack warning and the
   * build's output stays as it is.
   * @default true when `process.env.CI` is set, else false
   * @example { failOnError: false } // never block a deploy on Sentry
   */
  failOnError?: boolean;
  /** Upload in watch mode and under the dev server too. @default false @example { uploadInWatchMode: true } */
  uploadInWatchMode?: boolean;

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
