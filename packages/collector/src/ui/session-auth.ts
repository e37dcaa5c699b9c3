import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { ProjectStore } from '../store/projects';

const SESSION_COOKIE = 'faultline_session';
const CSRF_COOKIE = 'faultline_csrf';
const SESSION_SECONDS = 7 * 86400;

function cookies(req: IncomingMessage): Map<string, string> {
  const out = new Map<string, string>();
  for (const part of String(req.headers.cookie || '').split(';')) {
    const i = part.indexOf('=');
    if (i > 0) out.set(part.slice(0, i).trim(), part.slice(i + 1).trim());
  }
  return out;
}

const sameText = (a: string, b: string) => {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length == y.length && timingSafeEqual(x, y);
};

const cookie = (name: string, value: string, maxAge: number) => `${name}=${value}; Path=/; HttpOnly; SameSite=Strict; Max-Age=${maxAge}`;

/**
 * Who may use the UI, and the CSRF check of its forms.
 * - Login (only when the collector listens beyond loopback): the API token, checked in constant
 *   time, buys a random session id in an HttpOnly, SameSite=Strict cookie; sessions live in memory.
 * - CSRF (always, loopback too): a random token in a SameSite=Strict cookie, repeated by every
 *   form as a hidden field (double submit); a POST whose field and cookie differ is refused.
 */
export function createSessionAuth(projects: ProjectStore, requireLogin: boolean) {
  const sessions = new Map<string, number>();
  const now = () => Date.now() / 1000;

  return {
    requireLogin,
    isLoggedIn(req: IncomingMessage): boolean {
      if (!requireLogin) return true;
      const id = cookies(req).get(SESSION_COOKIE);
      const expires = id ? sessions.get(id) : undefined;
      if (!id || expires === undefined) return false;
      if (expires < now()) return void sessions.delete(id), false;
      return true;
    },
    /** The request's CSRF token, and the Set-Cookie that creates one when it has none yet. */
    csrf(req: IncomingMessage): { token: string; setCookie?: string } {
      const token = cookies(req).get(CSRF_COOKIE);
      if (token && /^[0-9a-f]{64}$/.test(token)) return { token };
      const fresh = randomBytes(32).toString('hex');
      return { token: fresh, setCookie: cookie(CSRF_COOKIE, fresh, SESSION_SECONDS) };
    },
    /** True when the form's `csrf` field repeats the cookie. */
    checkCsrf(req: IncomingMessage, form: URLSearchParams): boolean {
      const token = cookies(req).get(CSRF_COOKIE);
      const given = form.get('csrf');
      return !!token && !!given && sameText(token, given);
    },
    /** A session cookie for a correct token, else undefined. */
    login(token: string): string | undefined {
      if (!token || !projects.isToken(token)) return undefined;
      const id = randomBytes(32).toString('hex');
      sessions.set(id, now() + SESSION_SECONDS);
      return cookie(SESSION_COOKIE, id, SESSION_SECONDS);
    },
    logout(req: IncomingMessage): string {
      const id = cookies(req).get(SESSION_COOKIE);
      if (id) sessions.delete(id);
      return cookie(SESSION_COOKIE, '', 0);
    },
  };
}

export type SessionAuth = ReturnType<typeof createSessionAuth>;
