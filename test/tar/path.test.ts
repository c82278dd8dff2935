import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { canonicalPath } from '../../src/tar/path.js';

test('canonicalPath: tar -t and find spellings of one path agree', () => {
  assert.equal(canonicalPath('./nix/store/x/'), 'nix/store/x');
  assert.equal(canonicalPath('/nix/store/x'), 'nix/store/x');
  assert.equal(canonicalPath('nix/store/x'), 'nix/store/x');
});

test('canonicalPath: root spellings become "."', () => {
  for (const root of ['', '.', './', '/', '//', '././', './/.', '/./']) assert.equal(canonicalPath(root), '.', JSON.stringify(root));
});

test('canonicalPath: repeated ./ and /, // and . segments collapse', () => {
  assert.equal(canonicalPath('././a'), 'a');
  assert.equal(canonicalPath('/./a//b/./c/'), 'a/b/c');
  assert.equal(canonicalPath('a/.'), 'a');
  assert.equal(canonicalPath('.a/.b'), '.a/.b'); // dotfiles are not "." segments
  assert.equal(canonicalPath('.wh..wh..opq'), '.wh..wh..opq');
});

test('canonicalPath: .. is kept, never resolved (traversal is data)', () => {
  assert.equal(canonicalPath('../etc/passwd'), '../etc/passwd');
  assert.equal(canonicalPath('./a/../b'), 'a/../b');
  assert.equal(canonicalPath('/..'), '..');
});

test('canonicalPath property: idempotent, no leading / or ./, no trailing /, no //', () => {
  const seg = fc.constantFrom('', '.', '..', 'a', 'b.c', '.wh.x', 'é', ' ');
  const path = fc.array(seg, { maxLength: 8 }).map((s) => s.join('/'));
  const raw = fc.tuple(fc.constantFrom('', '/', './', '././', '//'), path, fc.constantFrom('', '/', '/.', '//'))
    .map(([a, b, c]) => a + b + c);
  fc.assert(fc.property(raw, (r) => {
    const c = canonicalPath(r);
    assert.equal(canonicalPath(c), c);
    assert.ok(c === '.' || (!c.startsWith('/') && !c.startsWith('./')), c);
    assert.ok(c === '.' || !c.endsWith('/'), c);
    assert.ok(!c.includes('//'), c);
    assert.ok(c === '.' || !c.split('/').includes('.'), c);
    assert.ok(c.length > 0);
  }), { numRuns: 2000 });
});
