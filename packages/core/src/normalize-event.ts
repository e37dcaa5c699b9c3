import { normalize, truncate } from './normalize';
import type { Event, SeverityLevel, User } from './types';

// Sentry 20.x drops tags with longer keys or values.
const MAX_TAG_KEY = 32;
const MAX_TAG_VALUE = 200;
// Breadcrumb messages are not limited by maxValueLength (as in Sentry), only kept sane.
const MAX_BREADCRUMB_MESSAGE = 1024;
const USER_FIELDS = ['id', 'email', 'username', 'ip_address', 'name', 'segment', 'geo'];

const normalizeUser = (user: User, depth: number, breadth: number): User => {
  const out: User = {};
  // Fields the protocol does not know go into user.data, after what is there already.
  const data: Record<string, unknown> = { ...(user.data as Record<string, unknown>) };
  for (const key in user) {
    if (USER_FIELDS.includes(key)) out[key] = normalize(user[key], depth, breadth);
    else if (key != 'data') data[key] = user[key];
  }
  // The protocol's user.id is a string; `setUser({ id: 42 })` is common.
  if (out.id != null) out.id = String(out.id);
  if (Object.keys(data).length) out.data = normalize(data, depth, breadth);
  return out;
};

/** `log` is a level of Sentry's API but not of the protocol: it is sent as `info`. */
const protocolLevel = (level: SeverityLevel | undefined): SeverityLevel | undefined => level == 'log' ? 'info' : level;

const normalizeTags = (tags: Record<string, unknown>): Record<string, string> => {
  const out: Record<string, string> = {};
  for (const key in tags) {
    const value = tags[key];
    if (value === undefined) continue;
    // Strings come back from normalize as they are.
    out[key.slice(0, MAX_TAG_KEY)] = truncate(String(normalize(value, 1)), MAX_TAG_VALUE);
  }
  return out;
};

/** Cuts o[key] to `max` chars when it is a string. */
const cut = (o: any, key: string, max: number): void => {
  if (typeof o?.[key] == 'string') o[key] = truncate(o[key], max);
};

/**
 * Makes the event JSON-safe and bounded: user, extra, contexts and breadcrumb data to
 * `depth`, tags to strings old servers accept, messages and exception values to `maxLength`.
 */
export const normalizeEvent = (event: Event, depth: number, breadth: number, maxLength: number): Event => {
  event.level = protocolLevel(event.level);
  if (event.user) event.user = normalizeUser(event.user, depth, breadth);
  if (event.tags) event.tags = normalizeTags(event.tags);
  for (const key of ['extra', 'contexts'] as const) if (event[key]) event[key] = normalize(event[key], depth, breadth) as never;
  const crumbs = event.breadcrumbs && !Array.isArray(event.breadcrumbs) ? event.breadcrumbs.values : [];
  for (let i = 0; i < crumbs.length; i++) {
    const crumb = { ...crumbs[i] };
    if (crumb.level) crumb.level = protocolLevel(crumb.level);
    if (crumb.data) crumb.data = normalize(crumb.data, depth, breadth) as Record<string, unknown>;
    cut(crumb, 'message', MAX_BREADCRUMB_MESSAGE);
    crumbs[i] = crumb;
  }
  cut(event.logentry, 'formatted', maxLength);
  for (const exception of (event.exception?.values) || []) cut(exception, 'value', maxLength);
  return event;
};
