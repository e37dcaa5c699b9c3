import { describe, expect, it } from 'vitest';
import { parseStack } from '../../src/stack';
import type { StackFrame } from '../../src/types';

// Expected frame; lineno/colno are left out when undefined, as parseStack does.
function fr(fn: string, file: string, lineno?: number, colno?: number, inApp = true): StackFrame {
  const f: StackFrame = { filename: file, abs_path: file, function: fn, in_app: inApp };
  if (lineno !== undefined) f.lineno = lineno;
  if (colno !== undefined) f.colno = colno;
  return f;
}
const native = (fn: string) => fr(fn, '[native code]', undefined, undefined, false);
const lines = (...l: string[]) => l.join('\n');

// URLs of the captured Chromium stacks.
const APP = 'https://app.example.com/assets/app-3f2a1b.js';
const PAGE = 'https://app.example.com/checkout';
const VITE = 'http://localhost:5173/assets/app-3f2a1b.js';
const V6 = 'http://[::1]:8080/assets/app-3f2a1b.js';
const WEBPACK = 'webpack-internal:///./src/components/List.jsx';
const EXT = 'chrome-extension://mdjildafknihdffpkfmmpnpoiajfjnjd/content.js';
const DEP = 'https://app.example.com/node_modules/.vite/deps/lodash-lite.js';
const SDK = 'https://cdn.example.net/npm/@faultline/browser@0.1.0/dist/faultline.min.js';
const BLOB = 'blob:https://app.example.com/b3f4adbf-7e1b-4724-9854-c023d3531ad3';
// URLs of the published fixtures (Sentry's tracekit tests, error-stack-parser, MDN, bug reports).
const F = 'http://path/to/file.js';
const L8080 = 'http://localhost:8080/file.js';
const L5000 = 'http://localhost:5000/';
const TEST = 'http://localhost:5000/test';
const MDN = 'file:///C:/example.html';

// Stacks printed by real engines. "Chromium 156" ones were captured from headless Chromium
// running scripts served at the URLs above; the rest are published captures.
const cases: Array<[string, string, StackFrame[]]> = [
  // ---- Chrome / Edge (Chromium) ----
  [
    'Chromium 156: constructor, method, anonymous callback, Array.map native frame',
    lines(
      'Error: boom',
      `    at inner (${APP}:2:26)`,
      `    at middle (${APP}:3:28)`,
      `    at new Foo (${APP}:4:18)`,
      `    at Object.method (${APP}:5:33)`,
      `    at ${APP}:7:58`,
      '    at Array.map (<anonymous>)',
      `    at run (${APP}:7:29)`,
      `    at window.basic (${APP}:8:36)`,
    ),
    [
      fr('window.basic', APP, 8, 36),
      fr('run', APP, 7, 29),
      fr('?', APP, 7, 58),
      fr('Object.method', APP, 5, 33),
      fr('new Foo', APP, 4, 18),
      fr('middle', APP, 3, 28),
      fr('inner', APP, 2, 26),
    ],
  ],
  [
    'Chromium 156: inline <script> frame of the page',
    lines(
      'Error: boom',
      `    at inner (${APP}:2:26)`,
      `    at new Foo (${APP}:3:18)`,
      `    at Object.loadData (${APP}:4:50)`,
      `    at window.aliasStack (${APP}:6:45)`,
      `    at ${PAGE}:7:20`,
    ),
    [
      fr('?', PAGE, 7, 20),
      fr('window.aliasStack', APP, 6, 45),
      fr('Object.loadData', APP, 4, 50),
      fr('new Foo', APP, 3, 18),
      fr('inner', APP, 2, 26),
    ],
  ],
  [
    'Chromium 156: async frames and Promise.all (index 0)',
    lines(
      'TypeError: no user 1',
      `    at fetchUser (${APP}:7:50)`,
      '    at async Promise.all (index 0)',
      `    at async loadPage (${APP}:8:29)`,
      `    at async window.asyncStack (${APP}:9:47)`,
    ),
    [fr('window.asyncStack', APP, 9, 47), fr('loadPage', APP, 8, 29), fr('fetchUser', APP, 7, 50)],
  ],
  [
    'Chromium 156: async frame in anonymous code (at async <anonymous>:381:23)',
    lines(
      'TypeError: no user 1',
      `    at fetchUser (${VITE}:9:50)`,
      '    at async Promise.all (index 0)',
      `    at async loadPage (${VITE}:10:29)`,
      `    at async window.asyncStack (${VITE}:11:47)`,
      '    at async <anonymous>:381:23',
    ),
    [
      fr('?', '<anonymous>', 381, 23, false),
      fr('window.asyncStack', VITE, 11, 47),
      fr('loadPage', VITE, 10, 29),
      fr('fetchUser', VITE, 9, 50),
    ],
  ],
  [
    'Chromium 156: function inside eval() points at the eval call in the script',
    lines(
      "TypeError: Cannot read properties of null (reading 'x')",
      `    at evaluated (eval at window.evalStack (${APP}:12:40), <anonymous>:1:30)`,
      `    at eval (eval at window.evalStack (${APP}:12:40), <anonymous>:1:35)`,
      `    at window.evalStack (${APP}:12:40)`,
    ),
    [fr('window.evalStack', APP, 12, 40), fr('eval', APP, 12, 40), fr('evaluated', APP, 12, 40)],
  ],
  [
    'Chromium 156: new Function() code',
    lines(
      "TypeError: Cannot read properties of undefined (reading 'c')",
      `    at eval (eval at window.fnStack (${APP}:14:38), <anonymous>:3:12)`,
      `    at window.fnStack (${APP}:14:71)`,
    ),
    [fr('window.fnStack', APP, 14, 71), fr('eval', APP, 14, 38)],
  ],
  [
    'Chromium 156: eval at the top of anonymous code',
    lines(
      "TypeError: Cannot read properties of null (reading 'y')",
      `    at eval (eval at window.evalAnon (${VITE}:13:39), <anonymous>:1:6)`,
      `    at window.evalAnon (${VITE}:13:39)`,
    ),
    [fr('window.evalAnon', VITE, 13, 39), fr('eval', VITE, 13, 39)],
  ],
  [
    'Chromium 156: eval whose caller has no URL, and <anonymous> script frames',
    lines(
      "TypeError: Cannot read properties of null (reading 'z')",
      '    at eval (eval at evaluate (:370:30), <anonymous>:1:20)',
      '    at UtilityScript.evaluate (<anonymous>:372:16)',
      '    at UtilityScript.<anonymous> (<anonymous>:1:44)',
    ),
    [
      fr('UtilityScript.<anonymous>', '<anonymous>', 1, 44, false),
      fr('UtilityScript.evaluate', '<anonymous>', 372, 16, false),
      fr('eval', '<anonymous>', 370, 30, false),
    ],
  ],
  [
    'Chromium 156: webpack-internal:/// module (eval devtool)',
    lines(
      'ReferenceError: props is not defined',
      `    at render (${WEBPACK}:1:21)`,
      `    at eval (${WEBPACK}:2:1)`,
      `    at window.webpackStack (${APP}:10:43)`,
      `    at ${PAGE}:8:22`,
    ),
    [
      fr('?', PAGE, 8, 22),
      fr('window.webpackStack', APP, 10, 43),
      fr('eval', WEBPACK, 2, 1),
      fr('render', WEBPACK, 1, 21),
    ],
  ],
  [
    'Chromium 156: chrome-extension:// frames are not in-app',
    lines(
      "TypeError: Cannot read properties of null (reading 'foo')",
      `    at inject (${EXT}:1:36)`,
      `    at eval (${EXT}:1:49)`,
      `    at window.extStack (${APP}:11:39)`,
      `    at ${PAGE}:9:18`,
    ),
    [
      fr('?', PAGE, 9, 18),
      fr('window.extStack', APP, 11, 39),
      fr('eval', EXT, 1, 49, false),
      fr('inject', EXT, 1, 36, false),
    ],
  ],
  [
    'Chromium 156: node_modules/ frames are not in-app',
    lines(
      'ReferenceError: undefinedThing is not defined',
      `    at onItem (${APP}:12:86)`,
      `    at ${DEP}:1:84`,
      '    at Array.map (<anonymous>)',
      `    at Object.each (${DEP}:1:58)`,
      `    at window.libCall (${APP}:12:56)`,
      `    at ${PAGE}:10:18`,
    ),
    [
      fr('?', PAGE, 10, 18),
      fr('window.libCall', APP, 12, 56),
      fr('Object.each', DEP, 1, 58, false),
      fr('?', DEP, 1, 84, false),
      fr('onItem', APP, 12, 86),
    ],
  ],
  [
    "Chromium 156: the SDK's own bundle is not in-app",
    lines(
      "TypeError: Cannot read properties of null (reading 'q')",
      `    at handler (${APP}:13:86)`,
      `    at sentryWrapped (${SDK}:1:88)`,
      `    at window.faultlineWrap (${SDK}:1:128)`,
      `    at window.sdkCall (${APP}:13:46)`,
      `    at ${PAGE}:11:18`,
    ),
    [
      fr('?', PAGE, 11, 18),
      fr('window.sdkCall', APP, 13, 46),
      fr('window.faultlineWrap', SDK, 1, 128, false),
      fr('sentryWrapped', SDK, 1, 88, false),
      fr('handler', APP, 13, 86),
    ],
  ],
  [
    'Chromium 156: JSON.parse native frame, message with "(line 1 column 2)"',
    lines(
      "SyntaxError: Expected property name or '}' in JSON at position 1 (line 1 column 2)",
      '    at JSON.parse (<anonymous>)',
      `    at ${PAGE}:13:37`,
    ),
    [fr('?', PAGE, 13, 37)],
  ],
  [
    'Chromium 156: promise callback with Array.forEach',
    lines(
      'ReferenceError: undefinedCall is not defined',
      `    at ${PAGE}:14:84`,
      '    at Array.forEach (<anonymous>)',
      `    at handleResponse (${PAGE}:14:62)`,
    ),
    [fr('handleResponse', PAGE, 14, 62), fr('?', PAGE, 14, 84)],
  ],
  [
    'Chromium 156: IPv6 host with port, class method and constructor',
    lines(
      'RangeError: bad size',
      `    at Widget.render (${V6}:17:100)`,
      `    at new Widget (${V6}:17:71)`,
      `    at window.classStack (${V6}:17:138)`,
    ),
    [fr('window.classStack', V6, 17, 138), fr('new Widget', V6, 17, 71), fr('Widget.render', V6, 17, 100)],
  ],
  [
    'Chromium 156: blob: script',
    lines('Error: from blob', `    at worker (${BLOB}:1:67)`, `    at window.blobStack (${BLOB}:1:93)`),
    [fr('window.blobStack', BLOB, 1, 93), fr('worker', BLOB, 1, 67)],
  ],
  [
    'Chrome 15',
    lines(
      "TypeError: Object #<Object> has no method 'undef'",
      `    at bar (${F}:13:17)`,
      `    at bar (${F}:16:5)`,
      `    at foo (${F}:20:5)`,
      `    at ${F}:24:4`,
    ),
    [fr('?', F, 24, 4), fr('foo', F, 20, 5), fr('bar', F, 16, 5), fr('bar', F, 13, 17)],
  ],
  [
    'Chrome 36: port numbers and [as alias]',
    lines(
      'Error: Default error',
      `    at dumpExceptionError (${L8080}:41:27)`,
      `    at HTMLButtonElement.onclick (${L8080}:107:146)`,
      `    at I.e.fn.(anonymous function) [as index] (${L8080}:10:3651)`,
    ),
    [
      fr('I.e.fn.(anonymous function) [as index]', L8080, 10, 3651),
      fr('HTMLButtonElement.onclick', L8080, 107, 146),
      fr('dumpExceptionError', L8080, 41, 27),
    ],
  ],
  [
    'Chrome 48: nested eval',
    lines(
      'Error: message string',
      `at baz (eval at foo (eval at speak (${L8080}:21:17)), <anonymous>:1:30)`,
      `at foo (eval at speak (${L8080}:21:17), <anonymous>:2:96)`,
      `at eval (eval at speak (${L8080}:21:17), <anonymous>:4:18)`,
      `at Object.speak (${L8080}:21:17)`,
      `at ${L8080}:31:13`,
    ),
    [
      fr('?', L8080, 31, 13),
      fr('Object.speak', L8080, 21, 17),
      fr('eval', L8080, 21, 17),
      fr('foo', L8080, 21, 17),
      fr('baz', L8080, 21, 17),
    ],
  ],
  [
    'Chrome 48: encoded blob: URLs and an old-style (native) frame',
    lines(
      'Error: test',
      '    at Error (native)',
      '    at s (blob:http%3A//localhost%3A8080/abfc40e9-4742-44ed-9dcd-af8f99a29379:31:29146)',
      '    at Object.d [as add] (blob:http%3A//localhost%3A8080/abfc40e9-4742-44ed-9dcd-af8f99a29379:31:30039)',
      '    at blob:http%3A//localhost%3A8080/d4eefe0f-361a-4682-b217-76587d9f712a:15:10978',
      '    at blob:http%3A//localhost%3A8080/abfc40e9-4742-44ed-9dcd-af8f99a29379:1:6911',
      '    at n.fire (blob:http%3A//localhost%3A8080/abfc40e9-4742-44ed-9dcd-af8f99a29379:7:3019)',
      '    at n.handle (blob:http%3A//localhost%3A8080/abfc40e9-4742-44ed-9dcd-af8f99a29379:7:2863)',
    ),
    [
      fr('n.handle', 'blob:http%3A//localhost%3A8080/abfc40e9-4742-44ed-9dcd-af8f99a29379', 7, 2863),
      fr('n.fire', 'blob:http%3A//localhost%3A8080/abfc40e9-4742-44ed-9dcd-af8f99a29379', 7, 3019),
      fr('?', 'blob:http%3A//localhost%3A8080/abfc40e9-4742-44ed-9dcd-af8f99a29379', 1, 6911),
      fr('?', 'blob:http%3A//localhost%3A8080/d4eefe0f-361a-4682-b217-76587d9f712a', 15, 10978),
      fr('Object.d [as add]', 'blob:http%3A//localhost%3A8080/abfc40e9-4742-44ed-9dcd-af8f99a29379', 31, 30039),
      fr('s', 'blob:http%3A//localhost%3A8080/abfc40e9-4742-44ed-9dcd-af8f99a29379', 31, 29146),
      native('Error'),
    ],
  ],
  [
    'Chrome 109: "async" before the URL',
    lines(
      'Error: bad',
      `    at callAnotherThing (${L5000}:20:16)`,
      `    at Object.callback (async ${L5000}:25:7)`,
      `    at test (${L5000}:33:23)`,
    ),
    [fr('test', L5000, 33, 23), fr('Object.callback', L5000, 25, 7), fr('callAnotherThing', L5000, 20, 16)],
  ],
  [
    'Chrome: URLs with parentheses (Next.js route groups)',
    lines(
      'Error: bad',
      '    at something (http://localhost:5000/(some)/(thing)/index.html:20:16)',
      '    at http://localhost:5000/(group)/[route]/script.js:1:126',
      '    at more (http://localhost:5000/(some)/(thing)/index.html:25:7)',
    ),
    [
      fr('more', 'http://localhost:5000/(some)/(thing)/index.html', 25, 7),
      fr('?', 'http://localhost:5000/(group)/[route]/script.js', 1, 126),
      fr('something', 'http://localhost:5000/(some)/(thing)/index.html', 20, 16),
    ],
  ],
  [
    'Electron renderer: Windows path',
    lines(
      "TypeError: Cannot read property 'error' of undefined",
      '    at TESTTESTTEST.someMethod (C:\\Users\\user\\path\\to\\file.js:295:108)',
    ),
    [fr('TESTTESTTEST.someMethod', 'C:\\Users\\user\\path\\to\\file.js', 295, 108)],
  ],
  [
    'Chrome: webpack dev build with bare module names',
    lines(
      'Error',
      '    at Client.requestPromise (api.tsx:554:1)',
      '    at doDiscoverQuery (genericDiscoverQuery.tsx?33f8:328:1)',
      '    at _GenericDiscoverQuery.eval [as fetchData] (genericDiscoverQuery.tsx?33f8:256:1)',
      '    at commitLifeCycles (react-dom.development.js?f8c1:20663:1)',
    ),
    [
      fr('commitLifeCycles', 'react-dom.development.js?f8c1', 20663, 1),
      fr('_GenericDiscoverQuery.eval [as fetchData]', 'genericDiscoverQuery.tsx?33f8', 256, 1),
      fr('doDiscoverQuery', 'genericDiscoverQuery.tsx?33f8', 328, 1),
      fr('Client.requestPromise', 'api.tsx', 554, 1),
    ],
  ],
  [
    'V8: async frames in file:// modules',
    lines(
      'Error: Error from data-uri module',
      '    at loadDodgyModule (file:///Users/tim/Documents/Repositories/data-uri-tests/index.mjs:8:5)',
      '    at async callSomeFunction (file:///Users/tim/Documents/Repositories/data-uri-tests/index.mjs:12:5)',
      '    at async file:///Users/tim/Documents/Repositories/data-uri-tests/index.mjs:16:5',
    ),
    [
      fr('?', 'file:///Users/tim/Documents/Repositories/data-uri-tests/index.mjs', 16, 5),
      fr('callSomeFunction', 'file:///Users/tim/Documents/Repositories/data-uri-tests/index.mjs', 12, 5),
      fr('loadDodgyModule', 'file:///Users/tim/Documents/Repositories/data-uri-tests/index.mjs', 8, 5),
    ],
  ],
  [
    'Edge 44 (EdgeHTML): Global code; "(native code)" frames are dropped by the parser',
    lines(
      'Error: test',
      `    at fooIterator (${TEST}:20:11)`,
      '    at Array.prototype.map (native code)',
      `    at foo (${TEST}:19:9)`,
      `    at Global code (${TEST}:24:7)`,
    ),
    [fr('Global code', TEST, 24, 7), fr('foo', TEST, 19, 9), fr('fooIterator', TEST, 20, 11)],
  ],
  [
    'Edge 44 (EdgeHTML): eval code',
    lines(
      'Error: bad',
      `    at aha (${L5000}:19:7)`,
      `    at Anonymous function (${L5000}:34:7)`,
      `    at test (${L5000}:33:5)`,
      '    at eval code (eval code:1:1)',
      `    at aha (${L5000}:39:5)`,
      `    at Foo.prototype.testMethod (${L5000}:44:7)`,
    ),
    [
      fr('Foo.prototype.testMethod', L5000, 44, 7),
      fr('aha', L5000, 39, 5),
      fr('eval', '<anonymous>', 1, 1, false),
      fr('test', L5000, 33, 5),
      fr('Anonymous function', L5000, 34, 7),
      fr('aha', L5000, 19, 7),
    ],
  ],

  // ---- Firefox ----
  [
    'Firefox 14: no columns',
    lines(`@${F}:48`, `dumpException3@${F}:52`, `onclick@${F}:1`, ''),
    [fr('onclick', F, 1), fr('dumpException3', F, 52), fr('?', F, 48)],
  ],
  [
    'Firefox 31: nested anonymous function names',
    lines(`foo@${F}:41:13`, `bar@${F}:1:1`, `.plugin/e.fn[c]/<@${F}:1:1`, ''),
    [fr('.plugin/e.fn[c]/<', F, 1, 1), fr('bar', F, 1, 1), fr('foo', F, 41, 13)],
  ],
  [
    'Firefox 44: NS_ERROR exception with file:// URLs',
    lines(
      `[2]</Bar.prototype._baz/</<@${F}:703:28`,
      'App.prototype.foo@file:///path/to/file.js:15:2',
      'bar@file:///path/to/file.js:20:3',
      '@file:///path/to/index.html:23:1',
      '',
    ),
    [
      fr('?', 'file:///path/to/index.html', 23, 1),
      fr('bar', 'file:///path/to/file.js', 20, 3),
      fr('App.prototype.foo', 'file:///path/to/file.js', 15, 2),
      fr('[2]</Bar.prototype._baz/</<', F, 703, 28),
    ],
  ],
  [
    'Firefox 50: resource:// URLs',
    lines(
      'render@resource://path/data/content/bundle.js:5529:16',
      'dispatchEvent@resource://path/data/content/vendor.bundle.js:18:23028',
      'wrapped@resource://path/data/content/bundle.js:7270:25',
    ),
    [
      fr('wrapped', 'resource://path/data/content/bundle.js', 7270, 25),
      fr('dispatchEvent', 'resource://path/data/content/vendor.bundle.js', 18, 23028),
      fr('render', 'resource://path/data/content/bundle.js', 5529, 16),
    ],
  ],
  [
    'Firefox 43: nested eval points at the calling line',
    lines(
      `baz@${L8080} line 26 > eval line 2 > eval:1:30`,
      `foo@${L8080} line 26 > eval:2:96`,
      `@${L8080} line 26 > eval:4:18`,
      `speak@${L8080}:26:17`,
      `@${L8080}:33:9`,
    ),
    [
      fr('?', L8080, 33, 9),
      fr('speak', L8080, 26, 17),
      fr('?', L8080, 26),
      fr('foo', L8080, 26),
      fr('baz', L8080, 26),
    ],
  ],
  [
    'Firefox 66: eval and nested anonymous (test/<)',
    lines(
      `aha@${L5000}:19:13`,
      `callAnotherThing@${L5000}:20:15`,
      `callback@${L5000}:25:7`,
      `test/<@${L5000}:34:7`,
      `test@${L5000}:33:23`,
      `@${L5000} line 39 > eval:1:1`,
      `aha@${L5000}:39:5`,
      `testMethod@${L5000}:44:7`,
      `@${L5000}:50:19`,
    ),
    [
      fr('?', L5000, 50, 19),
      fr('testMethod', L5000, 44, 7),
      fr('aha', L5000, 39, 5),
      fr('?', L5000, 39),
      fr('test', L5000, 33, 23),
      fr('test/<', L5000, 34, 7),
      fr('callback', L5000, 25, 7),
      fr('callAnotherThing', L5000, 20, 15),
      fr('aha', L5000, 19, 13),
    ],
  ],
  [
    'Firefox: new Function() code ("line 7 > Function")',
    lines(`anonymous@${MDN} line 7 > Function:1:1`, `@${MDN}:7:6`),
    [fr('?', MDN, 7, 6), fr('anonymous', MDN, 7)],
  ],
  [
    'Firefox: eval inside eval',
    lines(`@${MDN} line 7 > eval line 1 > eval:1:1`, `@${MDN} line 7 > eval:1:1`, `@${MDN}:7:6`),
    [fr('?', MDN, 7, 6), fr('?', MDN, 7), fr('?', MDN, 7)],
  ],
  [
    'Firefox: console code (debugger eval code) is not in-app',
    lines(
      'semicolon@debugger eval code:1:109',
      'jkl@debugger eval code:1:63',
      'asdf@debugger eval code:1:28',
      '@debugger eval code:1:227',
    ),
    [
      fr('?', 'debugger eval code', 1, 227, false),
      fr('asdf', 'debugger eval code', 1, 28, false),
      fr('jkl', 'debugger eval code', 1, 63, false),
      fr('semicolon', 'debugger eval code', 1, 109, false),
    ],
  ],
  [
    'Firefox: moz-extension:// content script with async cause prefix',
    lines(
      'i/</t</i</<@moz-extension://340cd744-b9a5-4f48-9d4b-e147eb049a31/transframe-provider.js:1:1551',
      'i/</t</i<@moz-extension://340cd744-b9a5-4f48-9d4b-e147eb049a31/transframe-provider.js:1:1532',
      'setInterval handler*i/</t<@moz-extension://340cd744-b9a5-4f48-9d4b-e147eb049a31/transframe-provider.js:1:1360',
      'i/<@moz-extension://340cd744-b9a5-4f48-9d4b-e147eb049a31/transframe-provider.js:1:1214',
      '@moz-extension://340cd744-b9a5-4f48-9d4b-e147eb049a31/injected-script/index.js:5:4526',
    ),
    [
      fr('?', 'moz-extension://340cd744-b9a5-4f48-9d4b-e147eb049a31/injected-script/index.js', 5, 4526, false),
      fr('i/<', 'moz-extension://340cd744-b9a5-4f48-9d4b-e147eb049a31/transframe-provider.js', 1, 1214, false),
      fr(
        'setInterval handler*i/</t<',
        'moz-extension://340cd744-b9a5-4f48-9d4b-e147eb049a31/transframe-provider.js',
        1,
        1360,
        false,
      ),
      fr('i/</t</i<', 'moz-extension://340cd744-b9a5-4f48-9d4b-e147eb049a31/transframe-provider.js', 1, 1532, false),
      fr('i/</t</i</<', 'moz-extension://340cd744-b9a5-4f48-9d4b-e147eb049a31/transframe-provider.js', 1, 1551, false),
    ],
  ],
  [
    'Firefox: URLs with parentheses (Next.js route groups)',
    lines(
      'onClick@http://localhost:3002/_next/static/chunks/app/(group)/[route]/script.js:1:644',
      '@http://localhost:3002/_next/static/chunks/app/(group)/[route]/script.js:1:126',
    ),
    [
      fr('?', 'http://localhost:3002/_next/static/chunks/app/(group)/[route]/script.js', 1, 126),
      fr('onClick', 'http://localhost:3002/_next/static/chunks/app/(group)/[route]/script.js', 1, 644),
    ],
  ],

  // ---- Safari (JavaScriptCore) ----
  [
    'Safari 6: no columns; a bare [native code] line is dropped',
    lines(`@${F}:48`, `dumpException3@${F}:52`, `onclick@${F}:82`, '[native code]'),
    [fr('onclick', F, 82), fr('dumpException3', F, 52), fr('?', F, 48)],
  ],
  [
    'Safari 8: anonymous top frame without @',
    lines(`${F}:47:22`, `foo@${F}:52:15`, `bar@${F}:108:23`),
    [fr('bar', F, 108, 23), fr('foo', F, 52, 15), fr('?', F, 47, 22)],
  ],
  [
    'Safari 8: eval (a bare "eval code" line has no location and is dropped)',
    lines('eval code', 'eval@[native code]', `foo@${F}:58:21`, `bar@${F}:109:91`),
    [fr('bar', F, 109, 91), fr('foo', F, 58, 21)],
  ],
  [
    'Safari 12: native code frame and global code',
    lines(
      `fooIterator@${TEST}:20:26`,
      'map@[native code]',
      `foo@${TEST}:19:22`,
      `global code@${TEST}:24:10`,
    ),
    [fr('global code', TEST, 24, 10), fr('foo', TEST, 19, 22), native('map'), fr('fooIterator', TEST, 20, 26)],
  ],
  [
    'Safari 12: eval and native frames',
    lines(
      `aha@${L5000}:19:22`,
      'aha@[native code]',
      `callAnotherThing@${L5000}:20:16`,
      `callback@${L5000}:25:23`,
      `${L5000}:34:25`,
      'map@[native code]',
      `test@${L5000}:33:26`,
      'eval code',
      'eval@[native code]',
      `aha@${L5000}:39:9`,
      `testMethod@${L5000}:44:10`,
      `${L5000}:50:29`,
    ),
    [
      fr('?', L5000, 50, 29),
      fr('testMethod', L5000, 44, 10),
      fr('aha', L5000, 39, 9),
      fr('test', L5000, 33, 26),
      native('map'),
      fr('?', L5000, 34, 25),
      fr('callback', L5000, 25, 23),
      fr('callAnotherThing', L5000, 20, 16),
      native('aha'),
      fr('aha', L5000, 19, 22),
    ],
  ],
  [
    'Safari: new Function() code prints "anonymous@" with no location',
    lines('anonymous@', 'global code@filename.js:1:65'),
    [fr('global code', 'filename.js', 1, 65), fr('anonymous', '<anonymous>', undefined, undefined, false)],
  ],
  [
    'Safari: eval code prints "eval code@" with no location',
    lines('eval code@', 'eval@[native code]', 'global code@filename.js:3:17'),
    [fr('global code', 'filename.js', 3, 17), fr('eval code', '<anonymous>', undefined, undefined, false)],
  ],
  [
    'Safari: safari-extension:// frames are not in-app',
    lines(
      'isClaimed@safari-extension://com.grammarly.safari.extension.ext2-W8F64X92K3/ee7759dd/Grammarly.js:2:929865',
      'safari-extension://com.grammarly.safari.extension.ext2-W8F64X92K3/ee7759dd/Grammarly.js:2:1588410',
      'promiseReactionJob@[native code]',
    ),
    [
      native('promiseReactionJob'),
      fr('?', 'safari-extension://com.grammarly.safari.extension.ext2-W8F64X92K3/ee7759dd/Grammarly.js', 2, 1588410, false),
      fr(
        'isClaimed',
        'safari-extension://com.grammarly.safari.extension.ext2-W8F64X92K3/ee7759dd/Grammarly.js',
        2,
        929865,
        false,
      ),
    ],
  ],
  [
    'Safari: safari-web-extension:// frames are not in-app',
    lines(
      'p_@safari-web-extension://46434E60-F5BD-48A4-80C8-A422C5D16897/scripts/content-script.js:29:33314',
      'safari-web-extension://46434E60-F5BD-48A4-80C8-A422C5D16897/scripts/content-script.js:29:56027',
      'promiseReactionJob@[native code]',
    ),
    [
      native('promiseReactionJob'),
      fr('?', 'safari-web-extension://46434E60-F5BD-48A4-80C8-A422C5D16897/scripts/content-script.js', 29, 56027, false),
      fr('p_', 'safari-web-extension://46434E60-F5BD-48A4-80C8-A422C5D16897/scripts/content-script.js', 29, 33314, false),
    ],
  ],
  [
    'Safari: URLs with parentheses (Next.js route groups)',
    lines(
      '@http://localhost:3000/(group)/[route]/script.js:1:131',
      'global code@http://localhost:3000/(group)/[route]/script.js:1:334',
    ),
    [
      fr('global code', 'http://localhost:3000/(group)/[route]/script.js', 1, 334),
      fr('?', 'http://localhost:3000/(group)/[route]/script.js', 1, 131),
    ],
  ],
];

describe('parseStack', () => {
  it.each(cases)('%s', (_name, stack, frames) => {
    expect(parseStack({ stack, message: 'm', name: 'Error' })).toStrictEqual(frames);
  });

  it('keeps the 50 frames nearest the throw', () => {
    // fn0 throws; fn59 is the outermost caller.
    const stack = ['Error: deep'];
    for (let i = 0; i < 60; i++) stack.push(`    at fn${i} (${APP}:${i + 1}:1)`);
    const frames = parseStack({ stack: stack.join('\n') });
    expect(frames).toHaveLength(50);
    expect(frames[0]).toStrictEqual(fr('fn49', APP, 50, 1));
    expect(frames[49]).toStrictEqual(fr('fn0', APP, 1, 1));
  });

  it('returns [] without a stack', () => {
    expect(parseStack(undefined)).toEqual([]);
    expect(parseStack({})).toEqual([]);
    expect(parseStack({ stack: '', message: 'x' })).toEqual([]);
    expect(parseStack({ stack: 42 } as unknown as { stack: string })).toEqual([]);
  });

  it.each([
    ['plain text', 'not a stack trace'],
    ['only the message line', 'Error: boom'],
    ['message and frames the parser cannot read', 'Error: boom\n    at <anonymous>\n    at async Promise.all (index 0)'],
    ['text with colons', 'Error: boom\nsomething: else\nfoo bar'],
  ])('returns [] for a stack without frames: %s', (_name, stack) => {
    expect(parseStack({ stack })).toEqual([]);
  });

  it('never throws, even when reading the stack does', () => {
    const hostile = {
      get stack(): string {
        throw new Error('no access');
      },
    };
    expect(parseStack(hostile)).toEqual([]);
  });

  it('ignores fields that would send the parser down its Opera paths', () => {
    const err = { stack: `Error: x\n    at foo (${APP}:1:2)`, stacktrace: 'junk' } as { stack: string };
    expect(parseStack(err)).toStrictEqual([fr('foo', APP, 1, 2)]);
  });

  it('marks frames matching inAppExclude as not in-app (string = substring, RegExp = test)', () => {
    const stack = lines(
      'Error: x',
      '    at track (https://cdn.vendor.example/analytics.js:1:10)',
      '    at render (https://app.example.com/assets/vendor-9a8b.js:2:20)',
      `    at main (${APP}:3:30)`,
    );
    const global = /vendor-[0-9a-f]+\.js/g;
    for (let i = 0; i < 2; i++) {
      // Twice: a /g RegExp must not carry lastIndex over from one call to the next.
      expect(parseStack({ stack }, ['cdn.vendor.example', global]).map((f) => [f.function, f.in_app])).toEqual([
        ['main', true],
        ['render', false],
        ['track', false],
      ]);
    }
    expect(parseStack({ stack }).every((f) => f.in_app)).toBe(true);
  });

  it('marks extension, node_modules and SDK frames as not in-app', () => {
    const frames = parseStack({
      stack: lines(
        'Error: x',
        '    at a (moz-extension://uuid/content.js:1:1)',
        '    at b (safari-web-extension://uuid/content.js:1:1)',
        '    at c (webpack-internal:///./node_modules/react-dom/cjs/react-dom.development.js:1:1)',
        '    at d (http://localhost:3000/node_modules/@faultline/core/dist/index.mjs:1:1)',
        '    at e (https://unpkg.com/@faultline/core/dist/faultline.js:1:1)',
        '    at g (https://cdn.example.net/faultline.full.min.js:1:1)',
        '    at h (https://cdn.example.net/faultline-vue.min.js:1:1)',
        `    at f (${APP}:1:1)`,
      ),
    });
    expect(frames.map((f) => [f.function, f.in_app])).toEqual([
      ['f', true],
      ['h', false],
      ['g', false],
      ['e', false],
      ['d', false],
      ['c', false],
      ['b', false],
      ['a', false],
    ]);
  });

  it('parses a real Error thrown here, with the throwing frame last', () => {
    function throwHere(): Error {
      return new Error('real');
    }
    const frames = parseStack(throwHere());
    expect(frames.length).toBeGreaterThan(1);
    const last = frames[frames.length - 1];
    expect(last.function).toBe('throwHere');
    expect(last.filename).toMatch(/stack\.test\.ts$/);
    expect(last.abs_path).toBe(last.filename);
    expect(last.in_app).toBe(true);
    expect(typeof last.lineno).toBe('number');
    expect(typeof last.colno).toBe('number');
    // The caller is the test body, one frame older, in the same file.
    expect(frames[frames.length - 2].filename).toBe(last.filename);
    // Vitest's runner frames come from node_modules.
    expect(frames.some((f) => f.filename!.includes('node_modules/') && f.in_app === false)).toBe(true);
  });
});
