import { randomBytes } from 'node:crypto';

export type Part =
  | { name: string; value: string }
  | { name: string; filename: string; data: Uint8Array; type?: string };

const quote = (s: string) => s.replace(/[\r\n"]/g, (c) => encodeURIComponent(c));

/** Encodes `multipart/form-data`, the only body Sentry's file endpoints accept. */
export function encodeMultipart(parts: readonly Part[]): { body: Buffer; contentType: string } {
  const boundary = `----faultline${randomBytes(12).toString('hex')}`;
  const chunks: Buffer[] = [];
  for (const part of parts) {
    let head = `--${boundary}\r\nContent-Disposition: form-data; name="${quote(part.name)}"`;
    if ('data' in part) {
      head += `; filename="${quote(part.filename)}"\r\nContent-Type: ${part.type || 'application/octet-stream'}`;
      chunks.push(Buffer.from(`${head}\r\n\r\n`), Buffer.from(part.data.buffer, part.data.byteOffset, part.data.byteLength));
    } else {
      chunks.push(Buffer.from(`${head}\r\n\r\n${part.value}`));
    }
    chunks.push(Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { body: Buffer.concat(chunks), contentType: `multipart/form-data; boundary=${boundary}` };
}
