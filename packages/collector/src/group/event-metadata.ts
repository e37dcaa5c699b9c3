import type { SentryEvent, StackFrame } from '../event';
import { exceptionValues, isSynthetic, logEntry } from './event-parts';
import { splitLines, truncateChars } from './python-text';
import { asString } from './safe-read';

/** An issue's `metadata`, as Sentry's read API shows it (a type alias: storable as a plain record). */
export type GroupMetadata = {
  type?: string;
  value?: string;
  filename?: string;
  function?: string;
  title?: string;
};

/**
 * Errors (an exception list with a last entry): `{type, value, filename, function}` from the
 * caught exception and the culprit frame; `type` is left out when missing or synthetic, `value`
 * is '' when missing (Sentry). Other events: `{title}`, the first line of the log message.
 */
export function eventMetadata(event: SentryEvent, frame: StackFrame | undefined): GroupMetadata {
  const exceptions = exceptionValues(event);
  const caught = exceptions[exceptions.length - 1];
  if (!caught) {
    const { formatted, message } = logEntry(event);
    const text = (formatted || message || '').trim();
    return { title: text ? truncateChars(splitLines(text)[0], 100) : '<unlabeled event>' };
  }
  const metadata: GroupMetadata = { value: truncateChars(asString(caught.value) ?? '', 1024) };
  const type = asString(caught.type);
  if (type && !isSynthetic(caught)) metadata.type = truncateChars(type, 128);
  const filename = frame && (asString(frame.filename) || asString(frame.abs_path));
  if (filename) metadata.filename = filename;
  const fn = frame && asString(frame.function);
  if (fn) metadata.function = fn;
  return metadata;
}
