import { clientReportEnvelope, type DiscardedEvent } from './envelope';
import type { DataCategory, DropReason } from './types';

export interface ClientReports {
  record(reason: DropReason, category: DataCategory): void;
  /** Sends what was counted since the last report, if anything. */
  send(): void;
  stop(): void;
}

/**
 * Counts dropped events by reason and category. The counts go out on `flush()` and when
 * the page is hidden (the last moment a tab reliably runs code), in an envelope of their own.
 */
export function createClientReports(sendBody: (body: string) => void, canSend: () => boolean, dsn?: string): ClientReports {
  let counts: Record<string, number> = {};

  function send(): void {
    // While rate-limited the counts wait for the next chance instead of being dropped too.
    if (!canSend()) return;
    const discarded: DiscardedEvent[] = [];
    for (const key in counts) {
      const [reason, category] = key.split(':') as [DropReason, DataCategory];
      discarded.push({ reason, category, quantity: counts[key] });
    }
    counts = {};
    if (discarded.length) sendBody(clientReportEnvelope(discarded, dsn));
  }

  const onHidden = () => {
    if (document.visibilityState == 'hidden') send();
  };
  const hasDocument = typeof document != 'undefined' && !!document.addEventListener;
  if (hasDocument) document.addEventListener('visibilitychange', onHidden);

  return {
    record(reason, category) {
      const key = `${reason}:${category}`;
      counts[key] = (counts[key] || 0) + 1;
    },
    send,
    stop() {
      if (hasDocument) document.removeEventListener('visibilitychange', onHidden);
    },
  };
}
