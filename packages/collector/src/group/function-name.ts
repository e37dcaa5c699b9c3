// The same source function is named differently per browser: Chrome `Object.checkout`,
// `HTMLButtonElement.<anonymous>`, `async checkout`, `Object.checkout [as onClick]`; Firefox
// `checkout`, `checkout/<`, ''. Sentry keeps the last dotted part and drops anonymous names;
// we also drop Chrome's `async `/`new ` prefixes, Firefox's `async*` and the `[as alias]` suffix.
const ANONYMOUS = new Set(['?', '<anonymous>', '<anonymous function>', 'Anonymous function']);

/** The function name as grouping sees it, or undefined when it tells nothing. */
export function groupingFunctionName(raw: string | undefined): string | undefined {
  if (!raw) return undefined;
  let name = raw.trim();
  // Most names have no prefix: skip the regex unless one may start here.
  if (name.startsWith('async') || name.startsWith('new ')) name = name.replace(/^(?:async[ *]|new )+/, '');
  const alias = name.lastIndexOf(' [as ');
  if (alias >= 0 && name.endsWith(']')) name = name.slice(0, alias).trimEnd();
  name = name.slice(name.lastIndexOf('.') + 1);
  return !name || ANONYMOUS.has(name) || name.endsWith('/<') ? undefined : name;
}
