import { describe, expect, it } from 'vitest';
import { baggage, mergeBaggage, sentryTrace, shouldPropagate } from '../../src/propagation';

const info = {
  traceId: 'a'.repeat(32),
  spanId: 'b'.repeat(16),
  sampled: true,
  rate: 0.3,
  publicKey: 'pk',
  release: 'shop@1.0 beta',
  environment: 'production',
};

describe('trace headers', () => {
  it('sentry-trace is <trace>-<span>-<1|0>', () => {
    expect(sentryTrace(info)).toBe(`${'a'.repeat(32)}-${'b'.repeat(16)}-1`);
    expect(sentryTrace({ ...info, sampled: false })).toBe(`${'a'.repeat(32)}-${'b'.repeat(16)}-0`);
  });

  it("baggage carries Sentry's dynamic sampling context, values encoded, empty ones left out", () => {
    expect(baggage(info)).toBe(
      `sentry-trace_id=${'a'.repeat(
        32
      )},sentry-public_key=pk,sentry-release=shop%401.0%20beta,sentry-environment=production,sentry-sample_rate=0.3,sentry-sampled=true`
    );
    expect(baggage({ ...info, release: undefined, publicKey: undefined })).toBe(
      `sentry-trace_id=${'a'.repeat(32)},sentry-environment=production,sentry-sample_rate=0.3,sentry-sampled=true`
    );
  });

  it("keeps the page's own baggage entries, ours after them", () => {
    expect(mergeBaggage('team=a', 'sentry-trace_id=new')).toBe('team=a,sentry-trace_id=new');
    expect(mergeBaggage(null, 'sentry-x=1')).toBe('sentry-x=1');
  });
});

describe('shouldPropagate', () => {
  // jsdom's page is http://localhost:3000/ (vitest's default).
  it('without targets: same origin only, relative URLs included', () => {
    expect(location.origin).toBe('http://localhost:3000');
    expect(shouldPropagate('/api/cart', undefined)).toBe(true);
    expect(shouldPropagate('http://localhost:3000/x', undefined)).toBe(true);
    expect(shouldPropagate('http://localhost:3001/x', undefined)).toBe(false);
    expect(shouldPropagate('https://api.example.com/x', undefined)).toBe(false);
  });

  it('with targets: substrings and patterns of the absolute URL, and nothing else', () => {
    const targets = ['api.example.com', /^http:\/\/localhost:3000\/api\//];
    expect(shouldPropagate('https://api.example.com/x', targets)).toBe(true);
    expect(shouldPropagate('/api/cart', targets)).toBe(true);
    expect(shouldPropagate('/other', targets)).toBe(false);
    expect(shouldPropagate('/anything', [])).toBe(false);
  });
});
