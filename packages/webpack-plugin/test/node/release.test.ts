import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { FaultlineWebpackPlugin } from '../../src/index';
import { gitCommit } from '../../../upload/src/release';
import { buildFixture, cleanupBuilds, FIXTURE_APP } from '../helpers/build';
import { startMockSentry } from '../helpers/mock-sentry';

vi.setConfig({ testTimeout: 30_000 });
afterAll(cleanupBuilds);

describe('gitCommit', () => {
  it('is the checkout HEAD, or undefined outside a git checkout', () => {
    const head = execFileSync('git', ['rev-parse', 'HEAD'], { cwd: FIXTURE_APP, encoding: 'utf8' }).trim();
    expect(gitCommit(FIXTURE_APP)).toBe(head);
    const outside = mkdtempSync(join(tmpdir(), 'no-git-'));
    try {
      expect(gitCommit(outside)).toBeUndefined();
    } finally {
      rmSync(outside, { recursive: true });
    }
    expect(gitCommit('/does/not/exist')).toBeUndefined();
  });
});

describe('default release', () => {
  it('is SENTRY_RELEASE, else the git commit of the build', async () => {
    const mock = await startMockSentry({ personality: '20.x' });
    try {
      vi.stubEnv('SENTRY_RELEASE', '');
      await buildFixture([new FaultlineWebpackPlugin({ url: mock.url, authToken: mock.token, org: 'acme', project: 'shop', silent: true })]);
      vi.stubEnv('SENTRY_RELEASE', 'from-env@1');
      await buildFixture([new FaultlineWebpackPlugin({ url: mock.url, authToken: mock.token, org: 'acme', project: 'shop', silent: true })]);
      expect([...mock.releases.keys()]).toEqual([gitCommit(FIXTURE_APP), 'from-env@1']);
    } finally {
      vi.unstubAllEnvs();
      await mock.close();
    }
  });
});
