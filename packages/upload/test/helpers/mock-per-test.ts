import { afterEach } from 'vitest';
import { startMockSentry, type MockSentry, type MockSentryOptions } from './mock-sentry';

/**
 * For a test file: a function that starts a mock Sentry for the running test, closed after it.
 * @example const serve = mockSentryPerTest(); const m = await serve({ personality: '20.x' });
 */
export function mockSentryPerTest(): ((options: MockSentryOptions) => Promise<MockSentry>) & { current(): MockSentry | undefined } {
  let mock: MockSentry | undefined;
  afterEach(async () => {
    await mock?.close();
    mock = undefined;
  });
  return Object.assign(async (options: MockSentryOptions) => (mock = await startMockSentry(options)), { current: () => mock });
}
