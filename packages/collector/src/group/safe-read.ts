// Events come off the network and are only loosely typed: every read checks the runtime type,
// so grouping never throws on a malformed event (a wrong type reads as "absent").

export const asString = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

export const asRecord = (value: unknown): Record<string, unknown> | undefined =>
  value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;

export const asArray = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);

/** Only `true` counts: Sentry's app variant skips frames whose `in_app` is false or unset. */
export const isInApp = (frame: Record<string, unknown>): boolean => frame.in_app === true;
