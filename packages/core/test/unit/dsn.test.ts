import { describe, expect, it } from 'vitest';
import { dsnToString, ingestUrl, parseDsn, type Dsn } from '../../src/dsn';
import { SDK_VERSION } from '../../src/version';

const AUTH = `sentry_key=abc123&sentry_version=7&sentry_client=faultline.javascript.browser%2F${SDK_VERSION}`;

function parsed(dsn: string): Dsn {
  const result = parseDsn(dsn);
  if (typeof result == 'string') throw new Error(`expected a DSN, got the reason "${result}"`);
  return result;
}

describe('parseDsn', () => {
  it('parses a sentry.io style DSN', () => {
    expect(parseDsn('https://abc123@o1.ingest.sentry.io/5')).toEqual({
      protocol: 'https',
      publicKey: 'abc123',
      host: 'o1.ingest.sentry.io',
      path: '',
      projectId: '5',
    });
  });

  it('keeps a non-default port in the host', () => {
    expect(parseDsn('https://abc123@sentry.local:9000/12')).toEqual({
      protocol: 'https',
      publicKey: 'abc123',
      host: 'sentry.local:9000',
      path: '',
      projectId: '12',
    });
  });

  it('keeps a path prefix before the project id', () => {
    expect(parseDsn('https://k@h.io/sub/path/5')).toEqual({
      protocol: 'https',
      publicKey: 'k',
      host: 'h.io',
      path: 'sub/path',
      projectId: '5',
    });
  });

  it('accepts http (self-hosted on a LAN)', () => {
    expect(parseDsn('http://k@10.0.0.7:9000/3')).toEqual({
      protocol: 'http',
      publicKey: 'k',
      host: '10.0.0.7:9000',
      path: '',
      projectId: '3',
    });
  });

  it('accepts a legacy DSN with a secret key, keeping only the public key', () => {
    const dsn = parsed('https://public:secret@sentry.example.com/7');
    expect(dsn.publicKey).toBe('public');
    expect(dsnToString(dsn)).toBe('https://public@sentry.example.com/7');
  });

  it('accepts a trailing slash after the project id', () => {
    expect(parsed('https://k@h.io/5/').projectId).toBe('5');
  });

  it.each([
    ['no public key', 'https://h.io/5', 'the public key (before "@") is missing'],
    ['no project id', 'https://k@h.io/', 'the project id (last path segment) must be a number'],
    ['no path at all', 'https://k@h.io', 'the project id (last path segment) must be a number'],
    ['non-numeric project id', 'https://k@h.io/my-project', 'the project id (last path segment) must be a number'],
    ['non-numeric id after a path', 'https://k@h.io/5/abc', 'the project id (last path segment) must be a number'],
    ['ftp scheme', 'ftp://k@h.io/5', 'unsupported scheme "ftp"'],
    ['garbage', 'not a dsn', '"not a dsn" is not a URL'],
    ['empty string', '', 'no DSN given'],
  ])('rejects %s with a reason', (_what, dsn, reason) => {
    expect(parseDsn(dsn)).toBe(reason);
  });

  it.each([
    ['undefined', undefined],
    ['null', null],
    ['a number', 12345],
    ['an object', { dsn: 'https://k@h.io/5' }],
  ])('rejects %s without throwing', (_what, value) => {
    expect(parseDsn(value)).toBe('no DSN given');
  });
});

describe('ingestUrl', () => {
  it('builds the envelope URL with auth in the query string', () => {
    expect(ingestUrl(parsed('https://abc123@o1.ingest.sentry.io/5'), 'envelope')).toBe(
      `https://o1.ingest.sentry.io/api/5/envelope/?${AUTH}`,
    );
  });

  it('builds the store URL', () => {
    expect(ingestUrl(parsed('https://abc123@o1.ingest.sentry.io/5'), 'store')).toBe(
      `https://o1.ingest.sentry.io/api/5/store/?${AUTH}`,
    );
  });

  it('keeps the port and the path prefix', () => {
    expect(ingestUrl(parsed('http://abc123@sentry.local:9000/sub/path/42'), 'envelope')).toBe(
      `http://sentry.local:9000/sub/path/api/42/envelope/?${AUTH}`,
    );
    expect(ingestUrl(parsed('https://abc123@h.io/sub/path/5'), 'store')).toBe(`https://h.io/sub/path/api/5/store/?${AUTH}`);
  });

  it('authenticates with exactly sentry_key, sentry_version=7 and sentry_client', () => {
    const url = new URL(ingestUrl(parsed('https://abc123@h.io/5'), 'envelope'));
    expect([...url.searchParams.entries()]).toEqual([
      ['sentry_key', 'abc123'],
      ['sentry_version', '7'],
      ['sentry_client', `faultline.javascript.browser/${SDK_VERSION}`],
    ]);
  });
});

describe('dsnToString', () => {
  it('writes back the DSN it parsed, path and port included', () => {
    for (const dsn of ['https://k@h.io/5', 'http://k@h.io:9000/sub/path/5']) {
      expect(dsnToString(parsed(dsn))).toBe(dsn);
    }
  });
});
