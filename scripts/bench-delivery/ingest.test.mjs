// The ingest must be down exactly as the table says (refused, or 503) and count what it accepts
// by event_id, duplicates included: the benchmark's figures are only as true as this.
import { afterEach, describe, expect, it } from 'vitest';
import { parseEnvelope, startIngest } from './ingest.mjs';

const envelope = (id, message) => {
  const payload = JSON.stringify({ event_id: id, exception: { values: [{ type: 'Error', value: message }] } });
  return `{"event_id":"${id}"}\n{"type":"event","length":${Buffer.byteLength(payload)}}\n${payload}\n`;
};
const post = (ingest, body, project = 7) =>
  fetch(`http://127.0.0.1:${ingest.port}/api/${project}/envelope/?sentry_key=k`, { method: 'POST', body }).then(
    (r) => r.status,
    (e) => e.cause?.code,
  );

let ingest;
afterEach(() => ingest?.close());

describe('bench ingest', () => {
  it('records accepted events per project, each arrival of an event_id', async () => {
    const records = new Map();
    ingest = await startIngest(records);
    expect(await post(ingest, envelope('a1', 'outage 1'))).toBe(200);
    expect(await post(ingest, envelope('a1', 'outage 1'))).toBe(200);
    expect(await post(ingest, envelope('b2', 'outage 2'), 8)).toBe(200);
    expect(records.get('7').events.map((e) => [e.id, e.message])).toEqual([['a1', 'outage 1'], ['a1', 'outage 1']]);
    expect(records.get('8').events.map((e) => e.id)).toEqual(['b2']);
  });

  it('refuses connections while down, answers 503 in 503 mode, and accepts again on the same port once up', async () => {
    const records = new Map();
    ingest = await startIngest(records);
    const port = ingest.port;
    await ingest.set('refuse');
    expect(await post(ingest, envelope('c3', 'refused'))).toBe('ECONNREFUSED');
    await ingest.set('503');
    expect(await post(ingest, envelope('c3', 'answered 503'))).toBe(503);
    expect(records.get('7')).toMatchObject({ events: [], answered503: 1, requests: 1 });
    await ingest.set('up');
    expect(ingest.port).toBe(port);
    expect(await post(ingest, envelope('c3', 'after'))).toBe(200);
    expect(records.get('7').events.map((e) => e.message)).toEqual(['after']);
  });

  it('counts client reports and reads item lengths in UTF-8 bytes', async () => {
    const report = JSON.stringify({ discarded_events: [{ reason: 'event_processor', category: 'error', quantity: 900 }] });
    const event = JSON.stringify({ event_id: 'd4', message: 'ünïcödé' });
    const body = `{}\n{"type":"event","length":${Buffer.byteLength(event)}}\n${event}\n{"type":"client_report"}\n${report}\n`;
    expect(parseEnvelope(Buffer.from(body)).items.map((i) => i.type)).toEqual(['event', 'client_report']);
    const records = new Map();
    ingest = await startIngest(records);
    expect(await post(ingest, body)).toBe(200);
    expect(records.get('7').events.map((e) => e.message)).toEqual(['ünïcödé']);
    expect(records.get('7').discarded).toEqual([{ reason: 'event_processor', category: 'error', quantity: 900 }]);
  });
});
