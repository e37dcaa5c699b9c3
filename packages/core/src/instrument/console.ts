import { fanout } from './fanout';

export type ConsoleLevel = 'debug' | 'info' | 'warn' | 'error' | 'log' | 'assert';

const CONSOLE_LEVELS = 'debug,info,warn,error,log,assert'.split(',') as ConsoleLevel[];

/** The console methods as they were before the SDK wrapped them; the SDK logs through these. */
export const originalConsole: Partial<Record<ConsoleLevel, (...args: unknown[]) => void>> = {};

/** Calls `handler(level, args)` for every console call; the console still prints as before. */
export const onConsole = fanout<[level: ConsoleLevel, args: unknown[]]>((emit) => {
  for (const level of CONSOLE_LEVELS) {
    const original = console[level] as (...args: unknown[]) => void;
    if (typeof original != 'function') continue;
    originalConsole[level] = original;
    console[level] = function (this: unknown, ...args: unknown[]) {
      // console.assert(condition, ...) reports only a failed assertion.
      if (level != 'assert' || !args[0]) emit(level, level == 'assert' ? args.slice(1) : args);
      return original.apply(this, args);
    } as Console[ConsoleLevel];
  }
});
