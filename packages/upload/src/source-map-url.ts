const SOURCE_MAPPING_URL = /(?:^|\n)[ \t]*\/\/[#@] sourceMappingURL=([^\s'"]+)[ \t]*\r?\n?$/;

/** The URL of the last line's `//# sourceMappingURL=` comment, if the file ends with one. */
export function readSourceMappingUrl(code: string): string | undefined {
  const match = SOURCE_MAPPING_URL.exec(code.trimEnd() + '\n');
  return match ? match[1] : undefined;
}

/** Where the trailing `//# sourceMappingURL=` comment starts (its line), or the end of the code. */
export function trailingCommentStart(code: string): number {
  const match = SOURCE_MAPPING_URL.exec(code);
  if (!match) return code.length;
  return match.index + (match[0].startsWith('\n') ? 1 : 0);
}

/** The trailing comment's URL when it names a file beside the script (not `data:` nor `https:`), decoded. */
export function localSourceMapPath(code: string): string | undefined {
  const url = readSourceMappingUrl(code);
  return url && !/^[a-z][a-z0-9+.-]*:/i.test(url) ? decodeURI(url) : undefined;
}
