// The on-disk tar walker: reads header blocks with positional reads and skips entry data
// without reading it, so indexing a 1 GB archive costs one 512-byte read per entry.
// Header semantics come from the same TarHeaderDecoder as the streaming parser.
import { open, type FileHandle } from 'node:fs/promises';
import { FormatError } from '../errors.js';
import type { Limits } from '../model/limits.js';
import { BLOCK, padding, type TarEnd, type TarHeader } from './header.js';
import { TarHeaderDecoder, tarEnd } from './decoder.js';
import { firstNonZero } from '../io/zero.js';

export interface TarMember {
  header: TarHeader;
  /** Offset of the entry's data in the file (its length is the data size: 0 for header-only types). */
  dataOffset: number;
}

async function readFully(fh: FileHandle, buf: Buffer, at: number): Promise<void> {
  let got = 0;
  while (got < buf.length) {
    const { bytesRead } = await fh.read(buf, got, buf.length - got, at + got);
    if (bytesRead === 0) throw new FormatError('file shrank while being read', at + got);
    got += bytesRead;
  }
}

/**
 * Walks the headers of the tar at `path`. With `onMember`, each member is handed over as it is
 * found and NOT collected (`members` comes back empty): a caller that keeps a smaller record per
 * member (the tar container: name, stat, offset) then never holds every TarHeader at once.
 */
export async function indexTarFile(
  path: string, limits: Limits, onMember?: (m: TarMember) => void,
): Promise<{ members: TarMember[]; end: TarEnd }> {
  const fh = await open(path, 'r');
  try {
    const size = (await fh.stat()).size;
    const dec = new TarHeaderDecoder(limits);
    const block = Buffer.alloc(BLOCK);
    const members: TarMember[] = [];
    let off = 0;
    for (;;) {
      if (off === size) {
        dec.finish(off);
        return { members, end: tarEnd(false, off, size, -1) };
      }
      if (size - off < BLOCK) throw new FormatError('tar truncated inside a header block', off);
      await readFully(fh, block, off);
      const r = dec.block(block, 0, off);
      off += BLOCK;
      switch (r.kind) {
        case 'zero':
          break;
        case 'end':
          return { members, end: tarEnd(true, off, size, await firstNonZeroInFile(fh, off, size)) };
        case 'meta': {
          if (off + r.size > size) throw new FormatError('tar truncated inside an extended header', size);
          const body = Buffer.alloc(r.size);
          await readFully(fh, body, off);
          dec.meta(body);
          off = checkedSkip(off, r.size, size, 'an extended header');
          break;
        }
        case 'entry': {
          if (onMember) onMember({ header: r.header, dataOffset: off });
          else members.push({ header: r.header, dataOffset: off });
          if (off + r.dataSize > size) {
            throw new FormatError(`tar truncated inside entry data (${off + r.dataSize - size} bytes missing)`, size);
          }
          // Same rule as TarParser.end(): data complete but padding cut short is "possibly
          // truncated", not an error.
          if (off + r.dataSize + padding(r.dataSize) > size) {
            dec.finish(size);
            return { members, end: { ...tarEnd(false, size, size, -1), truncatedPadding: true } };
          }
          off = checkedSkip(off, r.dataSize, size, 'entry data');
          break;
        }
      }
    }
  } finally {
    await fh.close();
  }
}

function checkedSkip(off: number, len: number, size: number, after: string): number {
  const next = off + len + padding(len);
  if (next > size) throw new FormatError(`tar truncated inside the padding after ${after}`, size);
  return next;
}

async function firstNonZeroInFile(fh: FileHandle, from: number, size: number): Promise<number> {
  const buf = Buffer.alloc(64 * 1024);
  for (let at = from; at < size; at += buf.length) {
    const len = Math.min(buf.length, size - at);
    const view = buf.subarray(0, len);
    await readFully(fh, view, at);
    const i = firstNonZero(view, 0, len);
    if (i >= 0) return at + i;
  }
  return -1;
}
