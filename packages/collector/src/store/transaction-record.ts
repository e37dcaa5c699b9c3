// What the transactions table holds, as the ingest side hands it over and the summary reads it.

/** The Web Vitals that get a column of their own, so the summary reads no JSON. */
export const VITALS = ['lcp', 'fcp', 'cls', 'inp', 'ttfb'] as const;
export type Vital = (typeof VITALS)[number];

/** A transaction as the store keeps it: checked and reduced by ingest. */
export interface TransactionRecord {
  eventId: string;
  name: string;
  /** `transaction_info.source`: `url`, `route`, `custom`… */
  source: string;
  op: string;
  status: string;
  traceId: string;
  start: number;
  end: number;
  durationMs: number;
  release: string | null;
  environment: string | null;
  /** Each Web Vital in its stored unit: milliseconds, CLS unitless. */
  vitals: Record<Vital, number | null>;
  /** `{name: {value, unit}}`, numeric values only. */
  measurements: Record<string, { value: number; unit: string }>;
  spanCount: number;
  spansDropped: number;
  /** The transaction JSON as stored: the payload with its spans cut (ingest's `MAX_SPANS`). */
  payload: string;
}

/** One transaction as the summary reads it: `[name, duration_ms, lcp, fcp, cls, inp, ttfb]`. */
export type VitalsRow = [name: string, durationMs: number, ...vitals: Array<number | null>];
