// For core's script-tag build: error-stack-parser 2.x as an ES module without its Opera 9–12
// parsers. Those (Presto, last released in 2013) are a third of the library, and parseStack
// never reaches them: it passes `{ stack }` alone, and only an error with `stacktrace` or
// `opera#sourceloc` goes down that path. A stack it cannot read gives no frames instead of a
// throw, which parseStack would turn into no frames. As an ES module it needs no CommonJS wrapper.
// A version of the library that does not match fails the build instead of shipping unchanged.

const UMD_HEAD = /^\(function\s*\(root, factory\) \{[\s\S]*?\}\(this, function ErrorStackParser\(StackFrame\) \{/;
const UMD_TAIL = /\}\)\);\s*$/;
const OPERA_BRANCH = /if \(typeof error\.stacktrace !== 'undefined' \|\| typeof error\['opera#sourceloc'\] !== 'undefined'\) \{\s*return this\.parseOpera\(error\);\s*\} else if/;
const OPERA_PARSERS = /,\s*parseOpera: function[\s\S]*(?=\n\s*\};\n\}\)\);\s*$)/;
const CANNOT_PARSE = /throw new Error\('Cannot parse given Error object'\);/;

/** The slimmed source; throws when `code` is not the error-stack-parser this knows. */
export function slimErrorStackParser(code) {
  for (const pattern of [UMD_HEAD, UMD_TAIL, OPERA_BRANCH, OPERA_PARSERS, CANNOT_PARSE]) {
    if (!pattern.test(code)) throw new Error(`error-stack-parser: not the 2.x source this build knows (${pattern.source.slice(0, 40)}…); update scripts/build/slim-error-stack-parser.mjs`);
  }
  const body = code.replace(OPERA_BRANCH, 'if').replace(OPERA_PARSERS, '').replace(CANNOT_PARSE, 'return [];');
  return `import StackFrame from 'stackframe';\nexport default (function ErrorStackParser(StackFrame) {${body.replace(UMD_HEAD, '').replace(UMD_TAIL, '')}})(StackFrame);\n`;
}
