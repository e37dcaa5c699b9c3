// Stands in for the `stackframe` package in the minified CDN build. error-stack-parser only
// constructs frames, and parseStack only reads these five fields; the full class (setters,
// getters, toString) costs about 0.7 KB gzipped. stackframe throws on a location that is not a
// number; the parser's locations are `\d+` captures or undefined, so that check cannot fire.

interface Parsed {
  functionName?: string;
  fileName?: string;
  source?: string;
  lineNumber?: string;
  columnNumber?: string;
}

const num = (v: string | undefined): number | undefined => (v === undefined ? v : +v);

// The parser passes regex matches (strings or undefined), so no String() conversion is needed.
export default function StackFrame(this: Record<string, unknown>, o: Parsed): void {
  this.functionName = o.functionName;
  this.fileName = o.fileName;
  this.source = o.source;
  this.lineNumber = num(o.lineNumber);
  this.columnNumber = num(o.columnNumber);
}
