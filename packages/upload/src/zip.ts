import { promisify } from 'node:util';
import * as zlib from 'node:zlib';
import { runPool } from './pool';

export interface ZipEntry {
  name: string;
  data: Uint8Array;
}

let table: Int32Array | undefined;
/** Fallback for Node < 20.15, which lacks `zlib.crc32`. */
function crc32js(data: Uint8Array): number {
  if (!table) {
    table = new Int32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      table[n] = c;
    }
  }
  let crc = -1;
  for (let i = 0; i < data.length; i++) crc = table[(crc ^ data[i]) & 0xff] ^ (crc >>> 8);
  return (crc ^ -1) >>> 0;
}

const crc32 = (data: Uint8Array): number => {
  const native = (zlib as { crc32?: (d: Uint8Array) => number }).crc32;
  return native ? native(data) : crc32js(data);
};

/** DOS date of 1980-01-01, 00:00: fixed, so the same files always make the same archive. */
const DOS_DATE = (1 << 5) | 1;
/**
 * Version 2.0, made by Unix: readers that see an MS-DOS archive (host 0) may take names as
 * code page 437 despite the UTF-8 flag (Info-ZIP unzip 6.0 does). A regular file, rw-r--r--.
 */
const MADE_BY = (3 << 8) | 20;
const UNIX_FILE = 0o100644 << 16;

// zlib's thread pool, not the caller's thread: packing a big bundle leaves the build's event loop free.
const deflateRaw = promisify(zlib.deflateRaw);

/**
 * Writes a ZIP archive (deflated entries, UTF-8 names, no ZIP64) with Node's zlib, deflating in
 * its thread pool (up to 4 entries at a time). Deterministic: same entries in, same bytes out,
 * so the server can tell it already has a bundle.
 */
export async function createZip(entries: readonly ZipEntry[]): Promise<Buffer> {
  if (entries.length > 0xffff) throw new Error(`too many files for one archive: ${entries.length}`);
  const compressed = await runPool(entries, 4, (entry) => deflateRaw(entry.data));
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [index, entry] of entries.entries()) {
    const name = Buffer.from(entry.name, 'utf8');
    const deflated = compressed[index];
    const stored = deflated.length >= entry.data.length;
    const body = stored ? Buffer.from(entry.data) : deflated;
    const crc = crc32(entry.data);
    if (offset + body.length > 0xffffffff) throw new Error('artifact bundle larger than 4 GB');

    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4); // version needed
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt16LE(stored ? 0 : 8, 8);
    local.writeUInt16LE(0, 10); // time
    local.writeUInt16LE(DOS_DATE, 12);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(entry.data.length, 22);
    local.writeUInt16LE(name.length, 26);
    local.writeUInt16LE(0, 28);

    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(MADE_BY, 4);
    central.writeUInt16LE(20, 6); // needed
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(stored ? 0 : 8, 10);
    central.writeUInt16LE(0, 12);
    central.writeUInt16LE(DOS_DATE, 14);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(body.length, 20);
    central.writeUInt32LE(entry.data.length, 24);
    central.writeUInt16LE(name.length, 28);
    // extra, comment, disk, internal attributes: 0
    central.writeUInt32LE(UNIX_FILE >>> 0, 38);
    central.writeUInt32LE(offset, 42);

    locals.push(local, name, body);
    centrals.push(central, name);
    offset += local.length + name.length + body.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}
