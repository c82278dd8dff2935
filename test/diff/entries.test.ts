import { test } from 'node:test';
import assert from 'node:assert/strict';
import { diffImages } from '../../src/diff/index.js';
import { dir, file, hardlink, side, symlink, T0, type EntrySpec } from './build.js';
import { diffEntries, kindsOf, one, only } from './helpers.js';

const base = (): EntrySpec[] => [
  dir('etc'),
  file('etc/a'),
  file('etc/b'),
  symlink('etc/l', 'a'),
  hardlink('etc/h', 'etc/a'),
  file('usr/x'),
];

const edit = (path: string, over: Partial<EntrySpec> & { content?: string }) => (es: EntrySpec[]): EntrySpec[] =>
  es.map((e) => {
    if (e.path !== path) return e;
    const { content, ...rest } = over;
    const body = content !== undefined ? { sha256: file(path, { content }).sha256, size: content.length } : {};
    return { ...e, ...body, ...rest };
  });

interface Case {
  kind: string;
  fire: (es: EntrySpec[]) => EntrySpec[];
  /** Differs in some other way: the comparator runs and must stay silent. */
  silent: (es: EntrySpec[]) => EntrySpec[];
  /** Kinds the fire case gives (default: just `kind`). */
  kinds?: string[];
}

const CASES: Case[] = [
  { kind: 'entry-mtime', fire: edit('etc/a', { mtime: T0 + 1 }), silent: edit('etc/a', { content: 'new' }), kinds: ['entry-mtime'] },
  { kind: 'entry-owner', fire: edit('etc/a', { uid: 1000 }), silent: edit('etc/a', { mode: 0o600 }) },
  { kind: 'entry-mode', fire: edit('etc/a', { mode: 0o664 }), silent: edit('etc/a', { uid: 5 }) },
  { kind: 'entry-content', fire: edit('usr/x', { content: 'changed' }), silent: edit('usr/x', { mtime: T0 + 5 }) },
  { kind: 'entry-type', fire: (es) => es.map((e) => (e.path === 'etc/b' ? dir('etc/b') : e)), silent: edit('etc/b', { content: 'bb' }) },
  { kind: 'entry-link', fire: edit('etc/l', { linkTarget: 'b' }), silent: edit('etc/l', { mtime: T0 - 1 }) },
  { kind: 'entry-set', fire: (es) => [...es, file('etc/c')], silent: (es) => [es[0]!, es[2]!, es[1]!, ...es.slice(3)] },
  { kind: 'entry-order', fire: (es) => [es[0]!, es[2]!, es[1]!, ...es.slice(3)], silent: (es) => [...es, file('zz')] },
  { kind: 'entry-pax', fire: edit('etc/a', { pax: { atime: '1700000001' } }), silent: edit('etc/a', { xattrs: { 'user.k': 'v' } }) },
  { kind: 'entry-xattrs', fire: edit('etc/a', { xattrs: { 'security.capability': 'AQ==' } }), silent: edit('etc/a', { pax: { ctime: '1' } }) },
  { kind: 'tar-format', fire: edit('etc/b', { format: 'gnu' }), silent: edit('etc/b', { mtime: 1 }) },
];

for (const c of CASES) {
  test(`${c.kind} fires`, () => {
    const r = diffEntries(base(), c.fire(base()));
    assert.deepEqual(kindsOf(r), c.kinds ?? [c.kind]);
    assert.equal(r.level, 'content');
  });
  test(`${c.kind} stays silent on another difference`, () => {
    const r = diffEntries(base(), c.silent(base()));
    assert.ok(r.findings.length > 0, 'the near miss must differ somehow');
    assert.ok(!kindsOf(r).includes(c.kind), `${c.kind} fired: ${JSON.stringify(r.findings)}`);
  });
}

test('entry-owner: a leaked build user is one finding naming every field', () => {
  const user = { uid: 1000, gid: 1000, uname: 'builder', gname: 'builder' };
  const r = diffEntries(base(), base().map((e) => ({ ...e, ...user })));
  const f = one(r, 'entry-owner');
  assert.equal(f.shape, 'build-user');
  assert.equal(f.field, 'uid,gid,uname,gname');
  assert.deepEqual(f.a, { uid: 0, gid: 0, uname: '', gname: '' });
  assert.deepEqual(f.b, user);
  assert.equal(f.count, 6);
});

test('entry-owner: names only is user-name; uid 1000 vs 0 says uid', () => {
  const names = diffEntries(base(), base().map((e) => ({ ...e, uname: 'me', gname: 'me' })));
  assert.equal(one(names, 'entry-owner').shape, 'user-name');
  const uid = diffEntries(base().map((e) => ({ ...e, uid: 1000 })), base());
  const f = one(uid, 'entry-owner');
  assert.equal(f.field, 'uid');
  assert.equal(f.shape, 'build-user');
  assert.deepEqual([f.a, f.b], [{ uid: 1000 }, { uid: 0 }]);
});

test('entry-mode shapes: umask vs execute bit', () => {
  const um = diffEntries(base(), base().map((e) => (e.type === 'file' ? { ...e, mode: 0o664 } : e)));
  assert.equal(one(um, 'entry-mode').shape, 'umask');
  const ex = diffEntries(base(), edit('usr/x', { mode: 0o755 })(base()));
  assert.equal(one(ex, 'entry-mode').shape, 'execute');
});

test('entry-set: added, removed, and an extra duplicate paired k-th with k-th', () => {
  const a = [...base(), file('old')];
  const b = [...base(), file('new'), file('etc/a', { content: 'second copy' })];
  const r = diffEntries(a, b);
  const shapes = only(r, 'entry-set').map((f) => [f.shape, f.path]).sort();
  assert.deepEqual(shapes, [['added', 'new'], ['duplicate', 'etc/a'], ['removed', 'old']]);
  // The first etc/a pairs with the first: no content change reported for it.
  assert.equal(only(r, 'entry-content').length, 0);
});

test('entry-content: shape by size; contentChanges lists every changed file', () => {
  const r = diffEntries(base(), edit('usr/x', { content: 'content of usr/y' })(base()));
  assert.equal(one(r, 'entry-content').shape, 'same-size');
  assert.deepEqual(r.contentChanges.map((c) => [c.path, c.aIndex, c.bIndex]), [['usr/x', 5, 5]]);
  const r2 = diffEntries(base(), edit('usr/x', { content: 'much longer content' })(base()));
  assert.equal(one(r2, 'entry-content').shape, 'size-differs');
});

test('hardlink role swap is ordering, not type/link/content', () => {
  const a = [file('x', { content: 'same' }), hardlink('y', 'x')];
  const b = [file('y', { content: 'same' }), hardlink('x', 'y')];
  const r = diffEntries(a, b);
  assert.deepEqual(kindsOf(r), ['entry-order']);
  const shapes = only(r, 'entry-order').map((f) => [f.shape, f.count]).sort();
  assert.deepEqual(shapes, [['hardlink-swap', 2], ['reordered', 1]]);
});

test('hardlink role swap in a group of three: the third link changing target is not entry-link', () => {
  const a = [file('x', { content: 'same' }), hardlink('y', 'x'), hardlink('z', 'x')];
  const b = [file('y', { content: 'same' }), hardlink('x', 'y'), hardlink('z', 'y')];
  const r = diffEntries(a, b);
  assert.deepEqual(kindsOf(r), ['entry-order']);
});

test('a hardlink swap with different content is a real type change', () => {
  const a = [file('x', { content: 'one' }), hardlink('y', 'x')];
  const b = [file('y', { content: 'two' }), hardlink('x', 'y')];
  const r = diffEntries(a, b);
  assert.ok(kindsOf(r).includes('entry-type'));
  assert.equal(only(r, 'entry-order').filter((f) => f.shape === 'hardlink-swap').length, 0);
});

test('entry-order: moving one entry from the front to the back of 1,000 is one move', () => {
  const a = Array.from({ length: 1000 }, (_, i) => file(`f${String(i).padStart(4, '0')}`));
  const b = [...a.slice(1), a[0]!];
  const r = diffEntries(a, b);
  const f = one(r, 'entry-order');
  assert.equal(f.shape, 'reordered');
  assert.equal(f.count, 1);
  assert.equal(f.path, 'f0000');
  assert.deepEqual([f.a, f.b], [0, 999]);
  assert.deepEqual(f.value, { aSorted: true, bSorted: false });
});

test('entry-order: a reversed directory is n-1 moves, examples in tar order', () => {
  const a = Array.from({ length: 10 }, (_, i) => file(`f${i}`));
  const r = diffEntries(a, [...a].reverse());
  const f = one(r, 'entry-order');
  assert.equal(f.count, 9);
  assert.equal(f.examples.length, 5);
});

test('tar-format: stored path spelling, and a stream difference no entry explains', () => {
  const r = diffEntries(base(), edit('etc/a', { rawPath: './etc/a' })(base()));
  assert.equal(one(r, 'tar-format').shape, 'path-spelling');
});

test('tar-format: different tars with no entry difference are a tar-stream finding', () => {
  const a = side('a', [{ entries: base() }]);
  const b = side('b', [{ entries: base() }]);
  b.scans[0] = { ...b.scans[0]!, diffId: 'sha256:' + '1'.repeat(64), storedDigest: 'sha256:' + '2'.repeat(64), trailingBytes: 512 };
  const r = diffImages(a, b);
  const f = one(r, 'tar-format');
  assert.equal(f.shape, 'tar-stream');
  assert.equal(f.field, 'stream');
  assert.deepEqual(kindsOf(r), ['tar-format']);
});

test('examples are capped and in (layer, tar index) order', () => {
  const a = Array.from({ length: 50 }, (_, i) => file(`p${String(i).padStart(2, '0')}`, { uid: 0 }));
  const b = a.map((e) => ({ ...e, uid: 7 })).reverse();
  const r = diffEntries(a, b);
  const f = one(r, 'entry-owner');
  assert.equal(f.count, 50);
  assert.equal(f.examples.length, 5);
  assert.deepEqual(f.examples.map((e) => e.path), ['p00', 'p01', 'p02', 'p03', 'p04']);
});
