import { resolveUploadOptions, type DeleteAfterUpload, type Env, type UploadSourceMapsOptions } from '@faultline/upload';
import type { FaultlineVitePluginOptions } from './options';

export const PLUGIN_NAME = 'faultline';

/** What the plugin does, with every default applied. */
export interface ResolvedPluginOptions {
  /** Passed to `uploadSourceMaps` for each output. */
  upload: UploadSourceMapsOptions;
  debugIds: boolean;
  deleteAfterUpload: DeleteAfterUpload;
  failOnError: boolean;
}

const isTruthyEnv = (value: string | undefined) => !!value && value != 'false' && value != '0';
const list = <T>(v: T | T[] | undefined): T[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

/** Checks the options now (a wrong value fails the build's start, not its end) and applies the plugin's defaults. */
export function resolvePluginOptions(options: FaultlineVitePluginOptions = {}, env: Env = process.env): ResolvedPluginOptions {
  const { ignore, debugIds, deleteMapsAfterUpload = false, sourcemaps, failOnError = isTruthyEnv(env.CI), ...shared } = options;
  const exclude = [...list(shared.exclude), ...list(ignore)];
  const upload: UploadSourceMapsOptions = { ...shared, exclude: exclude.length ? exclude : undefined };
  const { mode } = resolveUploadOptions(upload, env, PLUGIN_NAME);
  const globs = list(sourcemaps?.filesToDeleteAfterUpload);
  return {
    upload,
    debugIds: debugIds ?? mode != 'legacy',
    deleteAfterUpload: globs.length ? globs : deleteMapsAfterUpload,
    failOnError,
  };
}
