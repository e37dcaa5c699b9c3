import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { escapeHtml, html, linkableUrl, trustedHtml, urlText } from '../../src/ui/html';
import { errorEvent, eventEnvelope } from '../helpers/envelopes';
import { removeTestDirs, startTestCollector, type TestCollector } from '../helpers/test-collector';
import { uiOf } from '../helpers/ui-client';

afterAll(removeTestDirs);

describe('the escaping template', () => {
  it('escapes every interpolation, in text and in attributes', () => {
    const hostile = `"><img src=x onerror=alert(1)>'\`&`;
    expect(html`<p title="${hostile}">${hostile}</p>`.value).toBe(
      '<p title="&quot;&gt;&lt;img src=x onerror=alert(1)&gt;&#39;&#96;&amp;">&quot;&gt;&lt;img src=x onerror=alert(1)&gt;&#39;&#96;&amp;</p>',
    );
    expect(escapeHtml('</style><script>')).toBe('&lt;/style&gt;&lt;script&gt;');
  });

  it('keeps nested results as markup, joins lists, shows nothing for null, undefined and false', () => {
    const items = ['<a>', 'b'].map((x) => html`<li>${x}</li>`);
    expect(html`<ul>${items}</ul>${null}${undefined}${false}${0}`.value).toBe('<ul><li>&lt;a&gt;</li><li>b</li></ul>0');
    expect(html`${trustedHtml('<br>')}`.value).toBe('<br>');
    // A string that merely looks like markup is still text.
    expect(html`${'<b>' as unknown as string}`.value).toBe('&lt;b&gt;');
  });

  it.each([
    ['https://shop.example/cart', 'https://shop.example/cart'],
    ['http://127.0.0.1:3000/', 'http://127.0.0.1:3000/'],
    ['javascript:alert(1)', undefined],
    [' JavaScript:alert(1)', undefined],
    ['data:text/html,<script>alert(1)</script>', undefined],
    ['/relative/path', undefined],
    ['vbscript:x', undefined],
  ])('links %s only when http(s)', (url, expected) => {
    expect(linkableUrl(url)).toBe(expected);
    expect(urlText(url).value.startsWith('<a ')).toBe(expected !== undefined);
  });
});

describe('beyond loopback', () => {
  let c: TestCollector;
  let ingestUrl: string;

  beforeAll(async () => {
    c = await startTestCollector({ host: '0.0.0.0', publicIngest: '127.0.0.1:0' });
    ingestUrl = `http://${new URL(c.info.dsn).host}`;
    expect((await c.ingest(eventEnvelope(errorEvent()))).status).toBe(200);
    await c.idle();
  });
  afterAll(() => c?.close());

  it('sends the UI to the login page and answers 401 on the API without the token', async () => {
    const ui = uiOf(c);
    for (const path of ['/', '/issues/1/', '/releases/shop%401.4.2/', '/organizations/sentry/issues/?project=1']) {
      const res = await ui.get(path);
      expect(res.status, path).toBe(303);
      expect(res.headers.get('location')).toBe(`/login?return=${encodeURIComponent(path)}`);
      expect(res.headers.get('content-security-policy')).toContain("default-src 'none'");
    }
    expect((await fetch(`${c.url}/api/0/projects/sentry/default/issues/`)).status).toBe(401);
    expect((await c.api('/api/0/projects/sentry/default/issues/')).status).toBe(200);
    expect((await ui.post('/issues/status/', { csrf: ui.csrf, status: 'resolved', id: '1' })).status).toBe(401);
  });

  it('logs in with the token into an HttpOnly, SameSite=Strict session; forms need the CSRF token', async () => {
    const ui = uiOf(c);
    const form = await ui.get('/login?return=%2Fissues%2F1%2F');
    expect(form.status).toBe(200);
    expect(ui.csrf).toMatch(/^[0-9a-f]{64}$/);
    expect((await ui.post('/login', { token: c.token, return: '/' })).status).toBe(403);
    const wrong = await ui.post('/login', { csrf: ui.csrf, token: 'f'.repeat(64), return: '/' });
    expect(wrong.status).toBe(401);
    expect(await wrong.text()).toContain('That token is not valid.');
    const ok = await ui.post('/login', { csrf: ui.csrf, token: c.token, return: '/issues/1/' });
    expect(ok.status).toBe(303);
    expect(ok.headers.get('location')).toBe('/issues/1/');
    const session = ok.headers.getSetCookie().find((line) => line.startsWith('faultline_session='))!;
    expect(session).toMatch(/; HttpOnly/);
    expect(session).toMatch(/; SameSite=Strict/);
    expect(session).not.toContain(c.token);

    const page = await ui.get('/issues/1/');
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('TypeError');
    expect((await ui.post('/issues/status/', { status: 'resolved', id: '1' })).status).toBe(403);
    expect((await (await c.api('/api/0/issues/1/')).json()).status).toBe('unresolved');
    expect((await ui.post('/issues/status/', { csrf: ui.csrf, status: 'resolved', id: '1' })).status).toBe(303);
    expect((await (await c.api('/api/0/issues/1/')).json()).status).toBe('resolved');

    expect((await ui.post('/logout', { csrf: ui.csrf })).status).toBe(303);
    expect((await ui.get('/')).status).toBe(303);
  });

  it('serves only the ingest on the public listener, and the printed DSN points there', async () => {
    expect(ingestUrl).not.toBe(c.url);
    for (const path of ['/', '/login', '/issues/1/', '/_static/ui.js', '/api/0/projects/sentry/default/issues/', '/healthz']) {
      const res = await fetch(`${ingestUrl}${path}`, { headers: { authorization: `Bearer ${c.token}` } });
      expect(res.status, path).toBe(404);
    }
    const preflight = await fetch(`${ingestUrl}/api/1/envelope/`, { method: 'OPTIONS', headers: { origin: 'https://shop.example', 'access-control-request-method': 'POST' } });
    expect(preflight.status).toBeLessThan(300);
    const event = errorEvent();
    const res = await fetch(`${ingestUrl}/api/1/envelope/?sentry_key=${c.key}&sentry_version=7`, { method: 'POST', body: eventEnvelope(event), headers: { 'content-type': 'text/plain;charset=UTF-8' } });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ id: event.event_id });
    const store = await fetch(`${ingestUrl}/api/1/store/?sentry_key=${c.key}&sentry_version=7`, { method: 'POST', body: JSON.stringify(errorEvent()), headers: { 'content-type': 'text/plain;charset=UTF-8' } });
    expect(store.status).toBe(200);
  });
});

describe('on loopback', () => {
  it('needs no login, but still the CSRF token', async () => {
    const c = await startTestCollector();
    try {
      const ui = uiOf(c);
      expect((await ui.get('/')).status).toBe(200);
      expect((await ui.get('/login')).status).toBe(303);
      expect((await ui.post('/issues/status/', { status: 'resolved', id: '1' })).status).toBe(403);
    } finally {
      await c.close();
    }
  });
});
