import { resolveUploadOptions, type Env, type ResolvedUploadOptions } from '@faultline/upload';
import type { FaultlineWebpackPluginOptions } from './options';

/** The shared upload options resolved, plus what only the plugin has. */
export interface ResolvedOptions extends Omit<ResolvedUploadOptions, 'release'> {
  release?: FaultlineWebpackPluginOptions['release'];
  filenameTransform?: (filename: string) => string;
  debugIds: boolean;
  deleteAfterUpload: boolean;
  failOnError: boolean;
  uploadInWatchMode: boolean;
  /** One line per deprecated option name that was used. */
  deprecations: string[];
}

const isTruthyEnv = (value: string | undefined) => !!value && value != 'false' && value != '0';

/** Applies defaults (from the environment too) and maps the older plugin's option names. */
export function resolveOptions(options: FaultlineWebpackPluginOptions = {}, env: Env = process.env): ResolvedOptions {
  const deprecations: string[] = [];
  const legacy = <T>(name: keyof FaultlineWebpackPluginOptions, replacement: string, value: T | undefined): T | undefined => {
    if (value !== undefined) deprecations.push(`option \`${name}\` is deprecated (webpack-sentry-plugin name): use \`${replacement}\``);
    return value;
  };
  const organization = legacy('organization', 'org', options.organization);
  const organisation = legacy('organisation', 'org', options.organisation);
  const apiKey = legacy('apiKey', 'authToken', options.apiKey);
  const baseSentryURL = legacy('baseSentryURL', 'url', options.baseSentryURL);
  const deleteAfterCompile = legacy('deleteAfterCompile', 'deleteAfterUpload', options.deleteAfterCompile);
  const suppressErrors = legacy('suppressErrors', 'failOnError: false', options.suppressErrors);
  const filenameTransform = legacy('filenameTransform', 'urlPrefix', options.filenameTransform);

  const shared = resolveUploadOptions(
    {
      ...options,
      url: options.url ?? (baseSentryURL && baseSentryURL.replace(/\/+$/, '').replace(/\/projects$/, '').replace(/\/api\/0$/, '')),
      authToken: options.authToken ?? apiKey,
      org: options.org ?? organization ?? organisation,
    },
    env,
    'FaultlineWebpackPlugin',
  );
  const {
    release = shared.release,
    debugIds = shared.mode != 'legacy',
    deleteAfterUpload = deleteAfterCompile ?? false,
    failOnError = suppressErrors === undefined ? isTruthyEnv(env.CI) : !suppressErrors,
    uploadInWatchMode = false,
  } = options;

  return { ...shared, release, filenameTransform, debugIds, deleteAfterUpload, failOnError, uploadInWatchMode, deprecations };
}
