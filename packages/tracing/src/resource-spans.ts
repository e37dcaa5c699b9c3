import type { Span } from './transaction';
import { toSeconds } from './time';
import { shortUrl } from './url';

type SpanFields = Omit<Span, 'span_id' | 'parent_span_id' | 'trace_id'>;

/** Fetches and XHRs have spans of their own (op `http.client`); the SDK's own sends are not the page's. */
const SKIPPED = /^(fetch|xmlhttprequest|beacon)$/;

/**
 * Resource Timing entries as spans, op `resource.<initiator>` (`resource.script`,
 * `resource.img`, `resource.link`, `resource.css`, …) so they group by what loaded them,
 * at most `max` of them (the earliest), each with its sizes as Sentry's SDK sends them.
 */
export function resourceSpans(entries: PerformanceResourceTiming[], max: number, isOwn: (url: string) => boolean): SpanFields[] {
  const spans: SpanFields[] = [];
  for (const entry of entries) {
    if (spans.length >= max) break;
    if (SKIPPED.test(entry.initiatorType) || isOwn(entry.name)) continue;
    spans.push({
      op: `resource.${entry.initiatorType || 'other'}`,
      description: shortUrl(entry.name),
      start_timestamp: toSeconds(entry.startTime),
      // Its responseEnd (duration is the time from startTime to it).
      timestamp: toSeconds(entry.startTime + entry.duration),
      data: { 'http.response_transfer_size': entry.transferSize, 'http.decoded_response_content_length': entry.decodedBodySize },
    });
  }
  return spans;
}
