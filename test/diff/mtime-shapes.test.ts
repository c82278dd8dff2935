import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CLOCK_WINDOW, timeShape } from '../../src/diff/classify.js';
import { dir, file, T0, type EntrySpec } from './build.js';
import { diffEntries, one, only } from './helpers.js';

/** 10 dirs with 9 files each, with a spread of old mtimes (years apart). */
function tree(): EntrySpec[] {
  const out: EntrySpec[] = [];
  for (let d = 0; d < 10; d++) {
    out.push(dir(`d${d}`, { mtime: T0 - 86400 * 400 * d }));
    for (let f = 0; f < 9; f++) out.push(file(`d${d}/f${f}`, { mtime: T0 - 86400 * (37 * d + 101 * f) }));
  }
  return out;
}

test('constant-shift: every mtime moved by the same offset (another SOURCE_DATE_EPOCH)', () => {
  const r = diffEntries(tree(), tree().map((e) => ({ ...e, mtime: e.mtime + 3600 })));
  const f = one(r, 'entry-mtime');
  assert.equal(f.shape, 'constant-shift');
  assert.deepEqual(f.value, { offset: 3600 });
  assert.equal(f.count, 100);
});

test('clock: b mtimes fall in a narrow window (the build clock)', () => {
  const build = T0 + 86400 * 30;
  const r = diffEntries(tree(), tree().map((e, i) => ({ ...e, mtime: build + i * 3 })));
  const f = one(r, 'entry-mtime');
  assert.equal(f.shape, 'clock');
  assert.deepEqual(f.value, { b: { from: build, to: build + 99 * 3 } });
});

test('clamped: one side holds a single time, the other varies', () => {
  const r = diffEntries(tree(), tree().map((e) => ({ ...e, mtime: T0 + 12345 })));
  const f = one(r, 'entry-mtime');
  assert.equal(f.shape, 'clamped');
  assert.deepEqual(f.value, { side: 'b', time: T0 + 12345 });
});

test('directories-only: only directory mtimes differ', () => {
  const r = diffEntries(tree(), tree().map((e, i) => (e.type === 'dir' ? { ...e, mtime: T0 + 50 + i } : e)));
  const f = one(r, 'entry-mtime');
  assert.equal(f.shape, 'directories-only');
  assert.equal(f.count, 10);
  assert.equal((f.value as { pattern: string }).pattern, 'clock');
});

test('files shifted and directories on the build clock: two findings', () => {
  const r = diffEntries(
    tree(),
    tree().map((e, i) => ({ ...e, mtime: e.type === 'dir' ? T0 + 86400 * 9 + i : e.mtime + 7200 })),
  );
  // The files' finding first, then the directories'.
  const fs = only(r, 'entry-mtime').map((f) => [f.shape, f.count]);
  assert.deepEqual(fs, [['constant-shift', 90], ['directories', 10]]);
});

test('scattered: no pattern', () => {
  const r = diffEntries(tree(), tree().map((e, i) => ({ ...e, mtime: e.mtime + ((i * 7919) % 97) * 86400 * 3 + 1 })));
  assert.equal(one(r, 'entry-mtime').shape, 'scattered');
});

test('timeShape: fractional PAX times still shift by a constant', () => {
  const items = [0.1, 0.2, 0.3].map((f, i) => ({ a: T0 + i + f, b: T0 + i + f + 10.25 }));
  assert.deepEqual(timeShape(items), { shape: 'constant-shift', value: { offset: 10.25 } });
});

test('timeShape: a window wider than CLOCK_WINDOW is not a clock', () => {
  const items = [
    { a: 1, b: T0 },
    { a: 5000, b: T0 + CLOCK_WINDOW + 1 },
    { a: 900000, b: T0 + 7 },
  ];
  assert.equal(timeShape(items).shape, 'scattered');
});
