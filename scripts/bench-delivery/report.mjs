// Tables for the terminal, in the style of the other benchmarks.
const pad = (s, n) => String(s).padEnd(n);
const padL = (s, n) => String(s).padStart(n);

/** `cols`: [heading, width]; the first column is left-aligned, the others right-aligned. */
export function table(cols, rows) {
  const line = (cells) => cells.map((c, i) => (i ? padL(c, cols[i][1]) : pad(c, cols[i][1]))).join('');
  return [line(cols.map(([h]) => h)), ...rows.map(line)].join('\n');
}

export const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.floor(s.length / 2)] : null;
};

export const ms = (x) => (x == null ? '–' : `${Math.round(x)} ms`);
