import { consoleLevel, formatConsoleArgs } from '../console-format';
import type { ConsoleLevel } from '../instrument/console';
import { onConsole } from '../instrument/console';
import { isError } from '../normalize';
import type { Integration } from '../types';

export interface CaptureConsoleOptions {
  /** Console methods whose calls become events. @default ['error'] */
  levels?: ConsoleLevel[];
}

/**
 * Turns console calls into events: the message as the console formats it, or, when an
 * argument is an Error, that error with its stack. The console still prints as before.
 * `init({ captureConsole: { levels } })` sets the levels; `captureConsole: false` turns it off.
 */
export const captureConsoleIntegration = (options: CaptureConsoleOptions = {}): Integration => ({
  name: 'CaptureConsole',
  setup(client) {
    const fromInit = client.getOptions().captureConsole;
    if (fromInit === false) return;
    const levels = options.levels || (fromInit?.levels) || ['error'];
    return onConsole((method, args) => {
      if (!levels.includes(method)) return;
      const level = consoleLevel(method);
      const hint = { mechanism: { type: 'console', handled: false }, captureContext: { level, extra: { arguments: args } } };
      const error = args.find(isError);
      if (error) client.captureException(error, hint);
      else client.captureMessage(formatConsoleArgs(args), level, hint);
    });
  },
});
