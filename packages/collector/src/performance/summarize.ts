import { VITALS, type Vital, type VitalsRow } from '../store/transaction-record';
import { percentile } from './percentile';
import { rateVital, type VitalRating } from './web-vitals';


export interface VitalSummary {
  p75: number;
  rating: VitalRating;
  /** Transactions that measured it (not every page load has an INP). */
  count: number;
}

export interface TransactionSummary {
  name: string;
  count: number;
  p50: number;
  p75: number;
  p95: number;
  vitals: Partial<Record<Vital, VitalSummary>>;
}

// Column 0 of a group's values is the duration, 1.. the vitals in VITALS' order.
const METRICS = 1 + VITALS.length;

/**
 * Per transaction name: count, nearest-rank p50/p75/p95 of the duration, p75 and rating of each
 * vital; most frequent first. Two passes, so every group's values go into a typed array of the
 * right size, sorted natively: tens of thousands of rows take milliseconds.
 */
export function summarize(rows: VitalsRow[]): TransactionSummary[] {
  const groupOf = new Map<string, number>();
  const names: string[] = [];
  const counts: number[] = [];
  const rowGroup = new Uint32Array(rows.length);
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i];
    let g = groupOf.get(row[0]);
    if (g === undefined) {
      groupOf.set(row[0], (g = names.length));
      names.push(row[0]);
      for (let m = 0; m < METRICS; m++) counts.push(0);
    }
    rowGroup[i] = g;
    for (let m = 0; m < METRICS; m++) if (row[1 + m] !== null) counts[g * METRICS + m]++;
  }
  const values = counts.map((n) => new Float64Array(n));
  const filled = new Uint32Array(counts.length);
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i];
    const base = rowGroup[i] * METRICS;
    for (let m = 0; m < METRICS; m++) {
      const v = row[1 + m];
      if (v !== null) values[base + m][filled[base + m]++] = v as number;
    }
  }
  const out: TransactionSummary[] = names.map((name, g) => {
    const d = values[g * METRICS].sort();
    const vitals: Partial<Record<Vital, VitalSummary>> = {};
    VITALS.forEach((vital, i) => {
      const v = values[g * METRICS + 1 + i];
      if (!v.length) return;
      const p75 = percentile(v.sort(), 0.75)!;
      vitals[vital] = { p75, rating: rateVital(vital, p75), count: v.length };
    });
    return { name, count: d.length, p50: percentile(d, 0.5)!, p75: percentile(d, 0.75)!, p95: percentile(d, 0.95)!, vitals };
  });
  return out.sort((a, b) => b.count - a.count || a.name.localeCompare(b.name));
}
