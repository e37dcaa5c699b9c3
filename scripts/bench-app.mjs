// The generated app that the benchmarks build: small modules in import chains, each with a
// constant, a function that may throw and a class, so bundles and maps look like an app's.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Writes `m0.js` … `m<count-1>.js` into `src`. Module i imports module i+1 unless i+1 starts a
 * new chain of `chain` modules; its function is `<fn><i>`; `lorem` sets the constant's length.
 */
export function writeBenchModules(src, { count, chain, fn, lorem }) {
  mkdirSync(src, { recursive: true });
  for (let i = 0; i < count; i++) {
    const next = (i + 1) % chain ? i + 1 : null;
    writeFileSync(
      join(src, `m${i}.js`),
      `${next ? `import { ${fn}${next} } from './m${next}.js';\n` : ''}
export const label${i} = 'module ${i}: ' + ${JSON.stringify('lorem ipsum dolor sit amet '.repeat(lorem))};

export function ${fn}${i}(input, depth = 0) {
  const values = [input, input * 2, input + ${i}, depth];
  if (input > ${1000 + i}) {
    throw new Error('module ${i} cannot handle ' + input);
  }
  const total = values.map((value) => value * ${(i % 13) + 1}).reduce((sum, value) => sum + value, 0);
  return depth > 3 ? total : total + ${next ? `${fn}${next}(input - 1, depth + 1)` : '0'};
}

export class Widget${i} {
  constructor(name) {
    this.name = name;
    this.items = [];
  }
  add(item) {
    if (!item) throw new TypeError('widget ${i} needs an item');
    this.items.push(item);
    return this.items.length;
  }
  render() {
    return this.items.map((item, index) => \`\${this.name} #\${index}: \${item} (\${label${i}})\`).join('\\n');
  }
}
`,
    );
  }
}
