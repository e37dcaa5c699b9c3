// Every public option in types.ts documents its default, and that default is the code's.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { close, init, type Options } from '../../src/index';

const source = readFileSync(resolve(__dirname, '../../src/types.ts'), 'utf8');
const body = source.slice(source.indexOf('export interface Options {'));
const block = body.slice(0, body.indexOf('\n}\n'));

/** `name → @default text` for each top-level option of `Options`. */
function documentedDefaults(): Map<string, string> {
  const out = new Map<string, string>();
  const re = /\/\*\*((?:(?!\*\/)[\s\S])*)\*\/\s*\n\s{2}(\w+)\?:/g;
  for (let m; (m = re.exec(block)); ) {
    const tag = /@default\s+([^\n]*?)\s*(?:\*\/)?\s*$/m.exec(m[1].replace(/^\s*\* ?/gm, ''));
    out.set(m[2], tag ? tag[1].trim() : '');
  }
  return out;
}

/** Defaults that are not plain values of the resolved options: where the code applies them instead. */
const ELSEWHERE: Record<string, string> = {
  integrations: 'defaults',
  defaultIntegrations: 'true',
  transport: 'fetch, with XHR fallback',
  captureConsole: "{ levels: ['error'] }",
  failedRequestStatusCodes: '[[500, 599]]',
  failedRequestTargets: 'all',
  // Read by the Privacy integration, where a missing value is the default.
  sendDefaultPii: 'false',
  scrubKeys: '[]',
  // Read by the Sessions integration.
  autoSessionTracking: 'true',
  // Read by @faultline/tracing.
  tracePropagationTargets: 'same-origin requests only',
};

afterEach(() => close());

describe('option docs', () => {
  const docs = documentedDefaults();

  it('finds every option of Options, each with an @default', () => {
    const names = [...block.matchAll(/^\s{2}(\w+)\?:/gm)].map((m) => m[1]);
    expect(names.length).toBeGreaterThan(25);
    expect([...docs.keys()]).toEqual(names);
    for (const [name, value] of docs) expect(value, `${name} has no @default`).not.toBe('');
  });

  it.each([...documentedDefaults()].filter(([name]) => !(name in ELSEWHERE)))(
    '%s: @default %s is what init() resolves',
    (name, text) => {
      const client = init({ transport: () => ({ send: () => Promise.resolve() }) })!;
      const actual = (client.getOptions() as Record<string, unknown>)[name];
      const expected = new Function(`return (${text})`)();
      // A flag the code reads as truthy or not: left unset means false.
      expect(expected === false ? (actual ?? false) : actual).toEqual(expected);
    },
  );

  it('documents the defaults applied by integrations and init as the code applies them', () => {
    for (const name in ELSEWHERE) expect(docs.get(name)).toBe(ELSEWHERE[name]);
  });
});
