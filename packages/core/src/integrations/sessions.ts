import type { Client } from '../client';
import { getCurrentScope } from '../carrier';
import { onNavigation } from '../instrument/history';
import { uuid4 } from '../misc';
import type { Integration } from '../types';

type SessionStatus = 'ok' | 'errored' | 'crashed';

/** A session as sent, but for `timestamp` and `duration`, which each update sets. */
interface Session {
  sid: string;
  did: string;
  init: boolean;
  started: string;
  status: SessionStatus;
  errors: number;
  attrs: { release?: string; environment?: string };
}

/**
 * Release health (`autoSessionTracking`, on unless false): a session per page load and per
 * history navigation, as Sentry's browser SDK sends them. It goes out when it starts
 * (`init: true`) and again when an error event sent in it changes its status: `errored`, or
 * `crashed` for an unhandled error (which ends it). Each update travels in an envelope of its own (Sentry 20.x
 * refuses envelopes mixing item types it does not know); servers without sessions drop it.
 * Needs a `release`, without which Sentry ignores sessions.
 */
export const sessionsIntegration = (): Integration => {
  let session: Session | undefined;
  let client: Client;
  let attrs: Session['attrs'];
  // One device id per page, unless the user has an id.
  const device = uuid4();

  const send = (session: Session): void => {
    const timestamp = new Date().toISOString();
    const did = String(getCurrentScope().getUser()?.id ?? session.did);
    // Both ISO strings keep the milliseconds: the duration is exact.
    client.sendEnvelope('session', [['session', { ...session, did, timestamp, duration: (Date.parse(timestamp) - Date.parse(session.started)) / 1000 }]]);
    session.init = false;
  };

  const start = (): void => send((session = { sid: uuid4(), did: device, init: true, started: new Date().toISOString(), status: 'ok', errors: 0, attrs }));

  return {
    name: 'Sessions',
    setup(clientLike) {
      client = clientLike as Client;
      const options = client.getOptions();
      if (options.autoSessionTracking === false || !options.release || options.endpoint == 'store' || typeof location == 'undefined') return;
      attrs = { release: options.release, environment: options.environment };
      start();
      return onNavigation(start);
    },
    processEvent(event) {
      // Counted when the event is about to be sent: integrations before this one did not drop it.
      const values = event.exception?.values || [];
      if (!session || session.status == 'crashed' || !(values.length || event.level == 'error' || event.level == 'fatal')) return event;
      session.errors++;
      const status = values.some((e) => e.mechanism?.handled === false) ? 'crashed' : 'errored';
      // An update when the status changes, as Sentry's SDK sends them: one per error would take
      // a burst's place in the send buffer.
      if (status != session.status) {
        session.status = status;
        send(session);
      }
      return event;
    },
  };
};
