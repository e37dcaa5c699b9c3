import type { SentryEvent } from '../event';

const browserName = (c: Record<string, unknown> | undefined) =>
  c && typeof c.name == 'string' ? (typeof c.version == 'string' ? `${c.name} ${c.version.split('.')[0]}` : c.name) : undefined;

/** The user an event counts for: id, else email, else IP (Sentry's "users affected"). */
export function userKey(event: SentryEvent): string | undefined {
  const user = event.user;
  if (!user) return undefined;
  if (user.id !== undefined && user.id !== null && String(user.id)) return `id:${String(user.id).slice(0, 128)}`;
  if (typeof user.email == 'string' && user.email) return `email:${user.email.slice(0, 128)}`;
  if (typeof user.username == 'string' && user.username) return `username:${user.username.slice(0, 128)}`;
  if (typeof user.ip_address == 'string' && user.ip_address) return `ip:${user.ip_address.slice(0, 64)}`;
  return undefined;
}

/**
 * The tags an issue aggregates, as Sentry derives them: level, environment, release, browser,
 * OS, URL (without query), user, plus the event's own tags. Values ≤ 200 chars.
 */
export function eventTags(event: SentryEvent): Array<[string, string]> {
  const tags = new Map<string, string>();
  const put = (key: string, value: unknown) => {
    if (typeof value == 'string' && value) tags.set(key, value.slice(0, 200));
  };
  put('level', event.level);
  put('environment', event.environment);
  put('release', event.release);
  put('dist', event.dist);
  put('browser', browserName(event.contexts?.browser));
  put('os', browserName(event.contexts?.os));
  const url = event.request?.url;
  if (typeof url == 'string') put('url', url.replace(/[?#].*$/, ''));
  const key = userKey(event);
  if (key) put('user', key);
  const own = event.tags && !Array.isArray(event.tags) ? event.tags : {};
  for (const [k, v] of Object.entries(own).slice(0, 50)) if (!tags.has(k)) put(k, v);
  return [...tags];
}
