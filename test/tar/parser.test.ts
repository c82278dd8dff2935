// The push parser's walk: end marker, trailing bytes, truncation, chunking, limits, callbacks.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { DEFAULT_LIMITS } from '../../src/model/limits.js';
import { TarParser } from '../../src/tar/parser.js';
import { fixChecksum, makeTar, rawHeader } from '../helpers/tar-writer.js';
import { collect, throwsAt } from './collect.js';

const sample = makeTar([
  { name: './', type: 'dir' },
  { name: './a.txt', content: 'alpha\n', mtime: 1 },
  { name: 'long/' + 'n'.repeat(150), format: 'gnu', content: Buffer.alloc(1000, 7) },
  { name: 'p', pax: { mtime: '1.25', 'SCHILY.xattr.user.x': 'y' }, content: Buffer.alloc(512, 1) },
  { name: 'l', type: 'hardlink', linkname: './a.txt' },
  { name: 'empty' },
], { global: { comment: 'g' }, padTo: 10240 });

test('two zero blocks end the archive; zero padding to a 10240 record is not trailing data', () => {
  const r = collect(sample);
  assert.equal(r.entries.length, 6);
  assert.equal(r.end.endMarker, true);
  assert.equal(r.end.trailingBytes, 0);
  assert.equal(r.end.trailingNonZero, false);
  assert.equal(r.end.totalBytes, 10240);
  assert.deepEqual(r.events, Array(6).fill(['entry', 'end']).flat());
});

test('a lone zero block followed by a header is an error at the zero block', () => {
  const tar = Buffer.concat([makeTar([{ name: 'a' }], { endBlocks: 1 }), makeTar([{ name: 'b' }])]);
  throwsAt(() => collect(tar), /lone zero block/, 512);
});

test('missing end marker is not an error: endMarker false (one zero block or none)', () => {
  for (const endBlocks of [0, 1]) {
    const r = collect(makeTar([{ name: 'a', content: 'x' }], { endBlocks }));
    assert.equal(r.entries.length, 1);
    assert.equal(r.end.endMarker, false, `endBlocks ${endBlocks}`);
  }
  const empty = collect(Buffer.alloc(0));
  assert.deepEqual(empty.end, { endMarker: false, endOffset: 0, trailingBytes: 0, trailingNonZero: false, totalBytes: 0 });
});

test('trailing bytes after the marker are counted, not parsed', () => {
  const base = makeTar([{ name: 'a', content: 'x' }]); // 2048 bytes, marker ends at 2048
  const garbage = Buffer.concat([base, Buffer.from('not a tar header at all')]);
  const r = collect(garbage);
  assert.deepEqual([r.end.endMarker, r.end.endOffset, r.end.trailingBytes, r.end.trailingNonZero], [true, 2048, 23, true]);
  // Zero bytes past the record boundary are trailing (an extra record), but not non-zero.
  const extra = collect(makeTar([{ name: 'a' }], { padTo: 10240 * 2, endBlocks: 20 }));
  assert.equal(extra.end.trailingBytes, 10240);
  assert.equal(extra.end.trailingNonZero, false);
  // Garbage inside the padding record makes all of it trailing.
  const dirty = Buffer.from(makeTar([{ name: 'a' }], { padTo: 10240 }));
  dirty[5000] = 1;
  const d = collect(dirty);
  assert.equal(d.end.trailingBytes, 10240 - 1536);
  assert.equal(d.end.trailingNonZero, true);
});

test('truncation inside a header, inside data, inside padding, inside a PAX body: errors with offsets', () => {
  const tar = makeTar([{ name: 'a', content: Buffer.alloc(600, 1) }, { name: 'b' }]);
  throwsAt(() => collect(tar.subarray(0, 100)), /truncated inside a header block/, 0);
  throwsAt(() => collect(tar.subarray(0, 700)), /truncated inside entry data \(412 bytes missing\)/, 700);
  throwsAt(() => collect(tar.subarray(0, 1536 + 10)), /truncated inside a header block/, 1536);
  const pax = makeTar([{ name: 'p', pax: { comment: 'c'.repeat(100) } }]);
  throwsAt(() => collect(pax.subarray(0, 600)), /truncated inside an extended header/, 600);
  // Inside the padding after an extended header: the entry it announces is missing.
  throwsAt(() => collect(pax.subarray(0, 700)), /truncated inside the padding after an extended header/, 700);
});

test('input ending inside the padding after entry data: content complete, possibly truncated (umoci 0.4.7 insert)', () => {
  const tar = makeTar([{ name: 'a', content: Buffer.alloc(600, 1) }, { name: 'b' }]);
  const r = collect(tar.subarray(0, 1200));
  assert.equal(r.entries.length, 1);
  assert.equal(r.end.endMarker, false);
  assert.equal(r.end.truncatedPadding, true);
  // A cut at a block boundary is a plain missing end marker, not a padding truncation.
  assert.equal(collect(tar.subarray(0, 1536)).end.truncatedPadding, undefined);
});

test('maxEntries counts real entries only', () => {
  const tar = makeTar([{ name: 'a', pax: { x: '1' } }, { name: 'b' }, { name: 'c' }]);
  const limits = { ...DEFAULT_LIMITS, maxEntries: 2 };
  assert.throws(() => collect(tar, [tar.length], limits), (e: Error & { limit?: string; offset?: number }) =>
    e.name === 'FormatLimitError' && e.limit === 'maxEntries' && e.offset === 2048);
  assert.equal(collect(tar, [tar.length], { ...DEFAULT_LIMITS, maxEntries: 3 }).entries.length, 3);
});

test('after an error the parser stays failed', () => {
  const tar = Buffer.from(makeTar([{ name: 'a' }]));
  tar[0] ^= 1;
  const p = new TarParser({ limits: DEFAULT_LIMITS, onEntry() {}, onData() {}, onEntryEnd() {} });
  assert.throws(() => p.write(tar), /checksum/);
  assert.throws(() => p.write(Buffer.alloc(512)), /checksum/);
  assert.throws(() => p.end(), /checksum/);
});

test('one byte at a time gives exactly what one chunk gives', () => {
  const whole = collect(sample);
  const bytewise = collect(sample, 1);
  assert.deepEqual(bytewise, whole);
});

test('property: any chunking gives identical entries, data, end and errors', () => {
  const dirty = Buffer.concat([makeTar([{ name: 'x', content: 'y' }]), Buffer.from('tail')]);
  const truncated = sample.subarray(0, 1800);
  const inputs = [sample, dirty, truncated];
  const outcome = (buf: Buffer, chunks: number[] | number) => {
    try {
      return collect(buf, chunks);
    } catch (e) {
      return { error: (e as Error).message };
    }
  };
  const want = inputs.map((b) => outcome(b, [b.length]));
  fc.assert(fc.property(fc.integer({ min: 0, max: 2 }), fc.array(fc.integer({ min: 1, max: 1500 }), { minLength: 1, maxLength: 20 }), (i, chunks) => {
    assert.deepEqual(outcome(inputs[i]!, chunks), want[i]);
  }), { numRuns: 300 });
});

test('data is passed as slices of the input, not copies (hot path)', () => {
  const tar = makeTar([{ name: 'f', content: Buffer.alloc(4096, 9) }]);
  const seen: Buffer[] = [];
  const p = new TarParser({ limits: DEFAULT_LIMITS, onEntry() {}, onData: (c) => seen.push(c), onEntryEnd() {} });
  p.write(tar);
  p.end();
  assert.equal(seen.length, 1);
  assert.equal(seen[0]!.buffer, tar.buffer);
});

test('a GNU old-style sparse entry with extension blocks is rejected, not misparsed', () => {
  const block = rawHeader({ name: 's', typeflag: 'S', size: 0, format: 'gnu' });
  block[482] = 1; // isextended
  fixChecksum(block);
  throwsAt(() => collect(Buffer.concat([block, Buffer.alloc(1024)])), /sparse/, 0);
});
