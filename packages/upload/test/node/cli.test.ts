import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { startMockSentry, type MockSentry, type Personality } from '../helpers/mock-sentry';
import { locate, resolvePosition, runScript, topFrame } from '../helpers/resolve';
import { mapByDebugId, mapByName } from '../helpers/server-maps';
import { buildShop, cleanupShopBuilds, knownThrow } from '../helpers/shop-build';

// The built CLI, run as CI runs it: a child process, settings from flags and the environment.
vi.setConfig({ testTimeout: 30_000 });

const BIN = join(dirname(fileURLToPath(import.meta.url)), '../../bin/faultline-upload.mjs');
const DEBUG_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function cli(args: string[], env: Record<string, string> = {}, cwd?: string): Promise<Run> {
  return new Promise((resolve) => {
    // Only PATH from this process: no SENTRY_* of the machine leaks into the run.
    execFile(process.execPath, [BIN, ...args], { env: { PATH: process.env.PATH || '', ...env }, cwd }, (error, stdout, stderr) =>
      resolve({ code: error ? Number(error.code) || 1 : 0, stdout, stderr }),
    );
  });
}

let mock: MockSentry | undefined;
const serve = async (personality: Personality) => (mock = await startMockSentry({ personality }));
afterEach(async () => {
  await mock?.close();
  mock = undefined;
});
const temps: string[] = [];
const mkTemp = () => {
  const dir = mkdtempSync(join(tmpdir(), 'faultline-upload-cli-'));
  temps.push(dir);
  return dir;
};
afterAll(() => {
  cleanupShopBuilds();
  for (const d of temps) rmSync(d, { recursive: true, force: true });
});

const serverEnv = (m: MockSentry) => ({ SENTRY_URL: m.url, SENTRY_AUTH_TOKEN: m.token, SENTRY_ORG: 'acme', SENTRY_PROJECT: 'shop' });

/** Runs the built main script from `url`, makes the known throw happen, and returns its stack. */
function throwFrom(code: string, url: string) {
  const context = runScript(code, url);
  try {
    context.shop.order();
  } catch (e) {
    return { stack: (e as Error).stack || '', debugIds: context._sentryDebugIds as Record<string, string> | undefined };
  }
  throw new Error('the fixture did not throw');
}

async function expectKnownThrow(map: Buffer | undefined, frame: { line: number; column: number }) {
  expect(map).toBeDefined();
  const original = await resolvePosition(map!, frame);
  expect(original.source).toMatch(/src\/orders\.js$/);
  expect(original.line).toBe(knownThrow().line);
}

describe('faultline-upload inject', () => {
  it('adds a debug ID to every script and its map, keeps the maps right, and changes nothing the second time', async () => {
    const { dist, scripts } = await buildShop();
    const run = await cli(['inject', dist]);
    expect(run).toMatchObject({ code: 0, stderr: '' });
    expect(run.stdout).toBe(`faultline-upload: injected debug IDs into 2 scripts, 2 source maps updated, in ${dist}\n`);
    for (const script of scripts) {
      const code = readFileSync(join(dist, script), 'utf8');
      const id = /\n\/\/# debugId=([0-9a-f-]{36})\n\/\/# sourceMappingURL=[^\n]+\n$/.exec(code)?.[1];
      expect(id).toMatch(DEBUG_ID);
      expect(code).toContain(`[s]="${id}"`);
      expect(JSON.parse(readFileSync(join(dist, `${script}.map`), 'utf8'))).toMatchObject({ debug_id: id, debugId: id });
    }
    // The map still points the throw at its line, though the snippet now comes first.
    const main = scripts.find((s) => s.includes('main-'))!;
    const code = readFileSync(join(dist, main), 'utf8');
    await expectKnownThrow(readFileSync(join(dist, `${main}.map`)), locate(code, 'throw new Error("empty basket")'));

    const before = scripts.map((s) => readFileSync(join(dist, s), 'utf8'));
    const again = await cli(['inject', dist]);
    expect(again.stdout).toBe(`faultline-upload: injected debug IDs into 0 scripts (2 had one already), 2 source maps updated, in ${dist}\n`);
    expect(scripts.map((s) => readFileSync(join(dist, s), 'utf8'))).toEqual(before);
  });

  it('fails with a clear reason for a missing directory', async () => {
    const run = await cli(['inject', '/nonexistent/dist']);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe('faultline-upload: inject failed: no such directory: /nonexistent/dist\n');
  });
});

describe('faultline-upload upload', () => {
  it('sends an artifact bundle to a current server: the throw resolves by debug ID to the original file and line', async () => {
    const m = await serve('current');
    const { dist, scripts } = await buildShop();
    expect((await cli(['inject', dist])).code).toBe(0);
    const run = await cli(['upload', dist, '--release', 'shop@1.4.2', '--dist', '7'], serverEnv(m));
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const lines = run.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^faultline-upload: release shop@1\.4\.2 \(dist 7\) created: 4 files, [\d.]+ KB as artifact bundle$/);
    expect(lines[1]).toMatch(/^faultline-upload: uploaded artifact bundle: 4 files \(4 debug IDs\), /);
    expect(lines.slice(2)).toEqual(['faultline-upload: release shop@1.4.2 finalized', 'faultline-upload: done: 4 files for release shop@1.4.2']);
    expect(m.bundles).toHaveLength(1);
    expect(m.bundles[0]).toMatchObject({ version: 'shop@1.4.2', dist: '7', projects: ['shop'] });
    expect(Object.values(m.bundles[0].manifest.files).map((f) => f.url).sort()).toEqual(scripts.flatMap((s) => [`~/${s}`, `~/${s}.map`]).sort());

    const main = scripts.find((s) => s.includes('main-'))!;
    const url = `https://shop.example.com/${main}`;
    const { stack, debugIds } = throwFrom(readFileSync(join(dist, main), 'utf8'), url);
    const frame = topFrame(stack);
    expect(frame.file).toBe(url);
    // What the SDK does: the debug ID registered under a stack from the same file.
    const id = Object.entries(debugIds || {}).find(([registered]) => topFrame(registered).file == frame.file)?.[1];
    expect(id).toMatch(DEBUG_ID);
    await expectKnownThrow(mapByDebugId(m, id!), frame);
  });

  it('sends release files to Sentry 20.x: the throw resolves by its ~/ name, under the URL prefix', async () => {
    const m = await serve('20.x');
    const { dist, scripts } = await buildShop();
    // Files served from https://cdn.example/static/: the names say so, the directory does not.
    const run = await cli(['upload', dist, '--release', 'shop@1.4.2', '--url-prefix', '~/static'], {
      FAULTLINE_URL: m.url,
      FAULTLINE_AUTH_TOKEN: m.token,
      FAULTLINE_ORG: 'acme',
      FAULTLINE_PROJECT: 'shop',
    });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout.split('\n')[0]).toMatch(/^faultline-upload: release shop@1\.4\.2 created: 4 files, [\d.]+ KB as release files \(server has no chunk upload\)$/);
    expect(run.stdout).toMatch(/\nfaultline-upload: uploaded 4 release files \([\d.]+ KB\) in \d+ ms\n/);
    expect(m.releaseFiles.map((f) => f.name).sort()).toEqual(scripts.flatMap((s) => [`~/static/${s}`, `~/static/${s}.map`]).sort());
    expect(m.releases.get('shop@1.4.2')).toMatchObject({ dateReleased: expect.any(String) });

    const main = scripts.find((s) => s.includes('main-'))!;
    const url = `https://cdn.example/static/${main}`;
    const frame = topFrame(throwFrom(readFileSync(join(dist, main), 'utf8'), url).stack);
    await expectKnownThrow(mapByName(m, frame.file, 'shop@1.4.2'), frame);
  });

  it('--delete-after-upload deletes the uploaded maps once all went up, and says so', async () => {
    const m = await serve('current');
    const { dist, scripts } = await buildShop();
    const run = await cli(['upload', dist, '--release', 'shop@1.4.2', '--delete-after-upload'], serverEnv(m));
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`\nfaultline-upload: deleted 2 uploaded source maps from ${dist}\n`);
    expect(m.bundles).toHaveLength(1);
    for (const s of scripts) expect([existsSync(join(dist, s)), existsSync(join(dist, `${s}.map`))]).toEqual([true, false]);
  });

  it('--dry-run lists the files and sends nothing', async () => {
    const m = await serve('current');
    const { dist, scripts } = await buildShop();
    const run = await cli(['upload', dist, '--release', 'shop@1.4.2', '--dry-run'], serverEnv(m));
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^faultline-upload: dry run: would upload 4 files, [\d.]+ KB for release shop@1\.4\.2 to http:\/\/127\.0\.0\.1:\d+, mode auto; nothing sent\n/);
    for (const s of scripts) expect(run.stdout).toContain(`  ~/${s} (`);
    expect(m.requests).toEqual([]);
  });

  it('exits non-zero on a 401 with the step, the status and a hint, never the token', async () => {
    const m = await serve('current');
    const { dist } = await buildShop();
    const token = 'sntrys_secret_0123456789';
    // A server that echoes the token it refused.
    m.fail({ path: /chunk-upload|releases/, status: 401, body: `{"detail":"Invalid token ${token}"}`, times: 10 });
    const run = await cli(['upload', dist, '--release', 'shop@1.4.2', '--auth-token', token, '--url', m.url, '--org', 'acme', '--project', 'shop']);
    expect(run.code).toBe(1);
    expect(run.stderr + run.stdout).not.toContain(token);
    expect(run.stderr).toMatch(/^faultline-upload: upload failed: (check chunk upload|create release shop@1\.4\.2) failed: HTTP 401/);
    expect(run.stderr).toContain('Check `authToken`: the server did not accept it');
  });

  it.each([
    ['a missing directory', () => '/nonexistent/dist', /^faultline-upload: upload failed: no such directory: \/nonexistent\/dist\n$/],
    [
      'a directory without source maps',
      () => {
        const dir = join(mkTemp(), 'dist');
        mkdirSync(dir, { recursive: true });
        writeFileSync(join(dir, 'app.js'), 'app();\n');
        return dir;
      },
      /^faultline-upload: upload failed: no source maps among the 1 file to upload in .*dist \(app\.js\): build with source maps\n$/,
    ],
    [
      'an empty directory',
      () => {
        const dir = join(mkTemp(), 'dist');
        mkdirSync(dir, { recursive: true });
        return dir;
      },
      /^faultline-upload: upload failed: no files to upload: include: the emitted \.js, \.mjs, \.cjs and \.map files matched none of the 0 files in .*dist \(none\)\n$/,
    ],
  ])('exits non-zero with a clear reason for %s, before any request', async (_, dir, message) => {
    const m = await serve('current');
    const run = await cli(['upload', dir(), '--release', 'r1'], serverEnv(m));
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(message);
    expect(m.requests).toEqual([]);
  });

  it('names a missing setting', async () => {
    const { dist } = await buildShop();
    const run = await cli(['upload', dist, '--release', 'r1', '--url', 'http://127.0.0.1:9', '--org', 'acme', '--project', 'shop']);
    expect(run).toMatchObject({ code: 1, stderr: 'faultline-upload: upload failed: missing option `authToken` (or SENTRY_AUTH_TOKEN)\n' });
  });
});

describe('faultline-upload usage', () => {
  it('--help prints the commands, options and environment variables', async () => {
    const run = await cli(['--help']);
    expect(run.code).toBe(0);
    for (const text of ['inject <directory>', 'upload <directory>', '--release', '--dist', '--url-prefix', '--dry-run', '--mode', 'SENTRY_AUTH_TOKEN', 'FAULTLINE_AUTH_TOKEN']) {
      expect(run.stdout).toContain(text);
    }
  });

  it.each([[[]], [['deploy', 'dist']], [['upload']], [['upload', 'dist', '--mode', 'fast']], [['upload', 'dist', '--colour']]])('exits 2 for wrong usage: %j', async (args) => {
    const run = await cli(args);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^faultline-upload: /);
  });
});
