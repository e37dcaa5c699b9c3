/** Where the plugin's lines go: one per phase (`info`), warnings, and request traces (`debug`). */
export interface Logger {
  info(message: string): void;
  warn(message: string): void;
  debug(message: string): void;
}

interface Sink {
  info(message: string): void;
  warn(message: string): void;
}

/**
 * Wraps webpack's infrastructure logger (so `infrastructureLogging` applies): `silent` drops the
 * progress lines but never warnings; `debug` shows request traces at info level.
 */
export function createLogger(sink: Sink, { silent, debug }: { silent: boolean; debug: boolean }): Logger {
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
