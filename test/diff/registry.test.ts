// Meta-tests: the registry array and the comparators folder agree; the comparators together
// cover every diff kind; a finding's kind is one its origin declared; a throwing comparator
// becomes a note and the run goes on.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { COMPARATORS, diffImages } from '../../src/diff/index.js';
import { dir, file, hardlink, side } from './build.js';

const DIFF_KINDS = [
  'entry-mtime', 'entry-owner', 'entry-mode', 'entry-content', 'entry-type', 'entry-link', 'entry-set',
  'entry-order', 'entry-pax', 'entry-xattrs', 'tar-format',
  'gzip-mtime', 'gzip-name', 'gzip-os', 'gzip-header', 'compression-level', 'compressor', 'layer-compression',
  'layer-order', 'layer-set',
  'config-created', 'history-created', 'history-other', 'config-other', 'manifest-other', 'image-ref',
].sort();

test('registry array matches the comparators folder', () => {
  const folder = fileURLToPath(new URL('../../src/diff/comparators/', import.meta.url));
  const files = readdirSync(folder).filter((f) => f.endsWith('.js') && f !== 'index.js').map((f) => f.slice(0, -3)).sort();
  assert.deepEqual(COMPARATORS.map((c) => c.id).sort(), files);
  assert.equal(new Set(COMPARATORS.map((c) => c.id)).size, COMPARATORS.length);
});

test('the comparators cover exactly the diff kinds, each once', () => {
  const kinds = COMPARATORS.flatMap((c) => [...c.kinds]);
  assert.deepEqual([...kinds].sort(), DIFF_KINDS);
});

test('every finding comes from a comparator that declares its kind', () => {
  const a = side('a', [
    { entries: [dir('d'), file('d/x', { content: 's' }), hardlink('d/y', 'd/x'), file('f')] },
    { entries: [file('g')], gzip: { mtime: 3 } },
  ], { refs: ['a:1'] });
  const b = side('b', [
    { entries: [dir('d', { mtime: 5 }), file('d/y', { content: 's', uid: 9 }), hardlink('d/x', 'd/y', { uid: 9 }), file('f', { content: 'n', mode: 0o600, pax: { atime: '1' } })] },
    { entries: [file('g')], gzip: { mtime: 4, os: 255 } },
    { entries: [file('h')] },
  ], { refs: ['b:1'], config: (c) => (c['created'] = '2030-01-01T00:00:00Z') });
  const r = diffImages(a, b);
  assert.ok(r.findings.length >= 8);
  for (const f of r.findings) {
    const c = COMPARATORS.find((x) => x.id === f.origin);
    assert.ok(c, `unknown origin ${f.origin}`);
    assert.ok(c.kinds.includes(f.kind), `${f.origin} emitted undeclared ${f.kind}`);
    assert.ok(f.examples.length <= 5);
  }
});

test('a throwing comparator becomes a note; the others still report', () => {
  const a = side('a', [{ entries: [file('x')] }]);
  const b = side('b', [{ entries: [file('x', { mtime: 1 })] }]);
  (b.image as { refs: unknown }).refs = undefined; // image-ref spreads refs: it throws
  const r = diffImages(a, b);
  assert.deepEqual(r.notes.map((n) => n.code), ['diff-comparator-failed']);
  assert.match(r.notes[0]!.message, /image-ref/);
  assert.deepEqual(r.findings.map((f) => f.kind), ['entry-mtime']);
});
