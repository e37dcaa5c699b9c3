import type { ExceptionValue } from '../event';
import { framesOf, isSynthetic } from './event-parts';
import type { FrameComponent } from './frame-component';
import { normalizeMessage } from './normalize-message';
import { asString } from './safe-read';
import { stacktraceComponent, type Variant } from './stacktrace-component';

/** What one exception of the chain adds to the hash. */
export type ExceptionComponent = [type: string | null, value: string | null, frames: FrameComponent[]];

/**
 * The contributing exceptions of the chain, in the event's order (cause first). Per exception:
 * its frames and type; its value (normalised) only when none of its frames contributes, since
 * the value carries ids and differs between browsers ("Cannot read properties of undefined" vs
 * "can't access property") while the stack does not. A synthetic exception's type is made up.
 */
export function exceptionComponents(values: ExceptionValue[], variant: Variant): ExceptionComponent[] {
  const components: ExceptionComponent[] = [];
  for (const exception of values) {
    const frames = stacktraceComponent(framesOf(exception.stacktrace), variant);
    const type = (!isSynthetic(exception) && asString(exception.type)) || null;
    const rawValue = asString(exception.value);
    const value = !frames.length && rawValue?.trim() ? normalizeMessage(rawValue) : null;
    if (type || value || frames.length) components.push([type, value, frames]);
  }
  return components;
}

export const hasFrames = (chain: ExceptionComponent[]): boolean => chain.some(([, , frames]) => frames.length > 0);
