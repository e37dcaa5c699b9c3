// faultline.min.js's stand-in for ../integrations/sessions.ts: the lean CDN bundle sends no
// sessions (said under `debug: true` with the retry queue's line, ./offline.ts).
// faultline.full.min.js and the npm package send them.
import type { Integration } from '../types';

export const sessionsIntegration = (): Integration => ({ name: 'Sessions' });
