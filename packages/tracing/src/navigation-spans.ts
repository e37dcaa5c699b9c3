import type { Span } from './transaction';
import { toSeconds } from './time';

type SpanFields = Omit<Span, 'span_id' | 'parent_span_id' | 'trace_id'>;

/**
 * The phases Sentry's SDK shows for a page load (op `browser`): `description:from:to` with
 * the fields of PerformanceNavigationTiming (`*` stands for `Start`, `$` for `End`), in one
 * string because a list of strings is larger in the bundle. `from` defaults to the
 * description's `Start` field, `to` to the `End` field of the same name.
 */
const PHASES =
  'redirect,DNS:domainLookup*,connect,TLS/SSL:secureConnection*:connect$,request:request*:response*,response,DOM processing:response$:domInteractive,domContentLoadedEvent,loadEvent';

const field = (entry: PerformanceNavigationTiming, name: string): number =>
  entry[name.replace('*', 'Start').replace('$', 'End') as keyof PerformanceNavigationTiming] as number;

/**
 * The page's Navigation Timing entry as spans, one per phase that happened (a phase whose
 * start is 0 did not: no redirect, no TLS on http, a connection reused).
 */
export function navigationSpans(entry: PerformanceNavigationTiming | undefined): SpanFields[] {
  const spans: SpanFields[] = [];
  if (entry) {
    for (const phase of PHASES.split(',')) {
      const [description, from = description + '*', to = from.slice(0, -1) + '$'] = phase.split(':');
      const start = field(entry, from);
      const end = field(entry, to);
      if (start && end >= start) spans.push({ op: 'browser', description, start_timestamp: toSeconds(start), timestamp: toSeconds(end) });
    }
  }
  return spans;
}
