import { createHash } from 'node:crypto';
import { trailingCommentStart } from './source-map-url';
import { shiftGeneratedColumns } from './vlq';

const DEBUG_ID_COMMENT = /(?:^|\n)\/\/# debugId=([0-9a-fA-F]{8}-(?:[0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12})[ \t]*(?:\r?\n|$)/g;
const SHEBANG = /^#![^\n]*\n/;
const USE_STRICT = /^(?:\s*(['"])use strict\1;?)+/;

/** A UUID (version 4 layout) derived from the content, so identical builds get identical IDs. */
export function debugIdFor(content: string | Uint8Array): string {
  const h = createHash('sha1').update(content).digest('hex');
  const variant = ((parseInt(h[16], 16) & 3) | 8).toString(16);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/**
 * Registers `id` under the stack of an Error made in this file, the way Sentry's bundler plugins
 * do (`_sentryDebugIds[stack] = id`): the SDK maps the stack's innermost frame to the id. Safe
 * everywhere (browsers, workers, Node), and never throws.
 */
export const debugIdSnippet = (id: string) =>
  `;!function(){try{var g=typeof globalThis<"u"?globalThis:typeof self<"u"?self:typeof window<"u"?window:typeof global<"u"?global:{},s=new Error().stack;s&&((g._sentryDebugIds=g._sentryDebugIds||{})[s]="${id}")}catch(e){}}();`;

/** The debug ID of a file from its last `//# debugId=` comment. */
export function readDebugId(code: string): string | undefined {
  let id: string | undefined;
  for (const match of code.matchAll(DEBUG_ID_COMMENT)) id = match[1].toLowerCase();
  return id;
}

/** Where the snippet goes: the file's first statement, after a shebang line and a `"use strict"` prologue. */
export function debugIdInsertOffset(code: string): number {
  const shebang = SHEBANG.exec(code);
  const start = shebang ? shebang[0].length : 0;
  const prologue = USE_STRICT.exec(code.slice(start));
  return start + (prologue ? prologue[0].length : 0);
}

/** What `injectDebugIdIntoCode` changed, for the script's map. */
export interface Injected {
  code: string;
  id: string;
  /** Where the snippet went: 0-based line and column in the generated code, and its length. */
  at?: { line: number; column: number; length: number };
}

/**
 * Adds a debug ID to a script's text: the snippet as its first statement and a `//# debugId=`
 * comment at the end (before a trailing `sourceMappingURL` comment). A script that has one
 * already is returned as it is.
 */
export function injectDebugIdIntoCode(code: string): Injected {
  const existing = readDebugId(code);
  if (existing) return { code, id: existing };
  const id = debugIdFor(code);
  const snippet = debugIdSnippet(id);
  const offset = debugIdInsertOffset(code);
  const before = code.slice(0, offset).split('\n');
  const end = trailingCommentStart(code);
  const body = code.slice(0, end);
  const comment = `${body.endsWith('\n') || !body ? '' : '\n'}//# debugId=${id}${end < code.length ? '\n' : ''}`;
  return {
    code: code.slice(0, offset) + snippet + code.slice(offset, end) + comment + code.slice(end),
    id,
    at: { line: before.length - 1, column: before[before.length - 1].length, length: snippet.length },
  };
}

/**
 * A map's JSON with `debug_id` (and the newer `debugId`) set, and its mappings moved past the
 * snippet when one was inserted into the script; `undefined` when the map is not JSON.
 */
export function withMapDebugId(map: string, id: string, at?: Injected['at']): string | undefined {
  let json: MapJson & { debug_id?: string; debugId?: string };
  try {
    json = JSON.parse(map);
  } catch {
    return undefined;
  }
  if (!json || typeof json != 'object') return undefined;
  if (at) shiftMap(json, at);
  json.debug_id = json.debugId = id;
  return JSON.stringify(json);
}

interface Section {
  offset?: { line?: number; column?: number };
  map?: MapJson;
}

interface MapJson {
  mappings?: unknown;
  sections?: Section[];
}

/**
 * Moves a map's mappings past text inserted into its generated file (no newline in it). An
 * index map (`sections`) moves the sections that start on that line at or after the column,
 * and the mappings of the section the text went into.
 */
function shiftMap(json: MapJson, at: NonNullable<Injected['at']>): void {
  if (typeof json.mappings == 'string') json.mappings = shiftGeneratedColumns(json.mappings, at.line, at.column, at.length);
  if (!Array.isArray(json.sections)) return;
  const position = (s: Section) => ({ line: s.offset?.line ?? 0, column: s.offset?.column ?? 0 });
  // The section holding the insertion point: the last that starts before it.
  const holder = json.sections.filter((s) => {
    const p = position(s);
    return p.line < at.line || (p.line == at.line && p.column < at.column);
  }).pop();
  for (const section of json.sections) {
    const p = position(section);
    if (p.line == at.line && p.column >= at.column) section.offset = { line: p.line, column: p.column + at.length };
  }
  if (holder?.map) {
    const p = position(holder);
    const line = at.line - p.line;
    shiftMap(holder.map, { line, column: line ? at.column : at.column - p.column, length: at.length });
  }
}
