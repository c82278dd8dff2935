// Not a timing test: it proves the pipeline is not quadratic (200,000 entries would take
// minutes at O(n²)) and that an mtime-only difference stays one or two findings.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { diffImages } from '../../src/diff/index.js';
import { manyEntries, side } from './build.js';

test('200,000-entry mtime-only layer pair: completes, at most 2 findings', () => {
  const n = 200_000;
  const a = manyEntries(n);
  const b = manyEntries(n, (i, e) => ({ ...e, mtime: e.mtime + 86400 + (e.type === 'dir' ? i : 0) }));
  const r = diffImages(side('a', [{ entries: a }]), side('b', [{ entries: b }]));
  assert.ok(r.findings.length >= 1 && r.findings.length <= 2, JSON.stringify(r.findings.map((f) => [f.kind, f.shape])));
  assert.ok(r.findings.every((f) => f.kind === 'entry-mtime'));
  assert.equal(r.findings.reduce((s, f) => s + f.count, 0), n);
});

test('200,000 entries with a reorder: the move set is found without quadratic work', () => {
  const n = 200_000;
  const a = manyEntries(n);
  const b = [...a.slice(0, 1000), ...a.slice(2000), ...a.slice(1000, 2000)];
  const r = diffImages(side('a', [{ entries: a }]), side('b', [{ entries: b }]));
  assert.equal(r.findings.length, 1);
  assert.equal(r.findings[0]!.kind, 'entry-order');
  assert.equal(r.findings[0]!.count, 1000);
});
