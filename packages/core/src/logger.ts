import { originalConsole } from './instrument/console';

/**
 * Debug output, through console.warn as it was before the SDK wrapped it, so the SDK's own
 * explanations are never captured as breadcrumbs or events.
 */
export function createLogger(enabled: boolean): (message: string) => void {
  return (message) => {
    if (enabled) {
      try {
        (originalConsole.warn || console.warn).call(console, `[Faultline] ${message}`);
      } catch {
        // a broken console must not break the SDK
      }
    }
  };
}
