import type { GroupMetadata } from './event-metadata';
import { splitLines, truncateChars } from './python-text';

/**
 * Sentry's title from the metadata: `Type: first line of value` (at most 100 characters of the
 * value), `Type` without a value, the value without a type (then the function, then
 * `<unknown>`); for other events the metadata's title.
 */
export function eventTitle(metadata: GroupMetadata): string {
  if (metadata.title !== undefined) return metadata.title;
  const value = metadata.value?.trim();
  const line = value ? truncateChars(splitLines(value)[0].trimEnd(), 100) : '';
  if (metadata.type) return line ? `${metadata.type}: ${line}` : metadata.type;
  return line || metadata.function || '<unknown>';
}
