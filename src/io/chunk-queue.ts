// A push-to-pull bridge: a producer that is handed chunks by callbacks (the tar parser) feeds a
// consumer that pulls with for-await (the layer scanner). drained() is the producer's
// backpressure: it resolves once the consumer has taken every queued chunk, so at most one
// producer chunk is held at a time. If the consumer stops early (abandon()), pushes are dropped
// and drained() resolves at once, so the producer never waits for a reader that is gone.
export class ChunkQueue implements AsyncIterable<Buffer> {
  private readonly items: Buffer[] = [];
  private ended = false;
  private abandoned = false;
  private wake: (() => void) | null = null;
  private drainWaiters: (() => void)[] = [];

  push(chunk: Buffer): void {
    if (this.abandoned || this.ended) return;
    this.items.push(chunk);
    this.notify();
  }

  end(): void {
    this.ended = true;
    this.notify();
  }

  /** The consumer is gone: drop what is queued and everything pushed from now on. */
  abandon(): void {
    this.abandoned = true;
    this.items.length = 0;
    this.release();
  }

  drained(): Promise<void> {
    if (this.items.length === 0 || this.abandoned) return Promise.resolve();
    return new Promise((resolve) => this.drainWaiters.push(resolve));
  }

  async *[Symbol.asyncIterator](): AsyncIterator<Buffer> {
    for (;;) {
      if (this.items.length > 0) {
        const chunk = this.items.shift()!;
        if (this.items.length === 0) this.release();
        yield chunk;
      } else if (this.ended || this.abandoned) {
        return;
      } else {
        await new Promise<void>((resolve) => { this.wake = resolve; });
      }
    }
  }

  private notify(): void {
    const w = this.wake;
    this.wake = null;
    w?.();
  }

  private release(): void {
    const waiters = this.drainWaiters;
    this.drainWaiters = [];
    for (const f of waiters) f();
  }
}
