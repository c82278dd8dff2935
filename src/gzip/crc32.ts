// CRC-32 (ISO 3309, the gzip trailer's CRC). zlib.crc32 is native from Node 20.15 / 22.2; older
// Node 20 releases get a table-driven fallback (slower, but correct).
import * as zlib from 'node:zlib';

type Crc32 = (data: Uint8Array, value?: number) => number;

let table: Uint32Array | null = null;

/** The portable implementation (exported for tests, which compare it with the native one). */
export function crc32Table(data: Uint8Array, value = 0): number {
  if (table === null) {
    table = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      table[n] = c >>> 0;
    }
  }
  const t = table;
  let c = (value ^ 0xffffffff) >>> 0;
  for (let i = 0; i < data.length; i++) c = t[(c ^ data[i]!) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

const native = (zlib as unknown as { crc32?: Crc32 }).crc32;

export const crc32: Crc32 = typeof native === 'function' ? native : crc32Table;
export const crc32IsNative = typeof native === 'function';
