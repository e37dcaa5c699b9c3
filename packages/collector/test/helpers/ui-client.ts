// A browser-like client of the UI for Node tests: keeps cookies, follows nothing by itself, and
// reads the CSRF token a page's forms carry.
import type { TestCollector } from './test-collector';

export interface UiClient {
  get(path: string): Promise<Response>;
  /** Posts a form (application/x-www-form-urlencoded), with the cookies received so far. */
  post(path: string, fields: Record<string, string | string[]>): Promise<Response>;
  /** The CSRF token of the last page that had one. */
  csrf: string;
}

export function uiClient(baseUrl: string): UiClient {
  const jar = new Map<string, string>();
  const remember = (res: Response) => {
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const i = pair.indexOf('=');
      jar.set(pair.slice(0, i), pair.slice(i + 1));
    }
  };
  const cookie = () => [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
  const client: UiClient = {
    csrf: '',
    async get(path) {
      const res = await fetch(`${baseUrl}${path}`, { redirect: 'manual', headers: { cookie: cookie() } });
      remember(res);
      const text = await res.clone().text();
      const m = /name="csrf" value="([0-9a-f]{64})"/.exec(text);
      if (m) client.csrf = m[1];
      return res;
    },
    async post(path, fields) {
      const body = new URLSearchParams();
      for (const [k, v] of Object.entries(fields)) for (const one of [v].flat()) body.append(k, one);
      const res = await fetch(`${baseUrl}${path}`, { method: 'POST', redirect: 'manual', body, headers: { cookie: cookie(), 'content-type': 'application/x-www-form-urlencoded' } });
      remember(res);
      return res;
    },
  };
  return client;
}

/** The collector's UI client. */
export const uiOf = (collector: TestCollector) => uiClient(collector.url);
