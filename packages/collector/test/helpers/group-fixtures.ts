import type { SentryEvent, StackFrame } from '../../src/event';

// One click handler in a Vue 3 shop throwing in `checkout`, as Chrome 120 and Firefox 121 report
// it, after symbolication (original filenames, `in_app` set). Oldest frame first. Chrome names the
// method `Object.checkout` and the inline handler `HTMLButtonElement.<anonymous>`; Firefox says
// `checkout` and ''. Columns differ, and so does the message.
const INDEX = 'https://shop.example/assets/index-4f9c2a.js';
const VENDOR = 'https://shop.example/assets/vendor-8d1e7b.js';
const RUNTIME_DOM = 'node_modules/@vue/runtime-dom/dist/runtime-dom.esm-bundler.js';
const RUNTIME_CORE = 'node_modules/@vue/runtime-core/dist/runtime-core.esm-bundler.js';

export const chromeFrames: StackFrame[] = [
  { function: 'HTMLButtonElement.invoker', filename: RUNTIME_DOM, abs_path: VENDOR, lineno: 702, colno: 13, in_app: false },
  { function: 'callWithAsyncErrorHandling', filename: RUNTIME_CORE, abs_path: VENDOR, lineno: 166, colno: 21, in_app: false },
  { function: 'callWithErrorHandling', filename: RUNTIME_CORE, abs_path: VENDOR, lineno: 158, colno: 18, in_app: false },
  { function: 'HTMLButtonElement.<anonymous>', filename: 'src/components/Cart.vue', abs_path: INDEX, lineno: 41, colno: 9, in_app: true },
  { function: 'Object.checkout', filename: 'src/cart.js', abs_path: INDEX, lineno: 18, colno: 27, in_app: true },
];

export const firefoxFrames: StackFrame[] = [
  { function: 'invoker', filename: RUNTIME_DOM, abs_path: VENDOR, lineno: 702, colno: 10, in_app: false },
  { function: 'callWithAsyncErrorHandling', filename: RUNTIME_CORE, abs_path: VENDOR, lineno: 166, colno: 15, in_app: false },
  { function: 'callWithErrorHandling', filename: RUNTIME_CORE, abs_path: VENDOR, lineno: 158, colno: 12, in_app: false },
  { function: '', filename: 'src/components/Cart.vue', abs_path: INDEX, lineno: 41, colno: 5, in_app: true },
  { function: 'checkout', filename: 'src/cart.js', abs_path: INDEX, lineno: 18, colno: 22, in_app: true },
];

export const CHROME_MESSAGE = "Cannot read properties of undefined (reading 'id')";
export const FIREFOX_MESSAGE = 'can\'t access property "id", cart.user is undefined';

/** An error event whose caught exception has these frames. */
export function errorEvent(frames: StackFrame[], type = 'TypeError', value: string | undefined = CHROME_MESSAGE, extra: Partial<SentryEvent> = {}): SentryEvent {
  return { event_id: 'a'.repeat(32), platform: 'javascript', exception: { values: [{ type, value, stacktrace: { frames } }] }, ...extra };
}

/** The same stack with the throwing frame replaced. */
export const throwingIn = (frames: StackFrame[], top: StackFrame): StackFrame[] => [...frames.slice(0, -1), top];
