// Privacy by default (issue 13, part 2): secrets scrubbed in every place the issue lists with
// sendDefaultPii off, present with it on. The CDN bundle's default Privacy integration.
import type { Browser } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { Breadcrumb, Event } from '../../src/types';
import { type Ingest } from '../helpers/ingest-server';
import { useBrowserAndIngest } from '../helpers/page-suite';
import { expectClean, openSdkPage } from '../helpers/sdk-page';

let browser: Browser;
let ingest: Ingest;

useBrowserAndIngest((b, i) => ([browser, ingest] = [b, i]));

// Secrets in every place the issue lists, and data that must stay.
const SCRIPT = `
  Faultline.setUser({ id: 'u1', ip_address: '10.1.2.3' });
  Faultline.setExtra('password', 'hunter2');
  Faultline.setExtra('iban', 'DE00 1234');
  Faultline.setExtra('order', { id: 7, payment: { api_key: 'k-1', apikey: 'k-2', passwd: 'p', note: 'fine' } });
  Faultline.setExtra('links', ['/checkout?step=2&token=t-1']);
  Faultline.setContext('login', { session: 's-1', credentials: 'c-1', user_name: 'ada', next: '/cb?code=c-2&state=z' });
  Faultline.addBreadcrumb({ category: 'auth', message: 'signed in', data: { jwt: 'j-1', csrf: 'x-1', auth: 'a-1', step: 2, status_code: 200 } });
  Faultline.captureEvent({
    logentry: { formatted: 'checkout failed' },
    request: {
      data: { card: { secret: 's-2', last4: '4242' }, Cookie: 'sid=1' },
      query_string: 'page=2&token=t-2',
      cookies: { sid: '1' },
      headers: { Authorization: 'Bearer b-1', Cookie: 'sid=1', 'X-Request-Id': 'r-1' },
    },
  });`;

const init = (extra: string) =>
  `{ dsn: DSN, scrubKeys: ['iban'], beforeSend(event) {
      window.__out.seen = event.extra.password;
      event.extra.addedByBeforeSend = { password: 'kept: beforeSend added it' };
      return event;
    }${extra} }`;

const crumbsOf = (event: Event): Breadcrumb[] => (Array.isArray(event.breadcrumbs) ? event.breadcrumbs : event.breadcrumbs?.values || []);

describe('privacy by default (sendDefaultPii: false)', () => {
  it('filters secret-looking keys at any depth in extra, contexts, breadcrumb data and request data, and secret query parameters', async () => {
    const opened = await openSdkPage(browser, ingest, { init: init(''), script: SCRIPT });
    const [event] = await ingest.waitForEvents(1);
    expect(event.extra).toEqual({
      password: '[Filtered]',
      iban: '[Filtered]',
      order: { id: 7, payment: { api_key: '[Filtered]', apikey: '[Filtered]', passwd: '[Filtered]', note: 'fine' } },
      links: ['/checkout?step=2&token=[Filtered]'],
      addedByBeforeSend: { password: 'kept: beforeSend added it' },
    });
    expect(await opened.page.evaluate(() => __out.seen)).toBe('[Filtered]');
    expect(event.contexts?.login).toEqual({ session: '[Filtered]', credentials: '[Filtered]', user_name: 'ada', next: '/cb?code=[Filtered]&state=z' });
    const crumb = crumbsOf(event).find((c) => c.category == 'auth');
    expect(crumb?.data).toEqual({ jwt: '[Filtered]', csrf: '[Filtered]', auth: '[Filtered]', step: 2, status_code: 200 });
    const request = event.request as Event['request'] & { data?: unknown; cookies?: unknown };
    expect(request.data).toEqual({ card: { secret: '[Filtered]', last4: '4242' }, Cookie: '[Filtered]' });
    expect(request.query_string).toBe('page=2&token=[Filtered]');
    expect(request.cookies).toBeUndefined();
    expect(request.headers).not.toHaveProperty('Authorization');
    expect(request.headers).not.toHaveProperty('Cookie');
    expect(request.headers?.['X-Request-Id']).toBe('r-1');
    // No IP address, not even one the app set; the rest of the user stays.
    expect(event.user).toEqual({ id: 'u1' });
    expect(JSON.stringify(event)).not.toMatch(/hunter2|k-1|k-2|s-1|c-1|c-2|j-1|x-1|a-1|s-2|t-1|t-2|b-1|10\.1\.2\.3|DE00/);
    // The browser sent no cookie with the event either.
    expect(ingest.requests.every((r) => !r.headers.cookie && !r.headers.authorization)).toBe(true);
    expectClean(ingest, opened);
  });
});

describe('sendDefaultPii: true', () => {
  it('keeps the data as given, asks the server for the IP ({{auto}}), and still applies scrubKeys', async () => {
    const opened = await openSdkPage(browser, ingest, {
      init: init(', sendDefaultPii: true'),
      script: SCRIPT.replace(`ip_address: '10.1.2.3'`, 'username: "ada"'),
    });
    const [event] = await ingest.waitForEvents(1);
    expect(event.extra).toMatchObject({ password: 'hunter2', iban: '[Filtered]', links: ['/checkout?step=2&token=t-1'] });
    expect((event.extra?.order as { payment: unknown }).payment).toEqual({ api_key: 'k-1', apikey: 'k-2', passwd: 'p', note: 'fine' });
    expect(event.contexts?.login).toMatchObject({ session: 's-1', credentials: 'c-1' });
    expect(crumbsOf(event).find((c) => c.category == 'auth')?.data).toMatchObject({ jwt: 'j-1', csrf: 'x-1', auth: 'a-1' });
    expect(event.request?.query_string).toBe('page=2&token=t-2');
    expect(event.request?.headers?.Authorization).toBe('Bearer b-1');
    expect(event.user).toEqual({ id: 'u1', username: 'ada', ip_address: '{{auto}}' });
    expectClean(ingest, opened);
  });
});
