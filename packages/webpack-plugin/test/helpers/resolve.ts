import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { locate } from '../../../upload/test/helpers/resolve';
import { FIXTURE_APP } from './build';

// Positions, maps and stacks: shared with @faultline/upload's tests.
export { locate, resolvePosition, runScript, topFrame } from '../../../upload/test/helpers/resolve';

/** Where the fixture's known `throw new Error('boom')` is, in src/cart.js. */
export function knownThrow(): { source: string; line: number } {
  const text = readFileSync(join(FIXTURE_APP, 'src/cart.js'), 'utf8');
  return { source: 'src/cart.js', line: locate(text, "throw new Error('boom')").line };
}

