import type { CollectorOptions } from './collector';

export interface ParsedCommand {
  command: 'serve' | 'project-add' | 'help';
  options: CollectorOptions;
  slug?: string;
}

type Kind = 'string' | 'number' | 'boolean' | 'time-zone';
const FLAGS: Record<string, [keyof CollectorOptions, Kind]> = {
  host: ['host', 'string'],
  port: ['port', 'number'],
  'data-dir': ['dataDir', 'string'],
  'retention-days': ['retentionDays', 'number'],
  'trust-proxy': ['trustProxy', 'boolean'],
  'public-ingest': ['publicIngest', 'string'],
  'rate-limit': ['rateLimit', 'number'],
  'time-zone': ['timeZone', 'time-zone'],
  fsync: ['fsync', 'boolean'],
};

export const USAGE = `Usage: faultline-collector [options]
       faultline-collector project add <slug> [--data-dir DIR]

Options (each also as an environment variable, e.g. FAULTLINE_PORT):
  --host HOST             address to listen on (default 127.0.0.1; 0.0.0.0 exposes it)
  --port PORT             port, 0 for a free one (default 8000)
  --data-dir DIR          where collector.db and collector.json live (default .faultline)
  --retention-days N      delete events older than N days, hourly (default 90)
  --trust-proxy           take the client IP from X-Forwarded-For (behind nginx)
  --public-ingest H:P     a second listener serving only the ingest (envelope, store); the
                          printed DSN uses it, the UI and API stay on --host
  --rate-limit N          events per project per minute before 429 (default: no limit)
  --time-zone ZONE        IANA zone for times the UI renders on the server, e.g. Asia/Shanghai
                          (default: the server's zone; browsers then show their own)
  --fsync=false           answer once an event is committed, not once it is on disk: a crash
                          of the process still loses nothing, a power cut may (default: on disk)

Web UI: open the collector's URL. Beyond loopback it asks for the token first.`;

function convert(flag: string, kind: Kind, raw: string | undefined): string | number | boolean {
  if (kind == 'boolean') return raw === undefined || !/^(0|false|no|off)$/i.test(raw);
  if (raw === undefined || raw === '') throw new Error(`--${flag} needs a value`);
  if (kind == 'time-zone') {
    try {
      return new Intl.DateTimeFormat('en', { timeZone: raw }).resolvedOptions().timeZone;
    } catch {
      throw new Error(`--${flag}: unknown time zone ${raw} (use an IANA name such as Asia/Shanghai or UTC)`);
    }
  }
  if (kind == 'number') {
    const n = Number(raw);
    if (!Number.isInteger(n) || n < 0) throw new Error(`--${flag} must be a whole number ≥ 0, not ${raw}`);
    return n;
  }
  return raw;
}

/** Flags override `FAULTLINE_*` environment variables, which override the defaults. */
export function parseCommand(argv: string[], env: NodeJS.ProcessEnv = process.env): ParsedCommand {
  const options: Record<string, unknown> = {};
  for (const [flag, [key, kind]] of Object.entries(FLAGS)) {
    const value = env[`FAULTLINE_${flag.toUpperCase().replace(/-/g, '_')}`];
    if (value !== undefined && value !== '') options[key] = convert(flag, kind, value);
  }
  const positional: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg == '-h' || arg == '--help') return { command: 'help', options: {} };
    if (!arg.startsWith('--')) {
      positional.push(arg);
      continue;
    }
    const [name, inline] = arg.slice(2).split(/=(.*)/s, 2);
    const spec = FLAGS[name];
    if (!spec) throw new Error(`unknown option --${name}\n\n${USAGE}`);
    const [key, kind] = spec;
    const value = inline !== undefined ? inline : kind == 'boolean' ? undefined : argv[++i];
    options[key] = convert(name, kind, value);
  }
  if (positional[0] == 'project' && positional[1] == 'add') {
    const slug = positional[2];
    if (!slug || !/^[a-z0-9][a-z0-9_-]{0,49}$/.test(slug)) throw new Error('project add needs a slug of lowercase letters, digits, - and _');
    return { command: 'project-add', options, slug };
  }
  if (positional.length) throw new Error(`unknown command ${positional.join(' ')}\n\n${USAGE}`);
  return { command: 'serve', options };
}
