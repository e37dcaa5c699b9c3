// The benchmark's ingest: a real HTTP server on 127.0.0.1 that records, per project id, every
// event and client report it accepted, and that can be taken down in two ways: `refuse` closes
// the listener (and every open connection), so the browser gets "connection refused"; `503`
// keeps listening and answers 503 to every envelope. `up` restores it on the same port.
import { createServer } from 'node:http';
import { gunzipSync } from 'node:zlib';

const CORS = {
  'Access-Control-Allow-Origin': '*',
  'Access-Control-Allow-Methods': 'POST, OPTIONS',
  'Access-Control-Allow-Headers': '*',
  'Access-Control-Expose-Headers': 'retry-after, x-sentry-rate-limits',
};

/** Header line, then per item a header line and its payload (by `length` in bytes, or to the newline). */
export function parseEnvelope(buf) {
  const lineEnd = (from) => {
    const i = buf.indexOf(10, from);
    return i < 0 ? buf.length : i;
  };
  let end = lineEnd(0);
  const header = JSON.parse(buf.subarray(0, end).toString('utf8'));
  const items = [];
  let pos = end + 1;
  while (pos < buf.length) {
    end = lineEnd(pos);
    const line = buf.subarray(pos, end).toString('utf8').trim();
    pos = end + 1;
    if (!line) continue;
    const itemHeader = JSON.parse(line);
    const payloadEnd = typeof itemHeader.length == 'number' ? pos + itemHeader.length : lineEnd(pos);
    const raw = buf.subarray(pos, payloadEnd).toString('utf8');
    pos = payloadEnd + 1;
    let payload;
    try {
      payload = JSON.parse(raw);
    } catch {
      payload = raw; // attachments and the like: not counted
    }
    items.push({ type: itemHeader.type, payload });
  }
  return { header, items };
}

/** What one project (one page or run) received: accepted events, client reports, refused tries. */
export function createRecord() {
  return {
    /** `{ id, message, time }` of every event the ingest answered 2xx to, duplicates included. */
    events: [],
    /** `discarded_events` of every accepted client report, flattened. */
    discarded: [],
    /** Envelope requests answered 503 (connections refused never reach the server). */
    answered503: 0,
    /** Every envelope request that reached the server, whatever the answer. */
    requests: 0,
    /** Item types other than events and client reports, accepted (sessions…). */
    other: {},
  };
}

/**
 * One ingest server. `records` is shared between servers, keyed by project id, so a page's
 * project says which record it fills whichever server it sends to.
 */
export async function startIngest(records) {
  let mode = 'up';
  const server = createServer((req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      if (req.method == 'OPTIONS') return void res.writeHead(204, CORS).end();
      const match = /^\/api\/(\d+)\/envelope\/(\?|$)/.exec(req.url || '');
      if (req.method != 'POST' || !match) return void res.writeHead(404, CORS).end();
      let record = records.get(match[1]);
      if (!record) records.set(match[1], (record = createRecord()));
      record.requests++;
      if (mode == '503') {
        record.answered503++;
        return void res.writeHead(503, CORS).end();
      }
      let envelope;
      try {
        let body = Buffer.concat(chunks);
        if (req.headers['content-encoding'] == 'gzip') body = gunzipSync(body);
        envelope = parseEnvelope(body);
      } catch {
        return void res.writeHead(400, CORS).end('malformed envelope');
      }
      const time = Date.now();
      for (const { type, payload } of envelope.items) {
        if (type == 'event') {
          const values = payload?.exception?.values || [];
          const message = values.length ? values[values.length - 1].value : payload?.message;
          record.events.push({ id: payload?.event_id || envelope.header.event_id, message, time });
        } else if (type == 'client_report') {
          record.discarded.push(...(payload?.discarded_events || []));
        } else {
          record.other[type] = (record.other[type] || 0) + 1;
        }
      }
      res.writeHead(200, { ...CORS, 'Content-Type': 'application/json' }).end(JSON.stringify({ id: envelope.header.event_id }));
    });
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = server.address().port;

  return {
    port,
    get mode() {
      return mode;
    },
    /** `'refuse'`: no listener, every connection refused; `'503'`; `'up'`. */
    async set(next) {
      if (next == mode) return;
      if (mode == 'refuse') await new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, '127.0.0.1', () => (server.off('error', reject), resolve()));
      });
      if (next == 'refuse') {
        // Kept-alive connections would otherwise still carry requests.
        const closed = new Promise((resolve) => server.close(resolve));
        server.closeAllConnections();
        await closed;
      }
      mode = next;
    },
    async close() {
      if (mode == 'refuse') return;
      const closed = new Promise((resolve) => server.close(resolve));
      server.closeAllConnections();
      await closed;
    },
  };
}
