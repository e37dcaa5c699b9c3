import type { IncomingMessage } from 'node:http';
import { HttpError } from '../http/http-error';
import { readBody } from '../http/read-body';

const MAX_JSON_BYTES = 1024 * 1024;

/** A JSON object body (empty body = `{}`), 400 when it is anything else. */
export async function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
  const body = await readBody(req, MAX_JSON_BYTES);
  if (!body.length) return {};
  let value: unknown;
  try {
    value = JSON.parse(body.toString('utf8'));
  } catch {
    throw new HttpError(400, 'the body is not valid JSON');
  }
  if (!value || typeof value != 'object' || Array.isArray(value)) throw new HttpError(400, 'the body must be a JSON object');
  return value as Record<string, unknown>;
}

/** A multipart/form-data body, parsed by Node's own `Request.formData()`. */
export async function readForm(req: IncomingMessage, limit: number): Promise<FormData> {
  const type = String(req.headers['content-type'] || '');
  if (!/^multipart\/form-data/i.test(type)) throw new HttpError(400, 'expected a multipart/form-data body');
  const body = await readBody(req, limit);
  try {
    return await new Request('http://collector/', { method: 'POST', headers: { 'content-type': type }, body: new Uint8Array(body) }).formData();
  } catch {
    throw new HttpError(400, 'the multipart body could not be parsed');
  }
}
