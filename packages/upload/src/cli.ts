import { parseArgs } from 'node:util';
import { injectDebugIds } from './inject-debug-ids';
import { plural, type LogSink } from './logger';
import { MODES } from './resolve-options';
import type { UploadMode } from './options';
import { describeFailure } from './upload-error';
import { uploadSourceMaps } from './upload-source-maps';

// `faultline-upload inject <dir>` and `faultline-upload upload <dir> --release …`: the library's
// two calls behind flags; the server settings also come from the environment.

const NAME = 'faultline-upload';

export const USAGE = `Usage:
  ${NAME} inject <directory>          add debug IDs to the scripts and their maps, in place
  ${NAME} upload <directory> [options] upload the scripts and source maps for a release

Upload options (each falls back to FAULTLINE_<NAME>, then SENTRY_<NAME>, in the environment):
  --release <version>   the SDK's release           (FAULTLINE_RELEASE, SENTRY_RELEASE; else git HEAD)
  --dist <dist>         the SDK's dist, if it sets one
  --url-prefix <prefix> name = prefix + path in <directory>   (default ~/)
  --mode <mode>         auto | legacy | artifact-bundle       (default auto)
  --url <url>           the Sentry server, without /api/0      (FAULTLINE_URL, SENTRY_URL; default https://sentry.io)
  --org <slug>          organization                           (FAULTLINE_ORG, SENTRY_ORG)
  --project <slug>      project, or several comma-separated    (FAULTLINE_PROJECT, SENTRY_PROJECT)
  --auth-token <token>  a token with project:releases          (FAULTLINE_AUTH_TOKEN, SENTRY_AUTH_TOKEN)
  --dry-run             list what would be uploaded, send nothing
  --no-finalize         leave the release unreleased
  --delete-after-upload delete the uploaded source maps from <directory> once all went up
  --debug               one line per request
  --silent              no progress lines
  -h, --help            this text

Exit code 0 when everything went up, 1 when something failed, 2 for wrong usage.`;

/** Where the CLI writes: progress on `out`, failures on `err`. */
export interface CliIo {
  out: (line: string) => void;
  err: (line: string) => void;
}

const defaultIo: CliIo = { out: (l) => process.stdout.write(`${l}\n`), err: (l) => process.stderr.write(`${l}\n`) };

/** Runs the CLI on its arguments (without `node` and the script) and resolves the exit code. */
export async function main(argv: string[], env: Record<string, string | undefined> = process.env, io: CliIo = defaultIo): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        release: { type: 'string' },
        dist: { type: 'string' },
        'url-prefix': { type: 'string' },
        mode: { type: 'string' },
        url: { type: 'string' },
        org: { type: 'string' },
        project: { type: 'string' },
        'auth-token': { type: 'string' },
        'dry-run': { type: 'boolean' },
        'no-finalize': { type: 'boolean' },
        'delete-after-upload': { type: 'boolean' },
        debug: { type: 'boolean' },
        silent: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (e) {
    io.err(`${NAME}: ${(e as Error).message}\n\n${USAGE}`);
    return 2;
  }
  const { values: v, positionals } = parsed;
  if (v.help) {
    io.out(USAGE);
    return 0;
  }
  const [command, directory, ...extra] = positionals;
  if ((command != 'inject' && command != 'upload') || !directory || extra.length) {
    io.err(`${NAME}: ${command ? (command == 'inject' || command == 'upload' ? `${command} takes one directory` : `unknown command ${command}`) : 'no command'}\n\n${USAGE}`);
    return 2;
  }
  if (v.mode !== undefined && !MODES.includes(v.mode as UploadMode)) {
    io.err(`${NAME}: --mode must be one of ${MODES.join(', ')}, got ${v.mode}`);
    return 2;
  }
  const token = v['auth-token'] || env.FAULTLINE_AUTH_TOKEN || env.SENTRY_AUTH_TOKEN;
  // The token never reaches the terminal, whatever a message carries.
  const scrub = (text: string) => (token ? text.split(token).join('[token]') : text);
  const log: LogSink = { info: (l) => io.out(`${NAME}: ${scrub(l)}`), warn: (l) => io.err(`${NAME}: warning: ${scrub(l)}`) };

  try {
    if (command == 'inject') {
      const scripts = await injectDebugIds(directory);
      if (!scripts.length) throw new Error(`no scripts (.js, .mjs, .cjs) in ${directory}`);
      const injected = scripts.filter((s) => s.injected).length;
      const maps = scripts.filter((s) => s.map).length;
      const had = scripts.length - injected;
      if (!v.silent) log.info(`injected debug IDs into ${plural(injected, 'script')}${had ? ` (${had} had one already)` : ''}, ${plural(maps, 'source map')} updated, in ${directory}`);
      return 0;
    }
    const result = await uploadSourceMaps({
      directory,
      release: v.release,
      dist: v.dist,
      urlPrefix: v['url-prefix'],
      mode: v.mode as UploadMode | undefined,
      url: v.url,
      org: v.org,
      project: v.project,
      authToken: v['auth-token'],
      dryRun: v['dry-run'],
      finalize: !v['no-finalize'],
      deleteAfterUpload: !!v['delete-after-upload'],
      debug: v.debug,
      silent: v.silent,
      logger: log,
    });
    if (!v.silent && result.method != 'dry-run') log.info(`done: ${plural(result.files, 'file')} for release ${result.release || '(none)'}`);
    return 0;
  } catch (e) {
    io.err(`${NAME}: ${command} failed: ${scrub(describeFailure(e))}`);
    return 1;
  }
}
