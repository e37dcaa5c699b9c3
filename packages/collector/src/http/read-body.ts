import type { IncomingMessage } from 'node:http';
import type { Transform } from 'node:stream';
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';
import { HttpError } from './http-error';

/**
 * Reads a request body into memory, decompressing `Content-Encoding` gzip, deflate or br, and
 * stops at `limit` bytes *after* decompression: a gzip bomb ends with a 413 at the limit, never
 * filling memory. The compressed bytes are capped by the same limit.
 */
export function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length']);
    if (declared > limit) {
      req.resume();
      return reject(new HttpError(413, `request body of ${declared} bytes exceeds the limit of ${limit} bytes`));
    }
    const encoding = String(req.headers['content-encoding'] || 'identity').trim().toLowerCase();
    let decoder: Transform | undefined;
    if (encoding == 'gzip' || encoding == 'x-gzip') decoder = createGunzip();
    else if (encoding == 'deflate') decoder = createInflate();
    else if (encoding == 'br') decoder = createBrotliDecompress();
    else if (encoding != 'identity' && encoding != '') {
      req.resume();
      return reject(new HttpError(415, `unsupported Content-Encoding: ${encoding.slice(0, 40)}`));
    }

    const parts: Buffer[] = [];
    let size = 0;
    let rawSize = 0;
    let settled = false;
    const fail = (error: HttpError) => {
      if (settled) return;
      settled = true;
      decoder?.destroy();
      req.unpipe();
      req.resume(); // drain what is left, so the answer can still be written
      reject(error);
    };
    const onData = (chunk: Buffer) => {
      if (settled) return;
      size += chunk.length;
      if (size > limit) return fail(new HttpError(413, `request body exceeds the limit of ${limit} bytes${decoder ? ' after decompression' : ''}`));
      parts.push(chunk);
    };
    const onEnd = () => {
      if (settled) return;
      settled = true;
      resolve(Buffer.concat(parts, size));
    };
    req.on('error', () => fail(new HttpError(400, 'the request body was cut off')));
    req.on('aborted', () => fail(new HttpError(400, 'the request body was cut off')));
    if (decoder) {
      req.on('data', (chunk: Buffer) => {
        rawSize += chunk.length;
        if (rawSize > limit) fail(new HttpError(413, `request body exceeds the limit of ${limit} bytes`));
      });
      decoder.on('data', onData);
      decoder.on('end', onEnd);
      decoder.on('error', () => fail(new HttpError(400, `the body is not valid ${encoding} data`)));
      req.pipe(decoder);
    } else {
      req.on('data', onData);
      req.on('end', onEnd);
    }
  });
}
