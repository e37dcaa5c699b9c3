import type { Client } from '../client';
import { getCurrentScope } from '../carrier';
import { onNavigation } from '../instrument/history';
import { uuid4 } from '../misc';
import type { Integration } from '../types';

type SessionStatus = 'ok' | 'errored' | 'crashed';

interface Session {
  sid: string;
  did: string;
  init: boolean;
  started: string;
  startedMs: number;
  status: SessionStatus;
  errors: number;
}

/**
 * Release health (`autoSessionTracking`, on unless false): a session per page load and per
 * history navigation, as Sentry's browser SDK sends them. It goes out when it starts
 * (`init: true`) and again when an error event is sent in it: `errored`, or `crashed` for an
 * unhandled error (which ends it). Each update travels in an envelope of its own (Sentry 20.x
 * refuses envelopes mixing item types it does not know); servers without sessions drop it.
 * Needs a `release`, without which Sentry ignores sessions.
 */
export const sessionsIntegration = (): Integration => {
  let session: Session | undefined;
  let client: Client;
  // One device id per page, unless the user has an id.
  const device = uuid4();

  function send(): void {
    if (!session) return;
    const { release, environment } = client.getOptions();
    const now = Date.now();
    const payload = {
      sid: session.sid,
      did: String(getCurrentScope().getUser()?.id ?? session.did),
      init: session.init,
      started: session.started,
      timestamp: new Date(now).toISOString(),
      status: session.status,
      errors: session.errors,
      duration: (now - session.startedMs) / 1000,
      attrs: { release, environment },
    };
    session.init = false;
    client.sendEnvelope('session', [['session', payload]]);
  }

  function start(): void {
    const now = Date.now();
    session = { sid: uuid4(), did: device, init: true, started: new Date(now).toISOString(), startedMs: now, status: 'ok', errors: 0 };
    send();
  }

  return {
    name: 'Sessions',
    setup(clientLike) {
      client = clientLike as Client;
      const options = client.getOptions();
      if (options.autoSessionTracking === false || !options.release || options.endpoint == 'store' || typeof location == 'undefined') return;
      start();
      return onNavigation(start);
    },
    processEvent(event) {
      // Counted when the event is about to be sent: integrations before this one did not drop it.
      const values = event.exception?.values || [];
      if (!session || session.status == 'crashed' || !(values.length || event.level == 'error' || event.level == 'fatal')) return event;
      session.errors++;
      session.status = values.some((e) => e.mechanism?.handled === false) ? 'crashed' : 'errored';
      send();
      return event;
    },
  };
};
