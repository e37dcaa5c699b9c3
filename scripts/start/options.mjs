// `npm start` options: flags win over environment variables, which win over the defaults.

/** Each option: its flag, its environment variable, its default. */
const OPTIONS = {
  collectorPort: { flag: '--collector-port', env: 'FAULTLINE_COLLECTOR_PORT', default: '8000' },
  vue3Port: { flag: '--vue3-port', env: 'FAULTLINE_VUE3_PORT', default: '8080' },
  vue2Port: { flag: '--vue2-port', env: 'FAULTLINE_VUE2_PORT', default: '8081' },
  dataDir: { flag: '--data-dir', env: 'FAULTLINE_DATA_DIR', default: '.faultline' },
  // Where the example builds go: `<build-dir>/<app>`; by default each example's own dist/.
  buildDir: { flag: '--build-dir', env: 'FAULTLINE_BUILD_DIR', default: '' },
};

export const USAGE = `Usage: npm start [-- options]
  --collector-port N   collector (UI, API, ingest)   env FAULTLINE_COLLECTOR_PORT   default 8000
  --vue3-port N        Vue 3 example app              env FAULTLINE_VUE3_PORT        default 8080
  --vue2-port N        Vue 2.7 example app            env FAULTLINE_VUE2_PORT        default 8081
  --data-dir DIR       collector data                 env FAULTLINE_DATA_DIR         default .faultline
  --build-dir DIR      example builds (DIR/<app>)     env FAULTLINE_BUILD_DIR        default examples/<app>/dist
Port 0 picks a free port.`;

export class UsageError extends Error {}

/**
 * Reads the options from `argv` (`--name value` or `--name=value`) and `env`.
 * @returns {{ collectorPort: number, vue3Port: number, vue2Port: number, dataDir: string, buildDir: string, help: boolean }}
 */
export function parseOptions(argv, env = process.env) {
  const given = {};
  let help = false;
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].split(/=(.*)/s);
    if (flag == '--help' || flag == '-h') {
      help = true;
      continue;
    }
    const name = Object.keys(OPTIONS).find((key) => OPTIONS[key].flag == flag);
    if (!name) throw new UsageError(`unknown option ${flag}`);
    const value = inline ?? argv[++i];
    if (value === undefined) throw new UsageError(`${flag} needs a value`);
    given[name] = value;
  }
  const options = { help };
  for (const [name, spec] of Object.entries(OPTIONS)) options[name] = given[name] ?? env[spec.env] ?? spec.default;
  for (const name of ['collectorPort', 'vue3Port', 'vue2Port']) {
    const port = Number(options[name]);
    if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`${OPTIONS[name].flag}: not a port: ${options[name]}`);
    options[name] = port;
  }
  return options;
}
