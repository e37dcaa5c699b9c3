// Stands in for the `stackframe` package in the minified CDN build. error-stack-parser only
// constructs frames, and parseStack only reads these five fields; the full class (setters,
// getters, toString) costs about 0.7 KB gzipped. Numbers are checked as stackframe does:
// a non-number location throws, which fails the parse the same way.

interface Parsed {
  functionName?: string;
  fileName?: string;
  source?: string;
  lineNumber?: string;
  columnNumber?: string;
}

function num(v: string | undefined): number | undefined {
  if (v === undefined) return v;
  if (isNaN(parseFloat(v)) || !isFinite(v as unknown as number)) throw new TypeError('NaN location');
  return +v;
}

// The parser passes regex matches (strings or undefined), so no String() conversion is needed.
export default function StackFrame(this: Record<string, unknown>, o: Parsed): void {
  this.functionName = o.functionName;
  this.fileName = o.fileName;
  this.source = o.source;
  this.lineNumber = num(o.lineNumber);
  this.columnNumber = num(o.columnNumber);
}
