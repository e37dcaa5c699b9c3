import { unlink } from 'node:fs/promises';
import { isAbsolute, join, relative } from 'node:path';
import type { Artifact } from './artifacts';
import { createFileTest } from './file-filter';
import { plural } from './logger';
import type { FileFilter } from './options';

/**
 * What to delete once an upload succeeded: `true` deletes the uploaded source maps; filters
 * (globs, paths, RegExps, tests, as `include` takes them) pick files of the build directory by
 * their path in it or from the working directory (`./dist/**\/*.map`, as Sentry's
 * `filesToDeleteAfterUpload` reads them).
 */
export type DeleteAfterUpload = boolean | FileFilter | FileFilter[];

/** Deletes one file, given by its path in the build directory; a bundler plugin passes its output file system's. */
export type RemoveFile = (file: string) => Promise<void>;

/** Node's unlink; a file already gone counts as deleted. */
const unlinkIfPresent = (path: string) =>
  unlink(path).catch((e: NodeJS.ErrnoException) => {
    if (e.code != 'ENOENT') throw e;
  });

/** The files `what` picks, as paths in `root`: the uploaded maps, or the files of `all` the filters select. */
export function filesToDelete(what: DeleteAfterUpload, root: string, uploaded: readonly Artifact[], all: readonly string[]): string[] {
  if (what === false) return [];
  if (what === true) return uploaded.filter((a) => a.type == 'source_map').map((a) => a.file);
  const test = createFileTest(what, undefined);
  const dirs = { context: process.cwd(), outputPath: root };
  return all.filter((file) => {
    const path = join(root, file);
    const fromCwd = relative(process.cwd(), path).split('\\').join('/');
    return test(file, dirs) || (!isAbsolute(fromCwd) && test(fromCwd)) || test(path);
  });
}

/**
 * Deletes `files` (paths in `root`) and says so in one line, e.g. `deleted 11 uploaded source
 * maps from /app/dist`. Rejects with the first error other than a file already gone.
 */
export async function deleteUploadedFiles(root: string, files: readonly string[], remove?: RemoveFile): Promise<string> {
  await Promise.all(files.map((f) => (remove ? remove(f) : unlinkIfPresent(join(root, f)))));
  const allMaps = files.every((f) => f.endsWith('.map'));
  return `deleted ${plural(files.length, allMaps ? 'uploaded source map' : 'file')} from ${root}`;
}
