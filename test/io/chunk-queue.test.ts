// ChunkQueue: chunks arrive in order, drained() waits for the consumer, and a consumer that
// stops early never leaves the producer waiting.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ChunkQueue } from '../../src/io/chunk-queue.js';

test('the consumer gets every chunk in order, then the end', async () => {
  const q = new ChunkQueue();
  const got: string[] = [];
  const reader = (async () => { for await (const c of q) got.push(c.toString()); })();
  for (const s of ['a', 'b', 'c']) {
    q.push(Buffer.from(s));
    await q.drained();
  }
  q.end();
  await reader;
  assert.deepEqual(got, ['a', 'b', 'c']);
});

test('drained() waits until the consumer has taken what is queued', async () => {
  const q = new ChunkQueue();
  q.push(Buffer.from('x'));
  let done = false;
  const d = q.drained().then(() => { done = true; });
  await new Promise((r) => setImmediate(r));
  assert.equal(done, false, 'nobody has read yet');
  const it = q[Symbol.asyncIterator]();
  assert.equal((await it.next()).value.toString(), 'x');
  await d;
  assert.equal(done, true);
});

test('a consumer that gives up releases the producer; later pushes are dropped', async () => {
  const q = new ChunkQueue();
  q.push(Buffer.from('1'));
  q.push(Buffer.from('2'));
  const waiting = q.drained();
  q.abandon();
  await waiting; // would hang without abandon()
  q.push(Buffer.from('3'));
  await q.drained();
  const rest: Buffer[] = [];
  for await (const c of q) rest.push(c);
  assert.deepEqual(rest, []);
});
