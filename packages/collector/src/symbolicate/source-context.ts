const CONTEXT_LINES = 5;
const MAX_LINE = 150;

/** Cuts a long line to ~150 characters around `column`, as Sentry does, marking the cuts. */
export function trimLine(line: string, column = 0): string {
  if (line.length <= MAX_LINE) return line;
  const start = Math.max(0, Math.min(column - 60, line.length - MAX_LINE));
  const end = Math.min(line.length, start + MAX_LINE);
  return `${start > 0 ? '{snip} ' : ''}${line.slice(start, end)}${end < line.length ? ' {snip}' : ''}`;
}

/** 5 lines before, the line, 5 after (1-based `line`), each trimmed. */
export function sourceContext(lines: string[], line: number, column: number) {
  const i = line - 1;
  if (i < 0 || i >= lines.length) return undefined;
  return {
    pre_context: lines.slice(Math.max(0, i - CONTEXT_LINES), i).map((l) => trimLine(l)),
    context_line: trimLine(lines[i], column),
    post_context: lines.slice(i + 1, i + 1 + CONTEXT_LINES).map((l) => trimLine(l)),
  };
}
