import type { SentryEvent, StackFrame } from '../../src/event';
import { buildApp, throwInV8 } from './esbuild-app';

// A small shop, minified by esbuild: the app calls a dependency that calls back into the app,
// which throws on a known line. Frames, oldest first: start, checkout, each (node_modules), the callback.
export const CART = `import { each } from 'tiny-each';

// Totals a cart; throws once the total passes 100.
export function checkout(cart) {
  let total = 0;
  each(cart.items, function visit(item) {
    total += item.price;
    if (total > 100) {
      throw new Error('boom');
    }
  });
  return total;
}
`;
export const MAIN = `import { checkout } from './cart.js';

export function start(cart) {
  return checkout(cart) * 2;
}
globalThis.start = start;
`;
export const EACH = `export function each(list, fn) {
  for (let i = 0; i < list.length; i++) fn(list[i], i);
}
`;
export const SHOP_FILES = { 'src/main.js': MAIN, 'src/cart.js': CART, 'node_modules/tiny-each/index.js': EACH };
export const THROW_LINE = CART.split('\n').indexOf("      throw new Error('boom');") + 1;
export const THROW_COLUMN = "      throw new Error('boom');".indexOf('new Error') + 1;

export const SHOP = buildApp(SHOP_FILES, 'src/main.js');
export const SHOP_URL = 'https://shop.example/static/js/app.js';
export const RELEASE = 'shop@1.4.2';

/** The real V8 frames of the shop's error, loaded from `url`. */
export const shopFrames = (url = SHOP_URL, code = SHOP.code): StackFrame[] => throwInV8(code, url, 'start', { items: [{ price: 60 }, { price: 70 }] });

/** An error event carrying `frames`, for release RELEASE unless `extra` says otherwise. */
export function errorEvent(frames: StackFrame[], extra: Partial<SentryEvent> = {}): SentryEvent {
  return {
    event_id: 'e'.repeat(32),
    platform: 'javascript',
    release: RELEASE,
    exception: { values: [{ type: 'Error', value: 'boom', stacktrace: { frames: structuredClone(frames) } }] },
    ...extra,
  };
}

export const framesOf = (event: SentryEvent, i = 0): StackFrame[] => event.exception!.values![i].stacktrace!.frames!;
export const topFrame = (event: SentryEvent): StackFrame => framesOf(event).at(-1)!;
