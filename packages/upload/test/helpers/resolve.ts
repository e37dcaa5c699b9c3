import vm from 'node:vm';
import { SourceMapConsumer } from 'source-map';

/** 1-based line and 0-based column of `needle` in `code`. */
export function locate(code: string, needle: string): { line: number; column: number } {
  const index = code.indexOf(needle);
  if (index < 0) throw new Error(`${needle} not found`);
  const before = code.slice(0, index).split('\n');
  return { line: before.length, column: before[before.length - 1].length };
}

/** Resolves a generated position through a source map, as Sentry does. */
export async function resolvePosition(map: string | Buffer, position: { line: number; column: number }) {
  const consumer = await new SourceMapConsumer(JSON.parse(String(map)));
  try {
    return consumer.originalPositionFor(position);
  } finally {
    consumer.destroy();
  }
}

/**
 * Runs a built script in a fresh context under `url`, as a browser would load it, and returns
 * the context (its globals: `fixtureApp`, `_sentryDebugIds`).
 */
export function runScript(code: string, url: string): vm.Context & Record<string, any> {
  const context = vm.createContext({ console });
  context.self = context;
  // V8's own stack format: without one here, Node formats the context's errors with the test
  // runner's Error.prepareStackTrace, which moves positions through the runner's source maps.
  vm.runInContext('Error.prepareStackTrace = (e, frames) => String(e) + frames.map((f) => "\\n    at " + f).join("")', context);
  vm.runInContext(code, context, { filename: url });
  return context;
}

/** The innermost frame of a V8 stack: `at fn (url:line:col)` -> position (column 0-based). */
export function topFrame(stack: string): { file: string; line: number; column: number } {
  const match = /\n\s+at (?:.*? \()?(.+):(\d+):(\d+)\)?/.exec(stack);
  if (!match) throw new Error(`no frame in ${stack}`);
  return { file: match[1], line: Number(match[2]), column: Number(match[3]) - 1 };
}

/** The stack of what `run` throws (it must throw). */
export function stackOf(run: () => unknown): string {
  try {
    run();
  } catch (e) {
    return (e as Error).stack || '';
  }
  throw new Error('expected a throw');
}
