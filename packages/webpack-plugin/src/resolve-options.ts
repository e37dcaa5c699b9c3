import { createFileTest, describeFilters, type BuildDirs } from './file-filter';
import type { FaultlineWebpackPluginOptions, UploadMode } from './options';
import { makeFetchTransport, type Transport } from './transport';

export interface ResolvedOptions {
  url: string;
  authToken?: string;
  org?: string;
  projects: string[];
  release?: FaultlineWebpackPluginOptions['release'];
  dist?: string;
  /** Include and exclude folded into one test on the file's path in the output directory. */
  selects: (file: string) => boolean;
  /** The same, reading a directory in `include` from the project and the output directory too. */
  selectsIn: (dirs: BuildDirs) => (file: string) => boolean;
  /** Include and exclude as text, for messages. */
  patterns: string;
  urlPrefix?: string;
  filenameTransform?: (filename: string) => string;
  mode: UploadMode;
  debugIds: boolean;
  finalize: boolean;
  deploy: false | { env: string; name?: string; url?: string };
  deleteAfterUpload: boolean;
  dryRun: boolean;
  retries: number;
  retryDelay: number;
  concurrency: number;
  timeout: number;
  failOnError: boolean;
  uploadInWatchMode: boolean;
  transport: Transport;
  silent: boolean;
  debug: boolean;
  /** One line per deprecated option name that was used. */
  deprecations: string[];
}

type Env = Record<string, string | undefined>;

const MODES: readonly UploadMode[] = ['auto', 'legacy', 'artifact-bundle'];

const isTruthyEnv = (value: string | undefined) => !!value && value != 'false' && value != '0';

function positive(name: string, value: number | undefined, fallback: number, min: number): number {
  if (value === undefined) return fallback;
  if (typeof value != 'number' || !(value >= min)) throw new TypeError(`FaultlineWebpackPlugin: \`${name}\` must be a number >= ${min}, got ${String(value)}`);
  return value;
}

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

  const {
    url = (baseSentryURL && baseSentryURL.replace(/\/+$/, '').replace(/\/projects$/, '').replace(/\/api\/0$/, '')) ||
      env.SENTRY_URL ||
      'https://sentry.io',
    authToken = apiKey || env.SENTRY_AUTH_TOKEN,
    org = organization || organisation || env.SENTRY_ORG,
    project = env.SENTRY_PROJECT,
    release = env.SENTRY_RELEASE,
    dist,
    urlPrefix,
    mode = 'auto',
    debugIds = mode != 'legacy',
    finalize = true,
    deploy = false,
    deleteAfterUpload = deleteAfterCompile ?? false,
    dryRun = false,
    failOnError = suppressErrors === undefined ? isTruthyEnv(env.CI) : !suppressErrors,
    uploadInWatchMode = false,
    transport = makeFetchTransport(),
    silent = false,
    debug = false,
  } = options;

  if (!MODES.includes(mode)) throw new TypeError(`FaultlineWebpackPlugin: \`mode\` must be one of ${MODES.join(', ')}, got ${String(mode)}`);
  if (deploy && !deploy.env) throw new TypeError('FaultlineWebpackPlugin: `deploy.env` is required, e.g. deploy: { env: "production" }');

  const test = createFileTest(options.include, options.exclude);
  const projects = (Array.isArray(project) ? project : project ? String(project).split(',') : []).map((p) => p.trim()).filter(Boolean);

  return {
    url: url.replace(/\/+$/, ''),
    authToken: authToken || undefined,
    org: org || undefined,
    projects,
    release: release || undefined,
    dist: dist || undefined,
    selects: (file) => test(file),
    selectsIn: (dirs) => (file) => test(file, dirs),
    patterns: describeFilters(options.include, options.exclude),
    urlPrefix,
    filenameTransform,
    mode,
    debugIds,
    finalize,
    deploy,
    deleteAfterUpload,
    dryRun,
    retries: positive('retries', options.retries, 3, 0),
    retryDelay: positive('retryDelay', options.retryDelay, 500, 0),
    concurrency: Math.floor(positive('concurrency', options.concurrency, 5, 1)),
    timeout: positive('timeout', options.timeout, 120_000, 1),
    failOnError,
    uploadInWatchMode,
    transport,
    silent,
    debug,
    deprecations,
  };
}
