import { fanout } from './fanout';

/** How long typing into one element counts as one input. */
const INPUT_DEBOUNCE_MS = 1000;

/**
 * Reports clicks, and typing (once per element per burst): in the capture phase on the
 * document, so handlers that stop propagation do not hide them.
 */
export const onDomEvent = fanout<[kind: 'click' | 'input', target: EventTarget | null]>((emit) => {
  let lastTarget: EventTarget | null = null;
  let lastTime = 0;
  document.addEventListener('click', (event) => emit('click', event.target), true);
  document.addEventListener(
    'input',
    (event) => {
      const t = Date.now();
      if (event.target != lastTarget || t - lastTime > INPUT_DEBOUNCE_MS) emit('input', event.target);
      lastTarget = event.target;
      lastTime = t;
    },
    true,
  );
});
