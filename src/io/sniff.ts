// Compression is detected by magic bytes, never by file name or media type.
import type { Compression } from '../model/types.js';

/** Bytes needed to tell every format below apart. */
export const SNIFF_BYTES = 10;

/** gzip `1f 8b`, zstd `28 b5 2f fd`, anything else is taken as uncompressed. */
export function detectCompression(buf: Buffer): Compression {
  if (buf.length >= 2 && buf[0] === 0x1f && buf[1] === 0x8b) return 'gzip';
  if (buf.length >= 4 && buf[0] === 0x28 && buf[1] === 0xb5 && buf[2] === 0x2f && buf[3] === 0xfd) return 'zstd';
  return 'none';
}

/** Compressions repcheck recognises but does not decompress (callers ask the user to). */
export function detectUnsupported(buf: Buffer): 'xz' | 'bzip2' | null {
  if (buf.length >= 6 && buf[0] === 0xfd && buf.toString('latin1', 1, 6) === '7zXZ\x00') return 'xz';
  // "BZh" + block size digit 1-9, then the block magic (pi) or the end-of-stream magic (sqrt pi),
  // so a plain tar whose first name starts with "BZh1" is not mistaken for bzip2.
  if (buf.length >= 10 && buf.toString('latin1', 0, 3) === 'BZh' && buf[3]! >= 0x31 && buf[3]! <= 0x39) {
    const m = buf.toString('hex', 4, 10);
    if (m === '314159265359' || m === '177245385090') return 'bzip2';
  }
  return null;
}

/** The message for an unsupported compression. */
export function unsupportedMessage(kind: 'xz' | 'bzip2'): string {
  return `${kind}-compressed input is not supported; decompress it first`;
}
