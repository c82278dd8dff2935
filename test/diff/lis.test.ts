import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { lisMembers, movedPositions } from '../../src/diff/lis.js';
import { diffImages } from '../../src/diff/index.js';
import { dir, file, side, type EntrySpec } from './build.js';

/** O(n²) LIS length, the reference. */
function lisLength(seq: number[]): number {
  const best = seq.map(() => 1);
  for (let i = 0; i < seq.length; i++) for (let j = 0; j < i; j++) if (seq[j]! < seq[i]!) best[i] = Math.max(best[i]!, best[j]! + 1);
  return Math.max(0, ...best);
}

test('moving the first of 1,000 to the back is one moved position', () => {
  const seq = [...Array.from({ length: 999 }, (_, i) => i + 1), 0];
  // seq is "b position of each a item": item 0 went to position 999.
  assert.deepEqual(movedPositions([999, ...Array.from({ length: 999 }, (_, i) => i)]), [0]);
  assert.deepEqual(movedPositions(seq), [999]);
});

test('property: the kept positions are increasing and as many as the LIS', () => {
  fc.assert(
    fc.property(fc.uniqueArray(fc.integer({ min: 0, max: 500 }), { maxLength: 60 }), (seq) => {
      const keep = lisMembers(seq);
      const kept = seq.filter((_, i) => keep[i]);
      for (let i = 1; i < kept.length; i++) assert.ok(kept[i - 1]! < kept[i]!);
      assert.equal(kept.length, lisLength(seq));
      assert.equal(movedPositions(seq).length, seq.length - kept.length);
    }),
  );
});

const entryArb = fc.record({
  name: fc.constantFrom('a', 'b', 'c', 'd', 'e', 'a/x', 'a/y'),
  kind: fc.constantFrom('file', 'dir'),
  mtime: fc.integer({ min: 0, max: 3 }),
  uid: fc.constantFrom(0, 1000),
  content: fc.constantFrom('1', '2'),
});

const toEntries = (xs: { name: string; kind: string; mtime: number; uid: number; content: string }[]): EntrySpec[] =>
  xs.map((x) => (x.kind === 'dir' ? dir(x.name, { mtime: x.mtime, uid: x.uid }) : file(x.name, { mtime: x.mtime, uid: x.uid, content: x.content })));

test('property: an image diffed with itself has no findings; any two give few findings', () => {
  fc.assert(
    fc.property(fc.array(entryArb, { maxLength: 12 }), fc.array(entryArb, { maxLength: 12 }), (xa, xb) => {
      const a = toEntries(xa);
      assert.deepEqual(diffImages(side('a', [{ entries: a }]), side('a2', [{ entries: a }])).findings, []);
      const r = diffImages(side('a', [{ entries: a }]), side('b', [{ entries: toEntries(xb) }]));
      // Root causes: bounded by kinds × shapes, not by entries.
      for (const f of r.findings) assert.ok(f.count >= 1 && f.examples.length <= Math.min(5, f.count));
      if (r.findings.length === 0) assert.equal(r.level, 'same');
    }),
  );
});
