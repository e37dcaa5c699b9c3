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
  if (!targets) return full.startsWith(location.origin + '/');
  return targets.some((t) => (typeof t == 'string' ? full.includes(t) : full.search(t) > -1));
}

/** `sentry-trace: <trace_id>-<span_id>-<1|0>` */
export const sentryTrace = ({ traceId, spanId, sampled }: TraceHeaderInfo): string => `${traceId}-${spanId}-${sampled ? 1 : 0}`;

/** W3C baggage with Sentry's dynamic sampling context (`sentry-` keys), values URI-encoded, empty ones left out. */
export function baggage({ traceId, publicKey, release, environment, rate, sampled }: TraceHeaderInfo): string {
  const entries = { trace_id: traceId, public_key: publicKey, release, environment, sample_rate: rate, sampled };
  return Object.entries(entries)
    .filter(([, value]) => value != null && value !== '')
    .map(([key, value]) => `sentry-${key}=${encodeURIComponent(value!)}`)
    .join(',');
}

/** The page's own baggage entries kept, ours after them (a page setting Sentry's own keeps its); ours alone without. */
export const mergeBaggage = (existing: string | null | false | undefined, ours: string): string => (existing ? `${existing},${ours}` : ours);
