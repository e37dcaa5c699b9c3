import { createHash } from 'node:crypto';

/** A tree of grouping values; its JSON is the hash input. */
export type Component = string | null | readonly Component[];

/**
 * md5 hex of `JSON.stringify([method, values])`. The method comes first so that two methods can
 * never produce the same input. Stored issues depend on these bytes: changing the layout of any
 * component regroups every event, so treat it as a wire format.
 */
export function hashComponents(method: string, values: Component): string {
  return createHash('md5').update(JSON.stringify([method, values]), 'utf8').digest('hex');
}
