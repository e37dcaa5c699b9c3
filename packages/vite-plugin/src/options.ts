import type { FileFilter, UploadOptions } from '@faultline/upload';

export type { FileFilter, UploadMode } from '@faultline/upload';

/**
 * Options of `faultline()`. All are optional; the server settings and the release also come
 * from the environment (`FAULTLINE_*` first, then `SENTRY_*`), as for the webpack plugin.
 */
export interface FaultlineVitePluginOptions extends UploadOptions {
  /**
   * The release the artifacts belong to; must equal the SDK's `release`. Without one, current
   * servers still match the maps by debug ID; release files (Sentry 20.x) need one.
   * @default process.env.FAULTLINE_RELEASE || process.env.SENTRY_RELEASE, else the git commit (`git rev-parse HEAD`)
   * @example { release: 'shop@1.4.2' }
   */
  release?: string;
  /**
   * Prefix that turns a file's path in the output directory into the name Sentry matches a
   * frame's URL with: `~/` means any host.
   * @default '~/' + the path of Vite's `base` ('~/' for './', and under plain Rollup)
   * @example { urlPrefix: '~/static' } // assets/app.js -> ~/static/assets/app.js
   */
  urlPrefix?: string;
  /**
   * Files to leave out (Sentry's name for `exclude`; both apply).
   * @default none
   * @example { ignore: ['**\/vendor-*.js'] }
   */
  ignore?: FileFilter | FileFilter[];
  /**
   * Inject a debug ID into every output chunk (a tiny snippet registering it in
   * `globalThis._sentryDebugIds`, a `//# debugId=` comment) and its source map (`debug_id`).
   * @default true, except in 'legacy' mode
   * @example { debugIds: false } // leave the output files exactly as Rollup made them
   */
  debugIds?: boolean;
  /**
   * Delete the uploaded source maps from the output directory once the upload succeeded (they
   * stay when it failed), so hidden maps are not deployed.
   * @default false
   * @example { deleteMapsAfterUpload: true }
   */
  deleteMapsAfterUpload?: boolean;
  /** Sentry's `sourcemaps` options that apply here. */
  sourcemaps?: {
    /**
     * Files deleted once the upload succeeded: globs (or paths), from the working directory
     * (`./dist/**\/*.map`) or the output directory (`assets/*.map`).
     * @default none
     * @example { sourcemaps: { filesToDeleteAfterUpload: ['./dist/**\/*.map'] } }
     */
    filesToDeleteAfterUpload?: string | string[];
  };
  /**
   * Fail the build when the upload fails. With `false` the failure is a warning (Rollup's
   * `this.warn`) and the build's output stays as it is.
   * @default true when `process.env.CI` is set, else false
   * @example { failOnError: false } // never block a deploy on Sentry
   */
  failOnError?: boolean;
}
