// Whole-blob gzip inflation: members, headers, CRC-32/ISIZE, trailing data, truncation, chunking.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { GzipInflater, gunzip, KEEP_HEADERS, type GzipResult } from '../../src/gzip/inflate.js';
import { gzipWithHeader, multiMember } from '../helpers/gzip-writer.js';
import { split } from '../tar/collect.js';

async function inflate(blob: Buffer, chunks: number | number[] = [blob.length]): Promise<{ out: Buffer; r: GzipResult }> {
  const parts: Buffer[] = [];
  const g = new GzipInflater({ onData: (b) => void parts.push(Buffer.from(b)) });
  for (const c of split(blob, chunks)) await g.write(c);
  const r = await g.end();
  return { out: Buffer.concat(parts), r };
}

async function rejectsAt(p: Promise<unknown>, re: RegExp, offset?: number): Promise<void> {
  await assert.rejects(p, (e: Error & { offset?: number }) => {
    assert.match(e.message, re);
    if (offset !== undefined) assert.equal(e.offset, offset, e.message);
    return true;
  });
}

const A = randomBytes(200_000);
const B = Buffer.from('hello '.repeat(5000));

test('single member: data, header fields, sizes', async () => {
  const blob = gzipWithHeader(A, { mtime: 1234, name: 'a.tar', os: 255, xfl: 2 });
  const { out, r } = await inflate(blob);
  assert.ok(out.equals(A));
  assert.equal(r.info.memberCount, 1);
  assert.deepEqual(r.info.headers[0], { offset: 0, mtime: 1234, xfl: 2, os: 255, flags: 8, name: 'a.tar', comment: null, extra: null, headerCrc: false });
  assert.equal(r.storedBytes, blob.length);
  assert.equal(r.outBytes, A.length);
  assert.equal(r.trailingZeros, 0);
});

test('multi-member: every member counted, headers with their offsets, first 8 kept', async () => {
  const members = Array.from({ length: 11 }, (_, i) => gzipWithHeader(Buffer.from(`m${i}`.repeat(i * 10)), { mtime: i, hcrc: i % 2 === 0 }));
  const blob = multiMember(...members);
  const { out, r } = await inflate(blob);
  assert.equal(out.toString(), Array.from({ length: 11 }, (_, i) => `m${i}`.repeat(i * 10)).join(''));
  assert.equal(r.info.memberCount, 11);
  assert.equal(r.info.headers.length, KEEP_HEADERS);
  let off = 0;
  for (let i = 0; i < KEEP_HEADERS; i++) {
    assert.equal(r.info.headers[i]!.offset, off);
    assert.equal(r.info.headers[i]!.mtime, i);
    off += members[i]!.length;
  }
});

test('property: any chunking (down to 1 byte) gives the same output and result', async () => {
  const blob = multiMember(gzipWithHeader(A.subarray(0, 30_000), { name: 'x', hcrc: true }), gzipSync(B), gzipWithHeader(Buffer.alloc(0)), Buffer.alloc(3));
  const want = await inflate(blob);
  assert.equal(want.r.info.memberCount, 3);
  const one = await inflate(blob, 1);
  assert.deepEqual(one, want);
  await fc.assert(fc.asyncProperty(fc.array(fc.integer({ min: 1, max: 40_000 }), { minLength: 1, maxLength: 10 }), async (chunks) => {
    assert.deepEqual(await inflate(blob, chunks), want);
  }), { numRuns: 40 });
});

test('CRC-32 mismatch and ISIZE mismatch are detected, with the trailer offset', async () => {
  const blob = gzipWithHeader(B);
  const badCrc = Buffer.from(blob);
  badCrc[blob.length - 8] ^= 1;
  await rejectsAt(inflate(badCrc), /CRC-32 mismatch/, blob.length - 8);
  const badSize = Buffer.from(blob);
  badSize[blob.length - 4] ^= 1;
  await rejectsAt(inflate(badSize), /ISIZE mismatch/, blob.length - 4);
  // In the second member: offsets are blob offsets.
  const two = multiMember(gzipWithHeader(A), badCrc);
  await rejectsAt(inflate(two, 4096), /CRC-32 mismatch/, gzipWithHeader(A).length + blob.length - 8);
});

test('trailing zeros after the last member are reported, not an error; garbage is', async () => {
  const blob = gzipWithHeader(B);
  const z = await inflate(multiMember(blob, Buffer.alloc(1000)), 333);
  assert.equal(z.r.trailingZeros, 1000);
  assert.equal(z.r.trailingZerosOffset, blob.length);
  await rejectsAt(inflate(multiMember(blob, Buffer.from('garbage'))), /trailing garbage after the last gzip member/, blob.length);
  await rejectsAt(inflate(multiMember(blob, Buffer.from([0x1f, 0x00, 1, 2]))), /trailing garbage/, blob.length);
  await rejectsAt(inflate(multiMember(blob, Buffer.alloc(10), Buffer.from([1]))), /non-zero data after the zero bytes/, blob.length + 10);
});

test('truncation: inside the header, the deflate data, the trailer; empty input', async () => {
  const blob = gzipWithHeader(A, { name: 'named' });
  await rejectsAt(inflate(blob.subarray(0, 12)), /truncated inside the member header/, 0);
  await rejectsAt(inflate(blob.subarray(0, 5000)), /gzip truncated inside member data/, 5000);
  await rejectsAt(inflate(blob.subarray(0, blob.length - 3)), /truncated inside a member trailer/, blob.length - 3);
  await rejectsAt(inflate(blob.subarray(0, blob.length - 8)), /trailer .* missing|truncated/);
  await rejectsAt(inflate(Buffer.alloc(0)), /empty gzip stream/, 0);
  await rejectsAt(inflate(multiMember(blob, blob.subarray(0, 4))), /truncated inside a member header/, blob.length);
});

test('corrupt deflate data is a FormatError naming the member', async () => {
  const blob = Buffer.from(gzipWithHeader(A));
  for (let i = 20; i < 60; i++) blob[i] = 0xff;
  await rejectsAt(inflate(blob), /corrupt deflate data in gzip member 1|CRC-32 mismatch/);
});

test('an error thrown by onData stops the inflater and surfaces from write/end', async () => {
  const g = new GzipInflater({ onData: () => { throw new Error('downstream says no'); } });
  await assert.rejects(async () => {
    await g.write(gzipWithHeader(A));
    await g.end();
  }, /downstream says no/);
});

test('gunzip() convenience generator yields the data and returns the result', async () => {
  const blob = multiMember(gzipWithHeader(A), gzipWithHeader(B));
  async function* src() { yield* split(blob, 7777); }
  const it = gunzip(src());
  const parts: Buffer[] = [];
  let res = await it.next();
  while (!res.done) {
    parts.push(Buffer.from(res.value));
    res = await it.next();
  }
  assert.ok(Buffer.concat(parts).equals(Buffer.concat([A, B])));
  assert.equal(res.value.info.memberCount, 2);
});
