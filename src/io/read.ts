// Reading stored bytes from disk. One read size for every stream that feeds a scan: node's
// default (64 KiB) costs a thread-pool round trip, a Buffer and an inflate call per 64 KiB;
// 256 KiB measured faster on this kind of machine (bench/walker.ts --tuned).
import { createReadStream } from 'node:fs';

export const READ_CHUNK = 256 * 1024;

/** A whole file as a stream of chunks of up to READ_CHUNK bytes. */
export function readWhole(path: string): AsyncIterable<Buffer> {
  return { [Symbol.asyncIterator]: () => createReadStream(path, { highWaterMark: READ_CHUNK })[Symbol.asyncIterator]() };
}
