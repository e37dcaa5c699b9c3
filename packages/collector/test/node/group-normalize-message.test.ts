import { describe, expect, it } from 'vitest';
import { normalizeMessage } from '../../src/group/normalize-message';

describe('normalizeMessage (Sentry normalize_message_for_grouping)', () => {
  it.each([
    ['Cannot read x of item 42', 'Cannot read x of item <int>'],
    ['Timeout after -3 retries, 1.5 s', 'Timeout after <int> retries, <float> s'],
    ['GET https://api.shop.example/orders/4711?x=1 failed', 'GET <url> failed'],
    ['Order 0f3a2b1c-9d8e-4f7a-8b6c-5d4e3f2a1b0c', 'Order <uuid>'],
    ['Doc 507f1f77bcf86cd799439011 missing', 'Doc <hex> missing'],
    ['Pointer 0x1F2E bad', 'Pointer <hex> bad'],
    ['Word deadbeef and 12345678 stay apart', 'Word deadbeef and <int> stay apart'],
    ['Commit 356a192b7913b04c54574d18c28d46e6395428ab', 'Commit <sha1>'],
    ['Token d41d8cd98f00b204e9800998ecf8427e', 'Token <md5>'],
    ['Mail ann@shop.example bounced', 'Mail <email> bounced'],
    ['Host 10.0.0.12 and fe80::1 down', 'Host <ip> and <ip> down'],
    ['At 2026-12-01T10:00:00.123Z', 'At <date>'],
    ["Filter status='open now'", 'Filter status=<quoted_str>'],
    ["Cannot read properties of undefined (reading 'id')", "Cannot read properties of undefined (reading 'id')"],
    ['Cart::checkout item42 v8', 'Cart::checkout item42 v8'],
    ['first\n\nsecond\nthird', 'first\nsecond...'],
  ])('%j → %j', (input, output) => expect(normalizeMessage(input)).toBe(output));

  it('stays fast on a huge value', () => {
    const started = performance.now();
    normalizeMessage('a'.repeat(1_000_000));
    expect(performance.now() - started).toBeLessThan(1000);
  });
});
