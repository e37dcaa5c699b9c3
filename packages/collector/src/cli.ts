import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { startCollector } from './collector';
import { parseCommand, USAGE } from './config';
import { openDatabase } from './store/database';
import { bootstrap, createProjectStore } from './store/projects';
import { isLoopbackHost } from './ui/create-ui';

/** Where the collector of this data dir last listened (its collector.json), so the DSN printed is the one that works. */
function runningHost(dataDir: string): string | undefined {
  try {
    const info = JSON.parse(readFileSync(join(resolve(dataDir), 'collector.json'), 'utf8'));
    return new URL(info.dsn).host || undefined;
  } catch {
    return undefined;
  }
}

/** `faultline-collector`: serve, or `project add <slug>`. Returns the exit code. */
export async function runCli(argv: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseCommand(argv);
  } catch (error) {
    console.error(`faultline-collector: ${(error as Error).message}`);
    return 2;
  }
  if (parsed.command == 'help') {
    console.log(USAGE);
    return 0;
  }
  const dataDir = parsed.options.dataDir || '.faultline';
  if (parsed.command == 'project-add') {
    const db = openDatabase(join(resolve(dataDir), 'collector.db'));
    try {
      const projects = createProjectStore(db);
      bootstrap(db, projects);
      const org = projects.org('sentry')!;
      if (projects.bySlug(org.slug, parsed.slug!)) {
        console.error(`faultline-collector: project ${parsed.slug} exists already`);
        return 1;
      }
      const project = projects.createProject(org.id, parsed.slug!);
      const host = parsed.options.publicIngest || runningHost(dataDir) || `${parsed.options.host || '127.0.0.1'}:${parsed.options.port ?? 8000}`;
      console.log(`Project ${project.slug} (id ${project.id})`);
      console.log(`DSN                  http://${project.publicKey}@${host}/${project.id}`);
      return 0;
    } finally {
      db.close();
    }
  }

  const collector = await startCollector(parsed.options);
  // The signals are handled before the start lines are out: whoever waits for them may stop us at once.
  const stopped = new Promise<number>((done) => {
    const stop = (signal: string) => {
      console.log(`faultline-collector: ${signal}, finishing requests in flight`);
      collector.close().then(() => done(0), () => done(1));
    };
    process.once('SIGINT', () => stop('SIGINT'));
    process.once('SIGTERM', () => stop('SIGTERM'));
  });
  const { url, dsn, token } = collector.info;
  console.log(`Faultline collector  ${url}`);
  console.log(`DSN                  ${dsn}`);
  console.log(`Token                ${token}  (uploads and API: Authorization: Bearer ${token})`);
  console.log(`Web UI               ${url}/${parsed.options.host && !isLoopbackHost(parsed.options.host) ? '  (log in with the token)' : ''}`);
  return stopped;
}
