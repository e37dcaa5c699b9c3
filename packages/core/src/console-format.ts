import { describe, isError, normalize } from './normalize';
import type { SeverityLevel } from './types';

// Objects print as data, like the console's own preview; the rest as a person reads it.
const text = (value: unknown): string =>
  value && typeof value == 'object' && !isError(value) ? JSON.stringify(normalize(value, 3, 100)) : describe(value);

/** The line a console prints for these arguments: `%s %d %i %f %o %O %c` filled in, then the rest. */
export const formatConsoleArgs = (args: unknown[]): string => {
  const rest = args.slice();
  if (typeof rest[0] == 'string') {
    // The format string, once it took its arguments, goes back in front (text keeps strings as they are).
    rest.unshift(
      (rest.shift() as string).replace(/%[sdifoOc%]/g, (token) => {
        if (token == '%%') return '%';
        if (!rest.length) return token;
        const value = rest.shift();
        if (token == '%c') return ''; // CSS for the devtools
        // describe() first: parseInt of a Symbol would throw.
        if (token == '%d' || token == '%i') return String(parseInt(describe(value)));
        if (token == '%f') return String(parseFloat(describe(value)));
        return text(value);
      }),
    );
  }
  return rest.map(text).join(' ');
};

/** Sentry's level for a console method. */
export const consoleLevel = (method: string): SeverityLevel => method == 'warn' ? 'warning' : method == 'assert' ? 'error' : (method as SeverityLevel);
