// Validates events against relay's published event schemas, old (Sentry 20.x) and current:
// an event valid for both is understood by self-hosted 20.x servers and by sentry.io today.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';

const SCHEMAS = {
  current: 'event.schema.json',
  '2020-11': 'event.schema.2020-11.json',
} as const;

type SchemaName = keyof typeof SCHEMAS;

function compile(file: string): ValidateFunction {
  // Not `new URL(…, import.meta.url)`: Vite rewrites that pattern into an asset URL in jsdom tests.
  const path = join(dirname(fileURLToPath(import.meta.url)), '../fixtures/protocol', file);
  // The schemas use Rust formats (uint64, double) Ajv does not know, and union types: not errors here.
  const ajv = new Ajv({ strict: false, validateFormats: false, allowUnionTypes: true, allErrors: true });
  return ajv.compile(JSON.parse(readFileSync(path, 'utf8')));
}

const validators = Object.fromEntries(
  Object.entries(SCHEMAS).map(([name, file]) => [name, compile(file)]),
) as Record<SchemaName, ValidateFunction>;

export interface ValidationResult {
  valid: boolean;
  /** One line per problem, `schema: /path message (got value)`; empty when valid. */
  errors: string;
}

export function validateEvent(event: unknown): ValidationResult {
  const lines: string[] = [];
  for (const [name, validate] of Object.entries(validators)) {
    if (!validate(event)) lines.push(...describeErrors(validate.errors ?? [], event).map((line) => `${name}: ${line}`));
  }
  return { valid: lines.length === 0, errors: lines.join('\n') };
}

/** Throws with every schema problem listed when the event is invalid for either schema. */
export function expectValidEvent(event: unknown): void {
  const { valid, errors } = validateEvent(event);
  if (!valid) throw new Error(`Event does not match Sentry's event schema:\n${errors}`);
}

function describeErrors(errors: ErrorObject[], event: unknown): string[] {
  // Every optional field is `anyOf [X, null]`: the "must be null" and "must match anyOf" echoes only hide the cause.
  const causes = errors.filter((e) => e.keyword !== 'anyOf' && !(e.keyword === 'type' && e.params.type === 'null'));
  const lines = (causes.length ? causes : errors).map((e) => describeError(e, event));
  return [...new Set(lines)];
}

function describeError(error: ErrorObject, event: unknown): string {
  const path = error.instancePath || '(event)';
  const allowed = error.keyword === 'enum' ? ` ${JSON.stringify(error.params.allowedValues)}` : '';
  const extra = error.keyword === 'additionalProperties' ? ` "${String(error.params.additionalProperty)}"` : '';
  const got = error.keyword === 'additionalProperties' ? '' : `; got ${preview(valueAt(event, error.instancePath))}`;
  return `${path} ${error.message ?? error.keyword}${allowed}${extra}${got}`;
}

function valueAt(root: unknown, pointer: string): unknown {
  let value = root;
  for (const segment of pointer.split('/').slice(1)) {
    const key = segment.replace(/~1/g, '/').replace(/~0/g, '~');
    value = value !== null && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined;
  }
  return value;
}

function preview(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}
