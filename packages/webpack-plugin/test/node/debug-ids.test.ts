import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import vm from 'node:vm';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { debugIdFor, debugIdSnippet, readDebugId } from '../../../upload/src/debug-ids';
import { FaultlineWebpackPlugin } from '../../src/index';
import { buildFixture, cleanupBuilds } from '../helpers/build';
import { topFrame } from '../helpers/resolve';

// Webpack builds share two cores with the other test files: give them room.
vi.setConfig({ testTimeout: 30_000, hookTimeout: 30_000 });

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

afterAll(cleanupBuilds);

describe('debugIdFor', () => {
  it('derives a UUID from the content: the same content gives the same ID', () => {
    expect(debugIdFor('a')).toMatch(UUID);
    expect(debugIdFor('a')).toBe(debugIdFor(Buffer.from('a')));
    expect(debugIdFor('a')).not.toBe(debugIdFor('b'));
  });
});

describe('debugIdSnippet', () => {
  const id = debugIdFor('x');

  it.each([
    ['a browser window', (c: Record<string, unknown>) => (c.window = c)],
    ['a worker (self only)', (c: Record<string, unknown>) => (c.self = c)],
    ['a plain global', () => {}],
  ])('registers the ID under a stack whose top frame is the file, in %s', (_, setup) => {
    const context = vm.createContext({});
    setup(context as Record<string, unknown>);
    vm.runInContext(`${debugIdSnippet(id)}\nvar after = 1;`, context, { filename: 'https://cdn.example/app.js' });
    const ids = context._sentryDebugIds as Record<string, string>;
    expect(Object.values(ids)).toEqual([id]);
    expect(topFrame(Object.keys(ids)[0]).file).toBe('https://cdn.example/app.js');
    expect(context.after).toBe(1);
  });

  it('keeps IDs other files registered, and never throws', () => {
    const context = vm.createContext({ _sentryDebugIds: { 'earlier stack': 'other-id' } });
    vm.runInContext(debugIdSnippet(id), context, { filename: 'b.js' });
    expect(Object.values(context._sentryDebugIds)).toEqual(['other-id', id]);
    // Error made unusable: the snippet swallows what it cannot do.
    const hostile = vm.createContext({});
    vm.runInContext('Error = function () { throw new TypeError("no") };', hostile);
    expect(() => vm.runInContext(debugIdSnippet(id), hostile)).not.toThrow();
  });
});

describe('readDebugId', () => {
  it.each([
    ['code()\n//# debugId=85314830-023F-4CF1-8267-535F4E37BB17', '85314830-023f-4cf1-8267-535f4e37bb17'],
    ['code()\n//# debugId=85314830-023f-4cf1-8267-535f4e37bb17\n//# sourceMappingURL=a.js.map', '85314830-023f-4cf1-8267-535f4e37bb17'.toLowerCase()],
    ['code("//# debugId=85314830-023f-4cf1-8267-535f4e37bb17")', undefined],
    ['code()', undefined],
  ])('reads %j', (code, id) => {
    expect(readDebugId(code)).toBe(id);
  });
});

describe('injection in a webpack build', () => {
  it('is deterministic: the same sources give the same IDs and file names', async () => {
    const options = { dryRun: true, silent: true };
    const [a, b] = [await buildFixture([new FaultlineWebpackPlugin(options)]), await buildFixture([new FaultlineWebpackPlugin(options)])];
    expect(a.files).toEqual(b.files);
    const ids = (outDir: string, files: string[]) => files.filter((f) => f.endsWith('.js')).map((f) => readDebugId(readFileSync(join(outDir, f), 'utf8')));
    expect(ids(a.outDir, a.files)).toEqual(ids(b.outDir, b.files));
    expect(ids(a.outDir, a.files).every((id) => id && UUID.test(id))).toBe(true);
  });

  it('puts the snippet after a "use strict" prologue, keeping the file strict', async () => {
    const build = await buildFixture([new FaultlineWebpackPlugin({ dryRun: true, silent: true })]);
    const lazy = build.files.find((f) => f.endsWith('.js') && !f.includes('main.'))!;
    const code = readFileSync(join(build.outDir, lazy), 'utf8');
    expect(code.startsWith('"use strict";;!function(){try{')).toBe(true);
  });

  it('leaves scripts alone with debugIds: false', async () => {
    const build = await buildFixture([new FaultlineWebpackPlugin({ dryRun: true, silent: true, debugIds: false })]);
    for (const f of build.files) expect(readFileSync(join(build.outDir, f), 'utf8')).not.toMatch(/_sentryDebugIds|debugId|debug_id/);
  });
});
