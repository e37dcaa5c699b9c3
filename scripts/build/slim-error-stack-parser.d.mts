/** error-stack-parser 2.x's source as a slim ES module for core's script-tag build. */
export function slimErrorStackParser(code: string): string;
