import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { byteLength, sdkEnvelope, serializeEnvelope } from '../../src/envelope';
import { parseEnvelope } from '../helpers/envelope';

const NOW = new Date('2024-05-06T07:08:09.123Z');
const SDK = { name: 'faultline.javascript.browser', version: '0.1.0', integrations: ['Dedupe'] };
const ID = '0123456789abcdef0123456789abcdef';

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(NOW);
});
afterEach(() => {
  vi.useRealTimers();
});

describe('byteLength', () => {
  it('counts UTF-8 bytes, not UTF-16 code units', () => {
    expect(byteLength('abc')).toBe(3);
    expect(byteLength('ü')).toBe(2);
    expect(byteLength('日本')).toBe(6);
    expect(byteLength('🎉')).toBe(4); // '🎉'.length is 2
    expect(byteLength('ü 日本 🎉')).toBe(14);
  });
});

describe('serializeEnvelope', () => {
  it('writes the header line, then per item a header with the payload byte length and the payload', () => {
    const body = serializeEnvelope({ event_id: ID }, [['event', { message: 'hi' }]]);
    expect(body).toBe(`{"event_id":"${ID}"}\n{"type":"event","length":16}\n{"message":"hi"}`);
  });

  it('uses a string payload as it is', () => {
    expect(serializeEnvelope({}, [['event', '{"a":1}']])).toBe('{}\n{"type":"event","length":7}\n{"a":1}');
  });

  it('gives non-ASCII payloads their UTF-8 byte length, so a server reading bytes gets the whole payload', () => {
    const text = 'ü 日本 🎉';
    const payload = { message: text };
    const json = JSON.stringify(payload);
    const body = serializeEnvelope({ event_id: ID }, [
      ['event', payload],
      ['attachment', { note: `${text} ${text}` }],
    ]);
    const lines = body.split('\n');
    const itemHeader = JSON.parse(lines[1]) as { length: number };
    expect(itemHeader.length).toBe(new TextEncoder().encode(json).length);
    expect(itemHeader.length).toBe(json.length + 7); // ü +1, 日本 +4, 🎉 +2
    expect(itemHeader.length).not.toBe(json.length);

    const parsed = parseEnvelope(body);
    expect(parsed.header).toEqual({ event_id: ID });
    expect(parsed.items).toEqual([
      { header: { type: 'event', length: itemHeader.length }, payload: { message: text } },
      { header: { type: 'attachment', length: byteLength(JSON.stringify({ note: `${text} ${text}` })) }, payload: { note: `${text} ${text}` } },
    ]);
  });

  it('would break a byte-reading server if lengths were string lengths (sanity check of the parser)', () => {
    const json = JSON.stringify({ m: '日本' });
    const wrong = `{}\n{"type":"event","length":${json.length}}\n${json}\n{"type":"event","length":2}\n{}`;
    expect(() => parseEnvelope(wrong)).toThrow();
  });
});

describe('sdkEnvelope', () => {
  it('has event_id, sent_at and the sdk name and version in its header, and one event item', () => {
    const eventJson = JSON.stringify({ event_id: ID, message: 'ü 日本 🎉' });
    const body = sdkEnvelope([['event', eventJson]], SDK, undefined, ID);
    const parsed = parseEnvelope(body);
    expect(parsed.header).toEqual({
      event_id: ID,
      sent_at: '2024-05-06T07:08:09.123Z',
      sdk: { name: 'faultline.javascript.browser', version: '0.1.0' },
    });
    expect(parsed.items).toEqual([{ header: { type: 'event', length: byteLength(eventJson) }, payload: { event_id: ID, message: 'ü 日本 🎉' } }]);
    // The payload is the given JSON, byte for byte.
    expect(body.endsWith(`\n${eventJson}`)).toBe(true);
  });

  it('puts the dsn in the header only when given (tunnels)', () => {
    expect(parseEnvelope(sdkEnvelope([['event', '{}']], SDK, undefined, ID)).header).not.toHaveProperty('dsn');
    expect(parseEnvelope(sdkEnvelope([['event', '{}']], SDK, 'https://k@h.io/5', ID)).header.dsn).toBe('https://k@h.io/5');
  });

  it('is exactly three lines (nothing but the event travels with it)', () => {
    expect(sdkEnvelope([['event', '{"a":"line\\nbreak"}']], SDK, undefined, ID).split('\n')).toHaveLength(3);
  });
});
