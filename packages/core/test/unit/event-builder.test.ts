import vm from 'node:vm';
import { describe, expect, it } from 'vitest';
import { eventFromMessage, eventFromUnknown } from '../../src/event-builder';
import type { Event, Exception, StackFrame } from '../../src/types';

const THIS_FILE = /event-builder\.test\.ts$/;
const GENERIC = { type: 'generic', handled: true };

function only(event: Event): Exception {
  expect(event.exception?.values).toHaveLength(1);
  return event.exception!.values[0];
}

function frames(exception: Exception): StackFrame[] {
  return exception.stacktrace?.frames || [];
}

function innermost(exception: Exception): StackFrame {
  const f = frames(exception);
  return f[f.length - 1];
}

// Named, so their frames can be recognised.
function makeBoom(): Error {
  return new Error('boom');
}
function makeSynthetic(): Error {
  return new Error('synthetic');
}

class PaymentError extends Error {
  constructor(message: string, readonly code: number) {
    super(message);
    this.name = 'PaymentError';
  }
}

function button(): HTMLButtonElement {
  const el = document.createElement('button');
  el.id = 'buy';
  el.className = 'primary big';
  el.setAttribute('data-test', 'buy-btn');
  document.body.appendChild(el);
  return el;
}

/** The event a listener receives when `event` is dispatched on `target`. */
function dispatched<E extends globalThis.Event>(target: EventTarget, event: E): E {
  let received: E | undefined;
  target.addEventListener(event.type, (e) => (received = e as E), { once: true });
  target.dispatchEvent(event);
  return received!;
}

describe('eventFromUnknown: errors', () => {
  it('reads an Error: type, value, frames oldest first with the throwing frame last', () => {
    const exception = only(eventFromUnknown(makeBoom()));
    expect(exception.type).toBe('Error');
    expect(exception.value).toBe('boom');
    expect(exception.mechanism).toEqual(GENERIC);
    const last = innermost(exception);
    expect(last.function).toBe('makeBoom');
    expect(last.filename).toMatch(THIS_FILE);
    expect(last.abs_path).toBe(last.filename);
    expect(last.in_app).toBe(true);
    expect(last.lineno).toBeGreaterThan(0);
    expect(last.colno).toBeGreaterThan(0);
    // The caller (this test) is the frame before.
    const f = frames(exception);
    expect(f[f.length - 2].filename).toMatch(THIS_FILE);
  });

  it('reads a TypeError', () => {
    let caught: unknown;
    try {
      (undefined as unknown as { x: () => void }).x();
    } catch (e) {
      caught = e;
    }
    const exception = only(eventFromUnknown(caught));
    expect(exception.type).toBe('TypeError');
    expect(exception.value).toMatch(/Cannot read properties of undefined \(reading 'x'\)/);
    expect(innermost(exception).filename).toMatch(THIS_FILE);
  });

  it('uses the name of a custom error class', () => {
    const exception = only(eventFromUnknown(new PaymentError('card declined', 402)));
    expect(exception.type).toBe('PaymentError');
    expect(exception.value).toBe('card declined');
    expect(frames(exception).length).toBeGreaterThan(0);
  });

  it('reads an error from another realm (iframe), which fails instanceof Error', () => {
    const foreign = vm.runInNewContext('new RangeError("out of range")') as Error;
    expect(foreign instanceof Error).toBe(false);
    const event = eventFromUnknown(foreign);
    const exception = only(event);
    expect(exception.type).toBe('RangeError');
    expect(exception.value).toBe('out of range');
    expect(event.extra).toBeUndefined();
  });

  it('reads an object tagged [object Error] as an error', () => {
    const tagged = { [Symbol.toStringTag]: 'Error', name: 'QuotaError', message: 'quota exceeded', stack: 'QuotaError: quota exceeded\n    at save (https://app.example.com/app.js:3:9)' };
    expect(Object.prototype.toString.call(tagged)).toBe('[object Error]');
    const exception = only(eventFromUnknown(tagged));
    expect(exception).toEqual({
      type: 'QuotaError',
      value: 'quota exceeded',
      stacktrace: {
        frames: [{ filename: 'https://app.example.com/app.js', abs_path: 'https://app.example.com/app.js', function: 'save', lineno: 3, colno: 9, in_app: true }],
      },
      mechanism: GENERIC,
    });
  });

  it('reads a DOMException by its name', () => {
    const exception = only(eventFromUnknown(new DOMException('The node was not found', 'NotFoundError')));
    expect(exception.type).toBe('NotFoundError');
    expect(exception.value).toBe('The node was not found');
  });

  it('reads the error an ErrorEvent carries', () => {
    const error = new TypeError('x is not a function');
    const event = new ErrorEvent('error', { error, message: 'Uncaught TypeError: x is not a function', filename: 'https://app.example.com/app.js', lineno: 1, colno: 2 });
    const exception = only(eventFromUnknown(event));
    expect(exception.type).toBe('TypeError');
    expect(exception.value).toBe('x is not a function');
    expect(innermost(exception).filename).toMatch(THIS_FILE);
  });

  it('reads an ErrorEvent without an error from its message and location', () => {
    const event = new ErrorEvent('error', { message: 'Uncaught ReferenceError: foo is not defined', filename: 'https://app.example.com/app.js', lineno: 10, colno: 5 });
    expect(eventFromUnknown(event, { mechanism: { type: 'onerror', handled: false } })).toEqual({
      exception: {
        values: [
          {
            type: 'Error',
            value: 'Uncaught ReferenceError: foo is not defined',
            stacktrace: {
              frames: [{ filename: 'https://app.example.com/app.js', abs_path: 'https://app.example.com/app.js', function: '?', lineno: 10, colno: 5, in_app: true }],
            },
            mechanism: { type: 'onerror', handled: false },
          },
        ],
      },
    });
  });

  it('reads an ErrorEvent without error nor filename as a message only', () => {
    const exception = only(eventFromUnknown(new ErrorEvent('error', { message: 'Script error.' })));
    expect(exception).toEqual({ type: 'Error', value: 'Script error.', mechanism: GENERIC });
  });
});

describe('eventFromUnknown: events', () => {
  it('describes a plain Event by its type and target element', () => {
    const received = dispatched(button(), new Event('click'));
    const event = eventFromUnknown(received);
    expect(only(event)).toEqual({ type: 'Event', value: '"click" event on button#buy.primary.big[data-test="buy-btn"]', mechanism: GENERIC });
    expect(JSON.stringify(event)).not.toContain('[object Event]');
  });

  it('describes an image load error event', () => {
    const img = document.createElement('img');
    img.id = 'logo';
    const exception = only(eventFromUnknown(dispatched(img, new Event('error'))));
    expect(exception.type).toBe('Event');
    expect(exception.value).toBe('"error" event on img#logo');
  });

  it('describes a CustomEvent by its class and type', () => {
    const custom = new CustomEvent('app:fail', { detail: { code: 7 } });
    expect(only(eventFromUnknown(custom))).toEqual({ type: 'CustomEvent', value: '"app:fail" event', mechanism: GENERIC });
  });

  it('describes an event dispatched on window without "on"', () => {
    const exception = only(eventFromUnknown(dispatched(window, new Event('offline'))));
    expect(exception.value).toBe('"offline" event');
  });
});

describe('eventFromUnknown: other thrown values', () => {
  it.each([
    ['a string', 'something failed', 'Error', 'something failed'],
    ['a number', 42, 'Number', '42'],
    ['NaN', NaN, 'Number', 'NaN'],
    ['a boolean', false, 'Boolean', 'false'],
    ['a bigint', 10n, 'BigInt', '10n'],
    ['a symbol', Symbol('s'), 'Symbol', 'Symbol(s)'],
    ['null', null, 'Null', 'null'],
    ['undefined', undefined, 'Undefined', 'undefined'],
  ])('reads %s', (_what, value, type, text) => {
    const event = eventFromUnknown(value);
    expect(event).toEqual({ exception: { values: [{ type, value: text, mechanism: GENERIC }] } });
  });

  it('summarises a plain object by its keys and keeps it in extra.__serialized__', () => {
    const event = eventFromUnknown({ status: 404, url: '/api/cart', body: { error: 'not found' } });
    expect(only(event)).toEqual({ type: 'Object', value: 'Object with keys: body, status, url', mechanism: GENERIC });
    expect(event.extra).toEqual({ __serialized__: { status: 404, url: '/api/cart', body: { error: 'not found' } } });
  });

  it('names a class instance by its class', () => {
    class Rejection {
      reason = 'timeout';
    }
    const event = eventFromUnknown(new Rejection());
    expect(only(event).type).toBe('Rejection');
    expect(only(event).value).toBe('Rejection with keys: reason');
    expect(event.extra).toEqual({ __serialized__: { reason: 'timeout' } });
  });

  it('reads an object with a message like an error', () => {
    const event = eventFromUnknown({ message: 'Request failed', status: 500 });
    expect(only(event)).toEqual({ type: 'Object', value: 'Request failed', mechanism: GENERIC });
    expect(event.extra).toEqual({ __serialized__: { message: 'Request failed', status: 500 } });
    expect(only(eventFromUnknown({ name: 'HttpError', message: 'Bad gateway' })).type).toBe('HttpError');
  });

  it('reads a circular object without throwing', () => {
    const obj: Record<string, unknown> = { name: 'loop' };
    obj.self = obj;
    let event: Event | undefined;
    expect(() => (event = eventFromUnknown(obj))).not.toThrow();
    expect(only(event!).value).toBe('Object with keys: name, self');
    expect(event!.extra).toEqual({ __serialized__: { name: 'loop', self: '[Circular ~]' } });
    expect(() => JSON.stringify(event)).not.toThrow();
  });

  it('bounds extra.__serialized__ to the given depth', () => {
    const event = eventFromUnknown({ a: { b: { c: { d: 1 } } } }, {}, undefined, 2);
    expect(event.extra).toEqual({ __serialized__: { a: { b: '[Object]' } } });
  });

  it('reads a function by its name', () => {
    const event = eventFromUnknown(function onCheckout() {});
    expect(only(event)).toEqual({ type: 'Function', value: '[Function: onCheckout]', mechanism: GENERIC });
  });
});

describe('eventFromUnknown: mechanism and synthetic stacks', () => {
  it("defaults the mechanism to { type: 'generic', handled: true }", () => {
    expect(only(eventFromUnknown(makeBoom())).mechanism).toEqual({ type: 'generic', handled: true });
  });

  it('takes the mechanism of the hint', () => {
    const hint = { mechanism: { type: 'onunhandledrejection', handled: false, data: { source: 'promise' } } };
    expect(only(eventFromUnknown(makeBoom(), hint)).mechanism).toEqual({ type: 'onunhandledrejection', handled: false, data: { source: 'promise' } });
    expect(only(eventFromUnknown(makeBoom(), { mechanism: { handled: false } })).mechanism).toEqual({ type: 'generic', handled: false });
  });

  it('uses the synthetic stack, marked synthetic, for a value without one', () => {
    const exception = only(eventFromUnknown('plain string', { syntheticException: makeSynthetic() }));
    expect(exception.mechanism).toEqual({ type: 'generic', handled: true, synthetic: true });
    expect(innermost(exception).function).toBe('makeSynthetic');
    expect(innermost(exception).filename).toMatch(THIS_FILE);
  });

  it('uses the synthetic stack for an error whose stack is missing', () => {
    const error = new Error('no stack');
    error.stack = undefined;
    const exception = only(eventFromUnknown(error, { syntheticException: makeSynthetic() }));
    expect(exception.type).toBe('Error');
    expect(exception.value).toBe('no stack');
    expect(exception.mechanism).toEqual({ type: 'generic', handled: true, synthetic: true });
    expect(innermost(exception).function).toBe('makeSynthetic');
  });

  it("keeps the error's own stack over a synthetic one", () => {
    const exception = only(eventFromUnknown(makeBoom(), { syntheticException: makeSynthetic() }));
    expect(exception.mechanism).toEqual(GENERIC);
    expect(innermost(exception).function).toBe('makeBoom');
  });

  it('has no stacktrace without a stack nor a synthetic one', () => {
    const exception = only(eventFromUnknown('plain string'));
    expect(exception).not.toHaveProperty('stacktrace');
    expect(exception.mechanism).toEqual(GENERIC);
  });

  it('keeps a synthetic stack off an ErrorEvent that has its own location', () => {
    const event = new ErrorEvent('error', { message: 'oops', filename: 'https://app.example.com/a.js', lineno: 1, colno: 1 });
    const exception = only(eventFromUnknown(event, { syntheticException: makeSynthetic() }));
    expect(frames(exception)).toHaveLength(1);
    expect(exception.mechanism).toEqual(GENERIC);
  });
});

describe('eventFromMessage', () => {
  it('makes a message event at the level given', () => {
    expect(eventFromMessage('Checkout failed', 'warning')).toEqual({ level: 'warning', logentry: { formatted: 'Checkout failed' } });
  });

  it('attaches no stack unless attachStacktrace', () => {
    expect(eventFromMessage('m', 'info', { syntheticException: makeSynthetic() })).toEqual({ level: 'info', logentry: { formatted: 'm' } });
    expect(eventFromMessage('m', 'info', {}, true)).toEqual({ level: 'info', logentry: { formatted: 'm' } });
  });

  it('attaches the synthetic stack with attachStacktrace', () => {
    const event = eventFromMessage('Checkout failed', 'error', { syntheticException: makeSynthetic() }, true);
    expect(event.logentry).toEqual({ formatted: 'Checkout failed' });
    const exception = only(event);
    expect(exception.value).toBe('Checkout failed');
    expect(exception.mechanism).toEqual({ type: 'generic', handled: true, synthetic: true });
    expect(innermost(exception).function).toBe('makeSynthetic');
  });
});

describe('eventFromUnknown: what counts as an error', () => {
  it('does not take an object with only name and message for an error (it is serialised too)', () => {
    const event = eventFromUnknown({ name: 'Error', message: 'x' });
    expect(only(event)).toEqual({ type: 'Error', value: 'x', mechanism: GENERIC });
    expect(event.extra).toEqual({ __serialized__: { name: 'Error', message: 'x' } });
  });

  it('does not take an error event without error for an error', () => {
    expect(only(eventFromUnknown(new Event('error'))).type).toBe('Event');
  });
});
