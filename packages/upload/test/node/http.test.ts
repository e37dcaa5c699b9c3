import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { createApi, type ApiOptions } from '../../src/http';
import type { Logger } from '../../src/logger';
import { makeFetchTransport, makeHttpTransport, type Transport, type TransportRequest, type TransportResponse } from '../../src/transport';
import { UploadError } from '../../src/upload-error';

const quiet: Logger = { info() {}, warn() {}, debug() {} };
const TOKEN = 'sntrys_secret-token-value';

/** A transport answering from a script; records every request. */
function scripted(...answers: Array<Partial<TransportResponse> | Error | 'hang'>) {
  const requests: TransportRequest[] = [];
  const times: number[] = [];
  const transport: Transport = async (request) => {
    requests.push(request);
    times.push(Date.now());
    const answer = answers.shift() ?? { status: 200 };
    if (answer == 'hang') {
      return new Promise((_, reject) => request.signal.addEventListener('abort', () => reject(request.signal.reason)));
    }
    if (answer instanceof Error) throw answer;
    return { status: 200, headers: {}, body: '', ...answer };
  };
  return { transport, requests, times };
}

const api = (transport: Transport, options: Partial<ApiOptions> = {}) =>
  createApi({ url: 'https://sentry.example.com/', authToken: TOKEN, transport, retries: 3, retryDelay: 5, timeout: 1000, log: quiet, ...options });

const step = { step: 'create release r1', method: 'POST', path: '/api/0/organizations/acme/releases/', json: { version: 'r1' } } as const;

describe('createApi', () => {
  it('sends JSON with the bearer token to the server URL and parses the answer', async () => {
    const s = scripted({ status: 201, body: '{"version":"r1"}' });
    const response = await api(s.transport)(step);
    expect(response).toEqual({ status: 201, body: '{"version":"r1"}', data: { version: 'r1' } });
    expect(s.requests[0]).toMatchObject({
      method: 'POST',
      url: 'https://sentry.example.com/api/0/organizations/acme/releases/',
      headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
      body: '{"version":"r1"}',
    });
  });

  it.each([500, 502, 503, 429])('retries after %i with a doubling delay, then succeeds', async (status) => {
    const s = scripted({ status }, { status }, { status: 201 });
    expect((await api(s.transport, { retryDelay: 40 })(step)).status).toBe(201);
    expect(s.requests).toHaveLength(3);
    const gaps = [s.times[1] - s.times[0], s.times[2] - s.times[1]];
    expect(gaps[0]).toBeGreaterThanOrEqual(38);
    expect(gaps[1]).toBeGreaterThanOrEqual(78);
  });

  it("waits as long as a 429's Retry-After asks", async () => {
    const s = scripted({ status: 429, headers: { 'retry-after': '0.3' } }, { status: 200 });
    await api(s.transport)(step);
    expect(s.times[1] - s.times[0]).toBeGreaterThanOrEqual(290);
  });

  it('gives up on a 429 whose Retry-After is beyond a minute', async () => {
    const s = scripted({ status: 429, headers: { 'retry-after': '3600' }, body: 'slow down' });
    await expect(api(s.transport)(step)).rejects.toThrow('create release r1 failed: HTTP 429: rate limited for 3600 s: slow down');
    expect(s.requests).toHaveLength(1);
  });

  it('retries network errors and timeouts, then fails naming the cause and the attempts', async () => {
    const refused = Object.assign(new TypeError('fetch failed'), { cause: { code: 'ECONNREFUSED' } });
    const s = scripted(refused, 'hang', refused);
    const error = await api(s.transport, { retries: 2, timeout: 50 })(step).catch((e) => e);
    expect(error).toBeInstanceOf(UploadError);
    expect(error).toMatchObject({ step: 'create release r1', status: undefined, attempts: 3 });
    expect(error.message).toBe(
      'create release r1 failed: no response (ECONNREFUSED) [POST https://sentry.example.com/api/0/organizations/acme/releases/, 3 attempts]',
    );
    const timeout = await api(scripted('hang').transport, { retries: 0, timeout: 50 })(step).catch((e) => e);
    expect(timeout.message).toContain('no response (timed out after 50 ms)');
    // Even a transport that ignores the abort signal cannot hang the build.
    const deaf = await api(() => new Promise(() => {}), { retries: 0, timeout: 50 })(step).catch((e) => e);
    expect(deaf.message).toContain('no response (timed out after 50 ms)');
  });

  it.each([400, 401, 403, 404, 413])('fails at once on %i with the step, status, URL and answer', async (status) => {
    const s = scripted({ status, body: '{"detail":"nope"}' });
    const error = await api(s.transport)(step).catch((e) => e);
    expect(s.requests).toHaveLength(1);
    expect(error).toMatchObject({ name: 'UploadError', step: 'create release r1', status, url: 'POST https://sentry.example.com/api/0/organizations/acme/releases/', body: '{"detail":"nope"}' });
    expect(error.message).toBe(`create release r1 failed: HTTP ${status}: {"detail":"nope"} [POST https://sentry.example.com/api/0/organizations/acme/releases/]`);
  });

  it('hands allowed statuses back instead of failing', async () => {
    const s = scripted({ status: 409, body: '{"detail":"exists"}' });
    expect((await api(s.transport)({ ...step, allow: [409] })).status).toBe(409);
  });

  it('never puts the token in an error, even when the server echoes it, and trims long answers', async () => {
    const echo = scripted({ status: 400, body: `bad header: Bearer ${TOKEN} ${'x'.repeat(2000)}` });
    const error = await api(echo.transport)(step).catch((e) => e);
    expect(error.message).not.toContain(TOKEN);
    expect(error.body).toContain('Bearer [token]');
    expect(error.body.length).toBeLessThanOrEqual(501);
  });

  it.each([
    ['http', makeHttpTransport],
    ['fetch', makeFetchTransport],
  ])('posts multipart through the %s transport to a real server', async (_, makeTransport) => {
    let seen: { auth?: string; type?: string; body?: string } = {};
    const server = createServer((req, res) => {
      const parts: Buffer[] = [];
      req.on('data', (d) => parts.push(d));
      req.on('end', () => {
        seen = { auth: req.headers.authorization, type: req.headers['content-type'], body: Buffer.concat(parts).toString() };
        res.writeHead(201, { 'content-type': 'application/json', 'x-extra': 'yes' }).end('{"id":"1"}');
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      const response = await createApi({ url, authToken: TOKEN, transport: makeTransport(), retries: 0, retryDelay: 0, timeout: 5000, log: quiet })({
        step: 'upload',
        method: 'POST',
        path: '/files/',
        multipart: [{ name: 'name', value: '~/app.js' }, { name: 'file', filename: 'app.js', data: Buffer.from('code();') }],
      });
      expect(response).toMatchObject({ status: 201, data: { id: '1' } });
      expect(seen.auth).toBe(`Bearer ${TOKEN}`);
      const form = await new Request(url, { method: 'POST', headers: { 'content-type': seen.type! }, body: seen.body }).formData();
      expect(form.get('name')).toBe('~/app.js');
      expect(await (form.get('file') as File).text()).toBe('code();');
      expect((form.get('file') as File).name).toBe('app.js');
    } finally {
      server.close();
    }
  });

  it('the http transport names a refused connection and gives up on a server that never answers', async () => {
    const deaf = createServer(() => {});
    await new Promise<void>((r) => deaf.listen(0, '127.0.0.1', r));
    const port = (deaf.address() as AddressInfo).port;
    const call = (url: string) =>
      createApi({ url, authToken: TOKEN, transport: makeHttpTransport(), retries: 0, retryDelay: 0, timeout: 200, log: quiet })(step).catch((e: Error) => e.message);
    try {
      expect(await call(`http://127.0.0.1:${port}`)).toContain('no response (timed out after 200 ms)');
    } finally {
      deaf.closeAllConnections();
      await new Promise((r) => deaf.close(r));
    }
    // The port is free now: nothing listens there.
    expect(await call(`http://127.0.0.1:${port}`)).toContain('no response (ECONNREFUSED)');
  });

  it('the http transport follows a redirect (here 308 to another path) through fetch, keeping method, body and token', async () => {
    const seen: string[] = [];
    const server = createServer((req, res) => {
      const parts: Buffer[] = [];
      req.on('data', (d) => parts.push(d));
      req.on('end', () => {
        seen.push(`${req.method} ${req.url} ${req.headers.authorization} ${Buffer.concat(parts)}`);
        if (req.url == '/old/api/0/organizations/acme/releases/') res.writeHead(308, { location: '/new/api/0/organizations/acme/releases/' }).end();
        else res.writeHead(201, { 'content-type': 'application/json' }).end('{"version":"r1"}');
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/old`;
      const response = await createApi({ url, authToken: TOKEN, transport: makeHttpTransport(), retries: 0, retryDelay: 0, timeout: 5000, log: quiet })(step);
      expect(response).toMatchObject({ status: 201, data: { version: 'r1' } });
      // fetch sends the request again from the start (one more request, on this rare path only).
      expect(seen.at(-1)).toBe(`POST /new/api/0/organizations/acme/releases/ Bearer ${TOKEN} {"version":"r1"}`);
      expect(seen.filter((r) => r.startsWith('POST /new/'))).toHaveLength(1);
    } finally {
      server.close();
    }
  });
});
