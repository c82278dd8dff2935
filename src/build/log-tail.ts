// A build's output kept in memory with a bounded tail: enough to show why a build failed,
// never the whole log of a build that prints gigabytes.

export class LogTail {
  private chunks: Buffer[] = [];
  private size = 0;
  private dropped = 0;

  constructor(readonly maxBytes = 64 * 1024) {}

  push(chunk: Buffer): void {
    this.chunks.push(chunk);
    this.size += chunk.length;
    while (this.size > this.maxBytes && this.chunks.length > 1) {
      const first = this.chunks.shift()!;
      this.size -= first.length;
      this.dropped += first.length;
    }
    if (this.size > this.maxBytes) {
      const only = this.chunks[0]!;
      const cut = only.length - this.maxBytes;
      this.chunks[0] = only.subarray(cut);
      this.size -= cut;
      this.dropped += cut;
    }
  }

  /** Bytes no longer held. */
  get droppedBytes(): number {
    return this.dropped;
  }

  /** The last `lines` lines (a partial first line, cut by the byte bound, is dropped). */
  lines(lines = 40): string {
    let text = Buffer.concat(this.chunks).toString('utf8');
    if (this.dropped > 0) {
      const nl = text.indexOf('\n');
      text = nl >= 0 ? text.slice(nl + 1) : text;
    }
    const all = text.replace(/\n$/, '').split('\n');
    return all.slice(Math.max(0, all.length - lines)).join('\n');
  }
}
