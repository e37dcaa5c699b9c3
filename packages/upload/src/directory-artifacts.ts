import { readdir, readFile, stat } from 'node:fs/promises';
import { isAbsolute, join, posix, relative, resolve } from 'node:path';
import { artifactType, relativeMapPath, withTrailingSlash, type Artifact } from './artifacts';
import { localSourceMapPath } from './source-map-url';

/** Every file under `root`, as `/`-separated paths relative to it, sorted. */
export async function listFiles(root: string): Promise<string[]> {
  const out: string[] = [];
  const walk = async (dir: string): Promise<void> => {
    for (const entry of await readdir(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) await walk(path);
      else if (entry.isFile()) out.push(relative(root, path).split('\\').join('/'));
    }
  };
  await walk(root);
  return out.sort();
}

/**
 * The files of a build directory as artifacts named `urlPrefix` + path, each script paired with
 * its map: the one its `sourceMappingURL` comment names, else `<script>.map`, when selected too.
 */
export async function artifactsIn(root: string, files: readonly string[], urlPrefix = '~/'): Promise<Artifact[]> {
  const prefix = withTrailingSlash(urlPrefix);
  const selected = new Set(files);
  const artifacts: Artifact[] = [];
  for (const file of files) {
    const path = join(root, file);
    const type = artifactType(file);
    let sourceMap: string | undefined;
    if (type == 'minified_source') {
      const named = localSourceMapPath(await readFile(path, 'utf8'));
      const candidates = [named && posix.join(posix.dirname(file), named), `${file}.map`];
      const map = candidates.find((c) => c && selected.has(c));
      if (map) sourceMap = relativeMapPath(file, map);
    }
    artifacts.push({ file, url: prefix + file, type, sourceMap, size: (await stat(path)).size });
  }
  return artifacts;
}

/** `files` given by the caller, as paths relative to `root`; none may lie outside it. */
export function filesUnder(root: string, files: readonly string[]): string[] {
  return files.map((f) => {
    const inRoot = relative(root, resolve(root, f)).split('\\').join('/');
    if (!inRoot || inRoot.startsWith('../') || isAbsolute(inRoot)) throw new Error(`${f} is not inside ${root}`);
    return inRoot;
  });
}
