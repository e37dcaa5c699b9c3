import { isAbsolute, posix, relative, resolve } from 'node:path';
import picomatch from 'picomatch';
import type { FileFilter } from './options';

/** Where the build runs and writes: a directory in `include` may be given from either. */
export interface BuildDirs {
  /** The project (webpack's `context`; the working directory for the CLI); the working directory is tried too. */
  context: string;
  outputPath: string;
}

/** A test on a file's path in the output directory (`static/js/app.js`). */
export type FileTest = (file: string, dirs?: BuildDirs) => boolean;

/** What is uploaded by default, and what a directory in `include` contributes. */
export const DEFAULT_FILES = /\.(m|c)?js$|\.map$/;
const DEFAULT_FILES_TEXT = 'the emitted .js, .mjs, .cjs and .map files';

/** A glob (picomatch syntax: `**`, `{js,map}`, `+(a|b)`, `?`) as an anchored RegExp. */
export const globToRegExp = (glob: string): RegExp => picomatch.makeRe(glob.replace(/^\.\//, ''), { dot: true });

const isInside = (path: string) => path == '' || (!path.startsWith('..') && !isAbsolute(path));

/**
 * A path without glob characters: that file, or a directory whose scripts and maps are taken
 * (the `include: './dist'` of @sentry/webpack-plugin 1.x). Read in the output directory, then
 * from the project (`context`) and the working directory, so `.` and `./dist` mean the build.
 */
function pathTest(text: string): FileTest {
  const inOutput = posix.normalize(text.replace(/\\/g, '/')).replace(/\/+$/, '').replace(/^\.$/, '');
  return (file, dirs) => {
    if (file == inOutput) return true;
    const taken = DEFAULT_FILES.test(file);
    if (taken && (inOutput == '' || file.startsWith(`${inOutput}/`))) return true;
    if (!dirs) return false;
    const absolute = resolve(dirs.outputPath, file);
    for (const base of new Set([dirs.context, process.cwd()])) {
      const fromDir = relative(resolve(base, text), absolute);
      if (fromDir == '' || (taken && isInside(fromDir))) return true;
    }
    return false;
  };
}

function filterTest(filter: FileFilter): FileTest {
  if (typeof filter == 'function') return (file) => filter(file);
  if (typeof filter == 'string') {
    if (!picomatch.scan(filter).isGlob) return pathTest(filter);
    const matches = picomatch(filter.replace(/^\.\//, ''), { dot: true });
    return (file) => matches(file);
  }
  // A RegExp with the g or y flag keeps state between calls: test on a fresh copy each time.
  return (file) => new RegExp(filter.source, filter.flags.replace(/[gy]/g, '')).test(file);
}

/** Include and exclude folded into one test; `include` defaults to the emitted scripts and maps. */
export function createFileTest(include: FileFilter | FileFilter[] | undefined, exclude: FileFilter | FileFilter[] | undefined): FileTest {
  const list = (f: FileFilter | FileFilter[] | undefined) => (f === undefined ? [] : Array.isArray(f) ? f : [f]).map(filterTest);
  const includes = include === undefined ? [(file: string) => DEFAULT_FILES.test(file)] : list(include);
  const excludes = list(exclude);
  return (file, dirs) => includes.some((t) => t(file, dirs)) && !excludes.some((t) => t(file, dirs));
}

/** `include: "**\/*.js"; exclude: /vendor/`, for messages. */
export function describeFilters(include: FileFilter | FileFilter[] | undefined, exclude: FileFilter | FileFilter[] | undefined): string {
  const text = (f: FileFilter | FileFilter[]) =>
    (Array.isArray(f) ? f : [f]).map((x) => (typeof x == 'string' ? JSON.stringify(x) : typeof x == 'function' ? 'a function' : String(x))).join(', ');
  return `include: ${include === undefined ? DEFAULT_FILES_TEXT : text(include)}${exclude === undefined ? '' : `; exclude: ${text(exclude)}`}`;
}
