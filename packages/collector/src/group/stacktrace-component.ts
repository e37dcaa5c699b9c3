import type { StackFrame } from '../event';
import { frameComponent, isUrl, type FrameComponent } from './frame-component';
import { asString, isInApp } from './safe-read';

/**
 * 'app' hashes only in-app frames, so library frames (node_modules, the framework's event loop)
 * can change without splitting an issue; 'system' hashes all frames and is used only when no
 * in-app frame contributes (an event whose frames have no `in_app` set, or all library code).
 */
export type Variant = 'app' | 'system';

/** The contributing frames of one stack trace, oldest first. */
export function stacktraceComponent(frames: StackFrame[], variant: Variant): FrameComponent[] {
  // Sentry: a lone frame with no function, pointing at a URL, is too weak to group on.
  if (frames.length === 1 && !asString(frames[0].function) && isUrl(asString(frames[0].abs_path))) return [];
  const components: FrameComponent[] = [];
  let previous: StackFrame | undefined;
  for (const frame of frames) {
    // Recursion: repeats of the frame just below count once, so the depth does not split issues.
    const repeated = previous !== undefined && isSameCall(previous, frame);
    previous = frame;
    if (repeated || (variant === 'app' && !isInApp(frame))) continue;
    const component = frameComponent(frame);
    if (component) components.push(component);
  }
  return components;
}

// Sentry also compares line and column; we don't, so that line numbers never affect the hash.
const isSameCall = (a: StackFrame, b: StackFrame): boolean =>
  a.abs_path === b.abs_path && a.module === b.module && a.filename === b.filename && a.function === b.function;
