import { readFile, stat, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { injectDebugIdIntoCode, withMapDebugId } from './debug-ids';
import { listFiles } from './directory-artifacts';
import { localSourceMapPath } from './source-map-url';

/** One script `injectDebugIds` looked at. */
export interface InjectedScript {
  /** The script's path. */
  file: string;
  debugId: string;
  /** Its map's path, when one was found (and given the ID). */
  map?: string;
  /** `false` when the script had a debug ID already (it is left as it is). */
  injected: boolean;
}

const SCRIPT = /\.(m|c)?js$/i;
const exists = (path: string) => stat(path).then((s) => s.isFile(), () => false);

/** The script's map: the file its `sourceMappingURL` comment names, else `<script>.map`. */
async function mapOf(script: string, code: string): Promise<string | undefined> {
  const named = localSourceMapPath(code);
  const candidates = [named && join(dirname(script), named), `${script}.map`];
  for (const c of candidates) if (c && (await exists(c))) return c;
  return undefined;
}

/**
 * Gives every script (`.js`, `.mjs`, `.cjs`) of a directory, or of a list of files, a debug ID,
 * in place: a snippet registering it in `globalThis._sentryDebugIds` as the first statement, a
 * `//# debugId=` comment, and `debug_id` in its map, whose mappings account for the snippet.
 * IDs derive from the content; a script with an ID keeps it (its map still gets it), so running
 * twice changes nothing.
 *
 * @example await injectDebugIds('./dist')
 */
export async function injectDebugIds(target: string | string[]): Promise<InjectedScript[]> {
  let scripts: string[];
  if (typeof target == 'string') {
    const root = resolve(target);
    if (!(await stat(root).then((s) => s.isDirectory(), () => false))) throw new Error(`no such directory: ${root}`);
    scripts = (await listFiles(root)).filter((f) => SCRIPT.test(f)).map((f) => join(root, f));
  } else {
    scripts = target.map((f) => resolve(f)).filter((f) => SCRIPT.test(f));
  }
  const done: InjectedScript[] = [];
  for (const file of scripts) {
    const code = await readFile(file, 'utf8');
    const result = injectDebugIdIntoCode(code);
    if (result.at) await writeFile(file, result.code);
    const map = await mapOf(file, code);
    if (map) {
      const text = await readFile(map, 'utf8');
      const updated = withMapDebugId(text, result.id, result.at);
      if (updated && updated != text) await writeFile(map, updated);
    }
    done.push({ file, debugId: result.id, map, injected: !!result.at });
  }
  return done;
}
