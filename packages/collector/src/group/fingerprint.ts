import type { SentryEvent } from '../event';
import type { ComponentTree } from './default-grouping';

// Sentry recognises exactly these two spellings; other `{{ … }}` variables are literal here.
const DEFAULT_ENTRIES = new Set(['{{ default }}', '{{default}}']);

/**
 * The event's custom fingerprint as a component tree, or undefined to use the default grouping
 * (no fingerprint, an empty one, or only `{{ default }}`). Each `{{ default }}` entry is replaced,
 * in place, by the default tree; numbers are coerced to strings; other non-strings are dropped.
 */
export function fingerprintGrouping(event: SentryEvent, defaults: ComponentTree): ComponentTree | undefined {
  const raw: unknown = event.fingerprint;
  if (!Array.isArray(raw)) return undefined;
  const entries = raw.flatMap((v): string[] =>
    typeof v === 'string' ? [v] : typeof v === 'number' && Number.isFinite(v) ? [String(v)] : []);
  if (entries.every((entry) => DEFAULT_ENTRIES.has(entry))) return undefined;
  const values = entries.map((entry) => (DEFAULT_ENTRIES.has(entry) ? [defaults.method, defaults.values] : entry));
  return { method: 'fingerprint', values };
}
