import type { Vital } from '../../store/transaction-record';
import { formatVital, rateVital, VITAL_THRESHOLDS } from '../../performance/web-vitals';
import { html, type SafeHtml } from '../html';

const RATING_TEXT = { good: 'good', 'needs-improvement': 'needs improvement', poor: 'poor' } as const;

/** A vital's value coloured by its rating, with the rating also as text (colour is not the only cue). */
export function vitalValue(vital: Vital, value: number | null | undefined): SafeHtml {
  if (value === null || value === undefined) return html`<span class="muted">–</span>`;
  const rating = rateVital(vital, value);
  const t = VITAL_THRESHOLDS[vital];
  const limits = `good ≤ ${formatVital(vital, t.good)}, poor > ${formatVital(vital, t.poor)}`;
  return html`<span class="vital vital-${rating}" data-rating="${rating}" title="${RATING_TEXT[rating]} (${limits})">${formatVital(vital, value)}<span class="sr-only"> (${RATING_TEXT[rating]})</span></span>`;
}

/** A table cell with the vital. */
export const vitalCell = (vital: Vital, value: number | null | undefined): SafeHtml => html`<td class="num" data-vital="${vital}">${vitalValue(vital, value)}</td>`;
