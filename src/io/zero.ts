// Finding non-zero bytes without a per-byte JS loop over long runs of zeros.
const ZEROS = Buffer.alloc(64 * 1024);

/** Index of the first non-zero byte in buf[start..end), or -1. */
export function firstNonZero(buf: Buffer, start: number, end: number): number {
  for (let p = start; p < end; p += ZEROS.length) {
    const q = Math.min(end, p + ZEROS.length);
    if (buf.compare(ZEROS, 0, q - p, p, q) !== 0) {
      for (let i = p; i < q; i++) if (buf[i] !== 0) return i;
    }
  }
  return -1;
}
