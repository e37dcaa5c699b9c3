import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { SentryEvent, StackFrame } from '../../src/event';
import { groupEvent } from '../../src/group';

// Values of any JSON type where the event has strings, objects or lists: events come off the network.
const anyJson = fc.jsonValue({ maxDepth: 2 });
const text = fc.oneof(fc.string(), fc.constantFrom('?', '<anonymous>', 'Object.checkout', 'src/cart.js', 'https://x.io/a.js', '[native code]', 'eval', '{{ default }}'));
const loose = <T>(arb: fc.Arbitrary<T>) => fc.oneof({ weight: 4, arbitrary: arb }, { weight: 1, arbitrary: anyJson });
const frame = fc.record(
  { filename: loose(text), abs_path: loose(text), module: loose(text), function: loose(text), lineno: loose(fc.integer()), colno: loose(fc.integer()), in_app: loose(fc.boolean()) },
  { requiredKeys: [] },
);
const stacktrace = loose(fc.record({ frames: loose(fc.array(loose(frame), { maxLength: 6 })) }, { requiredKeys: [] }));
const exceptionValue = fc.record(
  { type: loose(text), value: loose(text), stacktrace, mechanism: loose(fc.record({ synthetic: loose(fc.boolean()) }, { requiredKeys: [] })) },
  { requiredKeys: [] },
);
const event = fc.record(
  {
    event_id: fc.string(),
    exception: loose(fc.record({ values: loose(fc.array(loose(exceptionValue), { maxLength: 3 })) }, { requiredKeys: [] })),
    stacktrace,
    message: loose(text),
    logentry: loose(fc.record({ message: loose(text), formatted: loose(text) }, { requiredKeys: [] })),
    fingerprint: loose(fc.array(loose(text), { maxLength: 3 })),
    request: loose(fc.record({ url: loose(text) }, { requiredKeys: [] })),
  },
  { requiredKeys: [] },
) as fc.Arbitrary<SentryEvent>;

describe('groupEvent properties', () => {
  it('never throws on JSON-ish events and always gives 32 hex chars and string names', () => {
    fc.assert(
      fc.property(fc.oneof(event, anyJson as fc.Arbitrary<never>), (e) => {
        const g = groupEvent(e);
        expect(g.hash).toMatch(/^[0-9a-f]{32}$/);
        expect(typeof g.title).toBe('string');
        expect(Array.from(g.culprit).length).toBeLessThanOrEqual(200);
        expect(JSON.parse(JSON.stringify(g.metadata))).toEqual(g.metadata);
      }),
      { numRuns: 1000 },
    );
  });

  it('gives the same hash whatever the line and column numbers', () => {
    const site = fc.record({
      filename: fc.constantFrom('src/cart.js', 'src/components/Cart.vue', 'node_modules/vue/dist/vue.js', '<anonymous>'),
      function: fc.constantFrom('checkout', 'Object.checkout', '', '?', 'walk', 'eval'),
      in_app: fc.option(fc.boolean(), { nil: undefined }),
    });
    const lines = fc.record({ lineno: fc.option(fc.nat(), { nil: undefined }), colno: fc.option(fc.nat(), { nil: undefined }) });
    fc.assert(
      fc.property(fc.array(fc.tuple(site, lines, lines), { maxLength: 8 }), fc.string(), (frames, value) => {
        const withLines = (pick: 1 | 2): SentryEvent => ({
          event_id: 'a',
          exception: { values: [{ type: 'Error', value, stacktrace: { frames: frames.map((f) => ({ ...f[0], ...f[pick] }) as StackFrame) } }] },
        });
        expect(groupEvent(withLines(2)).hash).toBe(groupEvent(withLines(1)).hash);
      }),
      { numRuns: 500 },
    );
  });
});
