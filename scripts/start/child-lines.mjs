// Passes a child's output on line by line, each line prefixed with the child's name.
import { createInterface } from 'node:readline';

/** Calls `onLine(line)` for every line of `stream`; returns a promise resolving when it ends. */
export function eachLine(stream, onLine) {
  const lines = createInterface({ input: stream, crlfDelay: Infinity });
  lines.on('line', onLine);
  return new Promise((done) => lines.once('close', done));
}
