/**
 * Debug output. Takes console.warn when the module loads, before any console instrumentation
 * wraps it, so the SDK's own explanations are never captured as breadcrumbs or events.
 */
const original = typeof console != 'undefined' ? console.warn : undefined;

export function createLogger(enabled: boolean): (message: string) => void {
  return (message) => {
    if (enabled && original) {
      try {
        original.call(console, `[Faultline] ${message}`);
      } catch {
        // a broken console must not break the SDK
      }
    }
  };
}
