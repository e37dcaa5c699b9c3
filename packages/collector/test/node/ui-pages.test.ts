import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorEvent, eventEnvelope, newEventId } from '../helpers/envelopes';
import { removeTestDirs, startTestCollector, type TestCollector } from '../helpers/test-collector';
import { uiOf } from '../helpers/ui-client';

let c: TestCollector;

beforeAll(async () => {
  c = await startTestCollector({ timeZone: 'Asia/Shanghai' });
  const now = Date.now() / 1000;
  for (let i = 0; i < 3; i++) {
    expect((await c.ingest(eventEnvelope(errorEvent({ timestamp: now - i * 60, user: { id: `u${i}` } })))).status).toBe(200);
  }
  expect((await c.ingest(eventEnvelope(errorEvent({ fingerprint: ['coupon'], exception: { values: [{ type: 'RangeError', value: 'coupon expired' }] }, environment: 'staging', release: 'shop@1.5.0' })))).status).toBe(200);
  await c.idle();
});

afterAll(async () => {
  await c?.close();
  removeTestDirs();
});

const UI_HEADERS = {
  'content-security-policy': expect.stringContaining("script-src 'self'"),
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
};

const headersOf = (res: Response) => Object.fromEntries(res.headers);

describe('issue list', () => {
  it('lists the unresolved issues with counts, users, sparkline and times in the configured zone', async () => {
    const res = await uiOf(c).get('/');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(headersOf(res)).toMatchObject(UI_HEADERS);
    const page = await res.text();
    const rows = page.match(/<tr class="issue"/g) || [];
    expect(rows).toHaveLength(2);
    expect(page).toContain("TypeError: Cannot read properties of undefined (reading &#39;id&#39;)");
    expect(page).toContain('RangeError: coupon expired');
    expect(page).toMatch(/<td class="num">3<\/td>\s*<td class="num">3<\/td>/); // 3 events, 3 users
    expect(page).toContain('<svg class="sparkline"');
    expect(page).toMatch(/<time datetime="\d{4}-\d\d-\d\dT[^"]+Z" data-relative title="[^"]+GMT\+8">/);
  });

  it('filters by environment, release, text and status, keeping them in the links', async () => {
    const ui = uiOf(c);
    const staging = await (await ui.get('/?environment=staging')).text();
    expect(staging).toContain('RangeError: coupon expired');
    expect(staging).not.toContain('TypeError');
    const release = await (await ui.get('/?release=shop%401.4.2')).text();
    expect(release).toContain('TypeError');
    expect(release).not.toContain('RangeError');
    const text = await (await ui.get('/?query=coupon&sort=freq')).text();
    expect(text.match(/<tr class="issue"/g)).toHaveLength(1);
    expect(text).toContain('value="coupon"');
    expect(text).toContain('href="/?project=default&amp;query=coupon&amp;sort=user"');
    const resolved = await (await ui.get('/?status=resolved')).text();
    expect(resolved).not.toContain('<tr class="issue"');
    expect(resolved).toContain(c.dsnFor(c.projects.get(1)!));
  });

  it('resolves from the list with the CSRF token, and refuses a POST without it', async () => {
    const ui = uiOf(c);
    await ui.get('/');
    const [issue] = await (await c.api('/api/0/projects/sentry/default/issues/?query=coupon')).json();
    expect((await ui.post('/issues/status/', { one: `resolved:${issue.id}`, return: '/' })).status).toBe(403);
    expect((await ui.post('/issues/status/', { csrf: 'f'.repeat(64), one: `resolved:${issue.id}` })).status).toBe(403);
    expect((await (await c.api(`/api/0/issues/${issue.id}/`)).json()).status).toBe('unresolved');
    const done = await ui.post('/issues/status/', { csrf: ui.csrf, one: `resolved:${issue.id}`, return: '/?query=coupon' });
    expect(done.status).toBe(303);
    expect(done.headers.get('location')).toBe('/?query=coupon');
    expect((await (await c.api(`/api/0/issues/${issue.id}/`)).json()).status).toBe('resolved');
    const ignored = await ui.post('/issues/status/', { csrf: ui.csrf, one: `ignored:${issue.id}`, return: '/' });
    expect(ignored.status).toBe(303);
    expect((await (await c.api(`/api/0/issues/${issue.id}/`)).json()).status).toBe('ignored');
    const row = (await (await ui.get('/?status=ignored')).text()).split('<tr class="issue"')[1];
    expect(row).toContain(`name="one" value="unresolved:${issue.id}">Reopen</button>`);
    expect(row).not.toContain('>Resolve</button>');
    // Bulk: reopen it with the checkbox form; an off-site return address is not followed.
    const bulk = await ui.post('/issues/status/', { csrf: ui.csrf, status: 'unresolved', id: [issue.id], return: '//evil.example/' });
    expect(bulk.headers.get('location')).toBe('/');
    expect((await (await c.api(`/api/0/issues/${issue.id}/`)).json()).status).toBe('unresolved');
  });
});

describe('issue page', () => {
  it('shows the header, tags with percentages, the event with request and user, and its raw JSON', async () => {
    const [issue] = await (await c.api('/api/0/projects/sentry/default/issues/?query=TypeError')).json();
    const ui = uiOf(c);
    const res = await ui.get(`/issues/${issue.id}/`);
    expect(res.status).toBe(200);
    expect(headersOf(res)).toMatchObject(UI_HEADERS);
    const page = await res.text();
    expect(page).toContain('<span class="value">3</span>');
    expect(page).toMatch(/<span class="pct">100%<\/span> <span class="tag-value">production<\/span>/);
    expect(page).toMatch(/<span class="pct">33%<\/span>/); // three users, one each
    expect(page).toContain('<a href="https://shop.example/cart?step=2" rel="noreferrer noopener nofollow" target="_blank">https://shop.example/cart?step=2</a>');
    const latest = await (await c.api(`/api/0/issues/${issue.id}/events/latest/`)).json();
    expect(page).toContain(`<code>${latest.eventID}</code>`);
    expect(page).toContain('rel="prev" href="/issues/');
    const older = /rel="prev" href="([^"]+)"/.exec(page)![1];
    expect((await ui.get(older.replace(/&amp;/g, '&'))).status).toBe(200);
    const json = await ui.get(`/issues/${issue.id}/events/${latest.eventID}/json/`);
    expect(json.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(headersOf(json)).toMatchObject(UI_HEADERS);
    expect((await json.json()).event_id).toBe(latest.eventID);
  });

  it('says which file to upload when a frame could not be symbolicated, and answers at the API permalink', async () => {
    const [issue] = await (await c.api('/api/0/projects/sentry/default/issues/?query=TypeError')).json();
    const permalink = new URL(issue.permalink);
    expect(permalink.pathname).toBe(`/organizations/sentry/issues/${issue.id}/`);
    const page = await (await uiOf(c).get(permalink.pathname)).text();
    expect(page).toContain('<h3>Processing notes</h3>');
    expect(page).toMatch(/<code>js_no_source<\/code> [^<]*shop@1\.4\.2/);
    // The frames as sent, the one that threw first, each shown with its location.
    expect(page.indexOf('<span class="fn">checkout</span>')).toBeLessThan(page.indexOf('<span class="fn">HTMLButtonElement.onClick</span>'));
    expect(page).toContain('https://shop.example/static/js/main.js:1:200');
  });

  it('shows a chained exception with the caught error first, then its causes in order', async () => {
    const frames = (fn: string) => ({ frames: [{ filename: 'https://shop.example/static/js/main.js', function: fn, lineno: 1, colno: 5, in_app: true }] });
    const event = errorEvent({
      fingerprint: ['chain'],
      exception: {
        values: [
          { type: 'NetworkError', value: 'socket closed', stacktrace: frames('send') },
          { type: 'FetchError', value: 'cart request failed', stacktrace: frames('loadCart') },
          { type: 'Error', value: 'checkout failed', mechanism: { type: 'generic', handled: true }, stacktrace: frames('checkout') },
        ],
      },
    });
    expect((await c.ingest(eventEnvelope(event))).status).toBe(200);
    await c.idle();
    const [issue] = await (await c.api('/api/0/projects/sentry/default/issues/?query=checkout%20failed')).json();
    const page = await (await uiOf(c).get(`/issues/${issue.id}/`)).text();
    const order = ['checkout failed', 'cart request failed', 'socket closed'].map((v) => page.indexOf(`<p class="exc-value">${v}</p>`));
    expect(order.every((i) => i > 0)).toBe(true);
    expect(order).toEqual([...order].sort((a, b) => a - b));
    expect(page.match(/<span class="muted">Caused by<\/span>/g)).toHaveLength(2);
    expect(page).toContain('<span class="badge handled">handled</span>');
  });

  it('answers 404 pages with the same headers', async () => {
    const res = await uiOf(c).get('/issues/999999/');
    expect(res.status).toBe(404);
    expect(headersOf(res)).toMatchObject(UI_HEADERS);
    expect(await res.text()).toContain('no such issue');
  });
});

describe('release page', () => {
  it('shows events, new issues, crash-free sessions and client-report drops', async () => {
    const started = Date.now() / 1000;
    const sessions = (status: string, init: boolean) => ({ sid: newEventId(), init, started: new Date(started * 1000).toISOString(), status, attrs: { release: 'shop@1.5.0', environment: 'staging' } });
    const env = (items: Array<[string, unknown]>) => items.map(([t, p]) => `${JSON.stringify({ type: t })}\n${JSON.stringify(p)}`).join('\n');
    for (const s of [sessions('ok', true), sessions('ok', true), sessions('ok', true), sessions('crashed', true)]) {
      expect((await c.ingest(`{}\n${env([['session', s]])}`)).status).toBe(200);
    }
    const report = { timestamp: started, discarded_events: [{ reason: 'ratelimit_backoff', category: 'error', quantity: 4 }, { reason: 'before_send', category: 'error', quantity: 1 }] };
    expect((await c.ingest(`${JSON.stringify({ trace: { release: 'shop@1.5.0' } })}\n${env([['client_report', report]])}`)).status).toBe(200);
    const page = await (await uiOf(c).get('/releases/shop%401.5.0/?project=default')).text();
    expect(page).toContain('<span class="value" data-fact="events">1</span>');
    expect(page).toContain('<span class="value" data-fact="new-issues">1</span>');
    expect(page).toContain('<span class="value" data-fact="sessions">4</span>');
    expect(page).toContain('<span class="value" data-fact="crash-free">75.0%</span>');
    expect(page).toContain('RangeError: coupon expired');
    expect(page).toMatch(/<td>ratelimit_backoff<\/td><td>error<\/td><td class="num">4<\/td>/);
  });
});

describe('static files', () => {
  it('serves the stylesheet and the script with the security headers', async () => {
    for (const [path, type] of [['/_static/ui.css', 'text/css; charset=utf-8'], ['/_static/ui.js', 'text/javascript; charset=utf-8']]) {
      const res = await fetch(`${c.url}${path}`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe(type);
      expect(headersOf(res)).toMatchObject(UI_HEADERS);
      expect((await res.text()).length).toBeGreaterThan(500);
    }
  });
});
