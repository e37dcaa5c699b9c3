import { execFileSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { parseCommand, USAGE } from '../../src/config';
import { errorEvent, eventEnvelope } from '../helpers/envelopes';
import { removeTestDirs, startTestCollector } from '../helpers/test-collector';

const BIN = join(dirname(fileURLToPath(import.meta.url)), '../../bin/faultline-collector.mjs');
afterAll(removeTestDirs);

describe('options', () => {
  it.each([
    [[], {}, { command: 'serve', options: {} }],
    [['--port', '0', '--host=0.0.0.0', '--trust-proxy', '--retention-days', '7'], {}, { command: 'serve', options: { port: 0, host: '0.0.0.0', trustProxy: true, retentionDays: 7 } }],
    [[], { FAULTLINE_PORT: '9000', FAULTLINE_DATA_DIR: '/tmp/x', FAULTLINE_TRUST_PROXY: 'false', FAULTLINE_PUBLIC_INGEST: 'errors.shop.example:443' }, { command: 'serve', options: { port: 9000, dataDir: '/tmp/x', trustProxy: false, publicIngest: 'errors.shop.example:443' } }],
    [['--port', '9001'], { FAULTLINE_PORT: '9000' }, { command: 'serve', options: { port: 9001 } }],
    [['project', 'add', 'checkout'], {}, { command: 'project-add', options: {}, slug: 'checkout' }],
    [['--time-zone', 'Asia/Shanghai'], {}, { command: 'serve', options: { timeZone: 'Asia/Shanghai' } }],
    [[], { FAULTLINE_TIME_ZONE: 'utc' }, { command: 'serve', options: { timeZone: 'UTC' } }],
    [['--time-zone=Europe/Berlin'], { FAULTLINE_TIME_ZONE: 'Asia/Shanghai' }, { command: 'serve', options: { timeZone: 'Europe/Berlin' } }],
    [['--fsync=false'], {}, { command: 'serve', options: { fsync: false } }],
    [[], { FAULTLINE_FSYNC: '0' }, { command: 'serve', options: { fsync: false } }],
  ])('%j with env %j', (argv, env, expected) => expect(parseCommand(argv, env)).toEqual(expected));

  it('documents --time-zone in the usage text', () => expect(USAGE).toMatch(/--time-zone ZONE +IANA zone/));

  it.each([
    [['--port', 'eighty'], /--port must be a whole number/],
    [['--colour'], /unknown option --colour/],
    [['--port'], /--port needs a value/],
    [['project', 'add', 'Bad Slug'], /project add needs a slug/],
    [['serve-forever'], /unknown command/],
    [['--time-zone', 'Mars/Olympus_Mons'], /--time-zone: unknown time zone Mars\/Olympus_Mons/],
    [['--time-zone'], /--time-zone needs a value/],
  ])('refuses %j', (argv, reason) => expect(() => parseCommand(argv, {})).toThrow(reason));
});

describe('project add', () => {
  it('adds a project whose DSN a running collector accepts at once', async () => {
    const c = await startTestCollector();
    try {
      const out = execFileSync(process.execPath, [BIN, 'project', 'add', 'checkout', '--data-dir', c.dataDir], { encoding: 'utf8' });
      const dsn = /^DSN {18}(\S+)$/m.exec(out)![1];
      const url = new URL(dsn);
      expect(url.pathname).toBe('/2');
      const res = await fetch(`${c.url}/api/2/envelope/?sentry_key=${url.username}`, { method: 'POST', body: eventEnvelope(errorEvent()) });
      expect(res.status).toBe(200);
      await c.idle();
      const issues = await (await c.api('/api/0/projects/sentry/checkout/issues/')).json();
      expect(issues).toHaveLength(1);
      const keys = await (await c.api('/api/0/projects/sentry/checkout/keys/')).json();
      expect(keys).toEqual([expect.objectContaining({ public: url.username, dsn: expect.objectContaining({ public: dsn }) })]);
      const projects = await (await c.api('/api/0/organizations/sentry/projects/')).json();
      expect(projects.map((p: { slug: string }) => p.slug)).toEqual(['default', 'checkout']);
      // Keys are per project.
      expect((await fetch(`${c.url}/api/1/envelope/?sentry_key=${url.username}`, { method: 'POST', body: eventEnvelope(errorEvent()) })).status).toBe(403);
    } finally {
      await c.close();
    }
  });
});

describe('behind a proxy', () => {
  it('takes the IP from X-Forwarded-For only with --trust-proxy, and prints the public ingest listener in the DSN', async () => {
    const event = (ip: string) => errorEvent({ user: { id: ip, ip_address: '{{auto}}' } });
    const plain = await startTestCollector();
    const proxied = await startTestCollector({ trustProxy: true, publicIngest: '127.0.0.1:0' });
    try {
      for (const c of [plain, proxied]) {
        const e = event('x');
        await c.ingest(eventEnvelope(e), { headers: { 'x-forwarded-for': '203.0.113.7, 10.0.0.1' } });
        await c.idle();
        const stored = await (await c.api(`/api/0/projects/sentry/default/events/${e.event_id}/`)).json();
        expect(stored.user.ip_address).toBe(c === proxied ? '203.0.113.7' : '127.0.0.1');
      }
      const dsn = new URL(proxied.info.dsn);
      expect(dsn.username).toBe(proxied.key);
      expect(dsn.hostname).toBe('127.0.0.1');
      expect(dsn.port).not.toBe(new URL(proxied.info.url).port);
      expect(proxied.info.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    } finally {
      await plain.close();
      await proxied.close();
    }
  });
});
