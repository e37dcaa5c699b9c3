// The script-tag bundles' stand-in for ../transport/xhr.ts. They are ES2020 (optional chaining,
// `??`), and every browser that parses them has fetch, so they send with fetch alone; the XHR
// transport (for bundler builds targeting older browsers) stays in the npm package. A send
// through this stand-in is dropped and counted (`internal_sdk_error`), never silent.
import { DEBUG } from '../debug-build';
import type { Transport } from '../types';

export const makeXhrTransport = (): Transport => ({
  send() {
    throw new Error(DEBUG ? 'no XHR transport in the script-tag bundle: use the default fetch transport' : 'no XHR');
  },
});
