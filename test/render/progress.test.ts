import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { formatBytes, progressLine } from '../../src/render/progress.js';

test('progress: one bar per input with percentage and bytes', () => {
  const line = progressLine([{ label: 'a.tar', done: 512 * 1024, total: 2 * 1024 * 1024 }, { label: 'b.tar', done: 0, total: 1024 }], 100);
  assert.equal(line, 'a.tar [█████░░░░░░░░░░░░░]  25% 512.0 KiB/2.0 MiB  b.tar [░░░░░░░░░░░░░░░░░░░░░░░░]   0% 0 B/1.0 KiB');
  assert.equal(progressLine([{ label: 'stdin', done: 3 * 1024 * 1024, total: null }], 80), 'stdin 3.0 MiB');
  assert.equal(formatBytes(1536), '1.5 KiB');
});

test('progress: never wider than the terminal, labels escaped', () => {
  const hostile = 'x\u001b[2J\u202e' + 'y'.repeat(200);
  const line = progressLine([{ label: hostile, done: 5, total: 10 }], 40);
  assert.ok(line.length <= 40 && !line.includes('\u001b') && !line.includes('\u202e'), line);
  fc.assert(
    fc.property(
      fc.array(fc.record({ label: fc.string({ maxLength: 100 }), done: fc.nat(), total: fc.option(fc.nat()) }), { minLength: 1, maxLength: 4 }),
      fc.integer({ min: 1, max: 300 }),
      (items, width) => {
        assert.ok(progressLine(items, width).length <= width);
      },
    ),
  );
});
