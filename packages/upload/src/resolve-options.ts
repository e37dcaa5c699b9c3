import { createFileTest, describeFilters, type BuildDirs } from './file-filter';
import type { DeployOptions, UploadMode, UploadOptions } from './options';
import { makeHttpTransport, type Transport } from './transport';

/** `UploadOptions` with every default applied. */
export interface ResolvedUploadOptions {
  url: string;
  authToken?: string;
  org?: string;
  projects: string[];
  /** From the environment; a caller with its own release setting puts it in its place. */
  release?: string;
  dist?: string;
  /** Include and exclude folded into one test on the file's path in the output directory. */
  selects: (file: string) => boolean;
  /** The same, reading a directory in `include` from the project and the output directory too. */
  selectsIn: (dirs: BuildDirs) => (file: string) => boolean;
  /** Include and exclude as text, for messages. */
  patterns: string;
  urlPrefix?: string;
  mode: UploadMode;
  finalize: boolean;
  deploy: false | DeployOptions;
  dryRun: boolean;
  retries: number;
  retryDelay: number;
  concurrency: number;
  /** Small release files in flight at most (never fewer than `concurrency`). */
  smallFileConcurrency: number;
  timeout: number;
  transport: Transport;
  silent: boolean;
  debug: boolean;
}

export type Env = Record<string, string | undefined>;

export const MODES: readonly UploadMode[] = ['auto', 'legacy', 'artifact-bundle'];

/** A setting from the environment: `FAULTLINE_<name>` first, then `SENTRY_<name>`. */
export const fromEnv = (env: Env, name: string): string | undefined => env[`FAULTLINE_${name}`] || env[`SENTRY_${name}`] || undefined;

/**
 * Applies the defaults (from the environment too) and checks the values. `owner` names the
 * caller in messages (`FaultlineWebpackPlugin: \`retries\` must be …`).
 */
export function resolveUploadOptions(options: UploadOptions = {}, env: Env = process.env, owner = 'faultline-upload'): ResolvedUploadOptions {
  const positive = (name: keyof UploadOptions, fallback: number, min: number): number => {
    const value = options[name];
    if (value === undefined) return fallback;
    if (typeof value != 'number' || !(value >= min)) throw new TypeError(`${owner}: \`${name}\` must be a number >= ${min}, got ${String(value)}`);
    return value;
  };
  const {
    url = fromEnv(env, 'URL') || 'https://sentry.io',
    authToken = fromEnv(env, 'AUTH_TOKEN'),
    org = fromEnv(env, 'ORG'),
    project = fromEnv(env, 'PROJECT'),
    dist,
    urlPrefix,
    mode = 'auto',
    finalize = true,
    deploy = false,
    dryRun = false,
    transport = makeHttpTransport(),
    silent = false,
    debug = false,
  } = options;

  if (!MODES.includes(mode)) throw new TypeError(`${owner}: \`mode\` must be one of ${MODES.join(', ')}, got ${String(mode)}`);
  if (deploy && !deploy.env) throw new TypeError(`${owner}: \`deploy.env\` is required, e.g. deploy: { env: "production" }`);

  const concurrency = Math.floor(positive('concurrency', 5, 1));
  const test = createFileTest(options.include, options.exclude);
  const projects = (Array.isArray(project) ? project : project ? String(project).split(',') : []).map((p) => p.trim()).filter(Boolean);

  return {
    url: url.replace(/\/+$/, ''),
    authToken: authToken || undefined,
    org: org || undefined,
    projects,
    release: fromEnv(env, 'RELEASE'),
    dist: dist || undefined,
    selects: (file) => test(file),
    selectsIn: (dirs) => (file) => test(file, dirs),
    patterns: describeFilters(options.include, options.exclude),
    urlPrefix,
    mode,
    finalize,
    deploy,
    dryRun,
    retries: positive('retries', 3, 0),
    retryDelay: positive('retryDelay', 500, 0),
    concurrency,
    smallFileConcurrency: Math.max(concurrency, Math.floor(positive('smallFileConcurrency', options.concurrency === undefined ? 32 : concurrency, 1))),
    timeout: positive('timeout', 120_000, 1),
    transport,
    silent,
    debug,
  };
}
