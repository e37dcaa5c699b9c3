// "Use your Sentry instead": an example built with Sentry's environment variables and no
// collector.json reports to that server and uploads its maps there, for the release given.
// A second collector stands in for the user's Sentry (same API).
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { removeTestDirs, startTestCollector, type TestCollector } from '../../packages/collector/test/helpers/test-collector';
import { ROOT } from './helpers/start-process';

vi.setConfig({ testTimeout: 120_000, hookTimeout: 60_000 });

const RELEASE = 'invoices@2.0.1';
let sentry: TestCollector;
const outDir = mkdtempSync(join(tmpdir(), 'faultline-sentry-env-'));

beforeAll(async () => {
  sentry = await startTestCollector();
});

afterAll(async () => {
  await sentry?.close();
  removeTestDirs();
  rmSync(outDir, { recursive: true, force: true });
});

it('SENTRY_DSN, SENTRY_RELEASE, SENTRY_URL, SENTRY_AUTH_TOKEN, SENTRY_ORG and SENTRY_PROJECT point the build at another server', async () => {
  const env = {
    ...process.env,
    FAULTLINE_DATA_DIR: join(outDir, 'no-collector-here'),
    SENTRY_DSN: sentry.info.dsn,
    SENTRY_RELEASE: RELEASE,
    SENTRY_ENVIRONMENT: 'staging',
    SENTRY_URL: sentry.url,
    SENTRY_AUTH_TOKEN: sentry.token,
    SENTRY_ORG: 'sentry',
    SENTRY_PROJECT: 'default',
  };
  const { stdout } = await promisify(execFile)(process.execPath, [join(ROOT, 'examples/build.mjs'), 'vue2-app', '--out-dir', outDir], { env, cwd: ROOT });
  expect(stdout).toContain(`vue2-app: built, source maps uploaded to ${sentry.url} (release ${RELEASE},`);

  const release = await sentry.api(`/api/0/organizations/sentry/releases/${RELEASE}/`);
  expect(release.status).toBe(200);
  expect(await release.json()).toMatchObject({ version: RELEASE, dateReleased: expect.any(String) });

  const script = readdirSync(join(outDir, 'static/js')).find((f) => /^main\.[0-9a-f]{8}\.js$/.test(f))!;
  const code = readFileSync(join(outDir, 'static/js', script), 'utf8');
  expect(code).toContain(JSON.stringify(sentry.info.dsn));
  expect(code).toContain(JSON.stringify(RELEASE));
  expect(code).toContain('"staging"');
  expect(code).not.toContain('sourceMappingURL'); // hidden-source-map: the map is on the server, not announced
});
