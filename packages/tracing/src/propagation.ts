import { absoluteUrl } from './url';

/** What the headers say about the trace. */
export interface TraceHeaderInfo {
  traceId: string;
  spanId: string;
  sampled: boolean;
  rate: number;
  publicKey?: string;
  release?: string;
  environment?: string;
}

/**
 * Whether a request to `url` gets the trace headers: a target string matches as a substring
 * of the absolute URL, a pattern by search; without targets only same-origin URLs do (the
 * headers are not CORS-safelisted, so another origin would get a preflight it never asked for).
 */
export function shouldPropagate(url: string, targets: ReadonlyArray<string | RegExp> | undefined): boolean {
  const full = absoluteUrl(url);
  if (!targets) {
    try {
      return new URL(full).origin == location.origin;
    } catch {
      return false;
    }
  }
  return targets.some((t) => (typeof t == 'string' ? full.includes(t) : full.search(t) > -1));
}

/** `sentry-trace: <trace_id>-<span_id>-<1|0>` */
export const sentryTrace = ({ traceId, spanId, sampled }: TraceHeaderInfo): string => `${traceId}-${spanId}-${sampled ? 1 : 0}`;

/** W3C baggage with Sentry's dynamic sampling context (`sentry-` keys), values URI-encoded. */
export function baggage(info: TraceHeaderInfo): string {
  const entries: Array<[string, string | undefined]> = [
    ['trace_id', info.traceId],
    ['public_key', info.publicKey],
    ['release', info.release],
    ['environment', info.environment],
    ['sample_rate', String(info.rate)],
    ['sampled', String(info.sampled)],
  ];
  return entries
    .filter(([, value]) => value !== undefined && value !== '')
    .map(([key, value]) => `sentry-${key}=${encodeURIComponent(value!)}`)
    .join(',');
}

/** The page's own baggage entries kept, Sentry's replaced by ours. */
export function mergeBaggage(existing: string | null | undefined, ours: string): string {
  const kept = (existing || '')
    .split(',')
    .map((e) => e.trim())
    .filter((e) => e && !e.startsWith('sentry-'));
  return [...kept, ours].join(',');
}
