/** Where an upload's lines go: one per phase (`info`), warnings, and request traces (`debug`). */
export interface Logger {
  info(message: string): void;
  warn(message: string): void;
  debug(message: string): void;
}

/** What a caller's output offers: webpack's infrastructure logger, the console, a CI logger. */
export interface LogSink {
  info(message: string): void;
  warn(message: string): void;
}

/** `silent` drops the progress lines but never warnings; `debug` shows request traces at info level. */
export function createLogger(sink: LogSink, { silent, debug }: { silent: boolean; debug: boolean }): Logger {
  const noop = () => {};
  return {
    info: silent ? noop : (m) => sink.info(m),
    warn: (m) => sink.warn(m),
    debug: debug ? (m) => sink.info(m) : noop,
  };
}

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / 1024 / 1024).toFixed(2)} MB`;
}

export const formatDuration = (ms: number) => (ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(2)} s`);

export const plural = (n: number, word: string) => `${n} ${word}${n == 1 ? '' : 's'}`;

/** Names for a message: the first 20, then how many more. */
export const listNames = (names: readonly string[]) =>
  names.length ? names.slice(0, 20).join(', ') + (names.length > 20 ? `, and ${names.length - 20} more` : '') : 'none';
