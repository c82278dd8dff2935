// Reading stored bytes from disk. One read size for every stream that feeds a scan: node's
// default (64 KiB) costs a thread-pool round trip, a Buffer and an inflate call per 64 KiB;
// 256 KiB measured faster on this kind of machine (bench/walker.ts --tuned).
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';

export const READ_CHUNK = 256 * 1024;

export interface ReadOptions {
  /**
   * The reader is done with each chunk before it asks for the next (a layer scan): the chunks
   * are views of two buffers used in turn, one being read into while the other is handed out.
   * A fresh Buffer per read lives through the inflating of its bytes, so young-generation
   * collections promote it, and old-generation garbage is freed only by a full collection: on
   * the 1 GB benchmark pair that garbage (and the allocator's fragmentation) raised the peak
   * RSS by ~15 MB over the 100 MB pair's; with two reused buffers the peaks are within ~5%.
   */
  transient?: boolean;
}

/** A whole file as a stream of chunks of up to READ_CHUNK bytes. */
export function readWhole(path: string, opts: ReadOptions = {}): AsyncIterable<Buffer> {
  if (opts.transient) return readTransient(path, 0, Infinity);
  return { [Symbol.asyncIterator]: () => createReadStream(path, { highWaterMark: READ_CHUNK })[Symbol.asyncIterator]() };
}

/** The bytes [start, start+length) of a file as a stream (nothing at all for length 0). */
export function readRange(path: string, start: number, length: number, opts: ReadOptions = {}): AsyncIterable<Buffer> {
  if (length === 0) return (async function* () {})();
  if (opts.transient) return readTransient(path, start, length);
  return createReadStream(path, { start, end: start + length - 1, highWaterMark: READ_CHUNK });
}

/**
 * readRange with two buffers in turn: chunk k+1 is read while chunk k is handed out, and chunk
 * k+2 goes into chunk k's buffer once the reader asks for k+1. `length` Infinity: to the end.
 */
async function* readTransient(path: string, start: number, length: number): AsyncGenerator<Buffer> {
  const fh = await open(path, 'r');
  const bufs = [Buffer.allocUnsafe(READ_CHUNK), Buffer.allocUnsafe(READ_CHUNK)];
  const end = start + length;
  const readAt = (buf: Buffer, at: number) => fh.read(buf, 0, Math.min(buf.length, end - at), at);
  let at = start;
  let turn = 0;
  let next: Promise<{ bytesRead: number; buffer: Buffer }> = readAt(bufs[turn]!, at);
  // A read ahead may fail while the reader is still busy: it is awaited (and thrown) on the
  // next turn, or swallowed if the reader stops here.
  next.catch(() => {});
  try {
    for (;;) {
      const { bytesRead, buffer } = await next;
      if (bytesRead === 0) return;
      at += bytesRead;
      turn ^= 1;
      next = at < end ? readAt(bufs[turn]!, at) : Promise.resolve({ bytesRead: 0, buffer: bufs[turn]! });
      next.catch(() => {});
      yield buffer.subarray(0, bytesRead);
    }
  } finally {
    // A reader that stops early leaves one read ahead in flight.
    await next.catch(() => {});
    await fh.close();
  }
}
