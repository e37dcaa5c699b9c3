// faultline.min.js's stand-in for ../offline.ts: the lean CDN bundle has no retry queue, so what
// fails is dropped and counted as with `offline: false`. faultline.full.min.js and the npm
// package have the queue (and sessions: see ./sessions.ts).
import type { ClientLike } from '../types';

export const enableRetryQueue = (client: ClientLike): void => client.log('faultline.min.js: no retry queue, no sessions');
