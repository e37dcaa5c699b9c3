// Turns `error.stack` (V8, SpiderMonkey or JavaScriptCore text) into Sentry stack frames.
import ErrorStackParser from 'error-stack-parser';
import { matches } from './misc';
import type { StackFrame } from './types';

const MAX_FRAMES = 50;

// Code that is never the app's own: pseudo-files without a URL, browser extensions,
// dependencies, and this SDK's bundles (faultline.min.js, faultline.full.min.js,
// faultline-vue.min.js…: their wrappers sit on most captured stacks).
const NOT_IN_APP =
  /^(<anonymous>|\[native code\]|debugger eval code)$|^(chrome|moz|safari(-web)?)-extension:|node_modules[\\/]|\/@faultline\/|faultline[\w.-]*\.js/;

// The parser deletes every `(` and `)` from locations, which breaks URLs such as Next.js route
// groups (`/app/(shop)/page.js`). Find the file again in the frame's source line, allowing
// parentheses between its characters.
const withParens = (file: string, source: string | undefined): string => {
  if (!file || !source || source.includes(file)) return file;
  const m = new RegExp(file.replace(/[\\^$.*+?()[\]{}|]/g, '\\$&').replace(/(\\?.)(?!$)/g, '$1[()]*')).exec(source);
  return m ? m[0] : file;
};

// Chrome prints `at async fn (url)` and, for anonymous async code, `at async url:1:2`;
// the parser keeps the `async ` in the function or the file name.
const withoutAsync = (name: string | undefined): string => (name || '').trim().replace(/^async /, '');

/**
 * Parses an error's stack into frames, oldest call first and the throwing frame last, as Sentry
 * expects. Keeps at most the 50 frames nearest the throw. Never throws: returns [] when there is
 * no stack or it cannot be read.
 */
export const parseStack = (
  error: { stack?: string; message?: string; name?: string } | undefined,
  inAppExclude?: Array<string | RegExp>,
): StackFrame[] => {
  try {
    const stack = error?.stack;
    // (An empty stack makes the parser throw: no frames either.)
    if (typeof stack !== 'string') return [];
    const frames: StackFrame[] = [];
    // Pass only the stack: the parser takes other shapes (`stacktrace`, `opera#sourceloc`)
    // down its Opera paths, which read `message` and can throw.
    const parsed = ErrorStackParser.parse({ stack } as Error);
    // The parser lists the throwing frame first; reversed, the oldest comes first.
    for (const p of parsed.reverse()) {
      const fn = withoutAsync(p.functionName);
      let file = withParens(withoutAsync(p.fileName), p.source);
      let lineno = p.lineNumber;
      let colno = p.columnNumber;
      // Firefox locates eval'd and `new Function` code as `url line 7 > Function:1:1`; the parser
      // rewrites only the eval form. Point both at the calling line of the script.
      const m = / line (\d+) > /.exec(file);
      if (m) {
        file = file.slice(0, m.index);
        lineno = +m[1];
        colno = undefined;
      }
      // V8 prints an eval caller without a URL as `(eval at f (:370:30), ...)`; the parser
      // reads `:370` as the file and 30 as the line.
      const e = /^:(\d+)$/.exec(file);
      if (e) {
        colno = lineno;
        lineno = +e[1];
        file = '';
      }
      if (/^[[(]?native( code)?[\])]?$/.test(file)) {
        // `(native)` from old V8, `[native code]` from JavaScriptCore and SpiderMonkey.
        file = '[native code]';
      } else {
        // Without a line it is text that is not a frame (e.g. the message line, when the parser
        // falls back to its Firefox/Safari mode), unless it is JavaScriptCore's `eval code@`: a
        // function with an empty location. No file: console or eval code (the parser blanks
        // V8's `<anonymous>`).
        if (lineno === undefined && (file || !fn || p.fileName !== '')) continue;
        if (!file) file = '<anonymous>';
      }
      const inApp = !NOT_IN_APP.test(file) && !(inAppExclude && matches(file, inAppExclude));
      const frame: StackFrame = { filename: file, abs_path: file, function: fn || '?', in_app: inApp };
      if (typeof lineno === 'number') frame.lineno = lineno;
      if (typeof colno === 'number') frame.colno = colno;
      frames.push(frame);
    }
    return frames.slice(-MAX_FRAMES);
  } catch {
    return [];
  }
};
