import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { rule } from '../../../src/lint/rules/entry-order.js';
import { ctx, entry, layer, run } from '../build.js';

describe('entry-order', () => {
  it('flags readdir order and names the first out-of-order entries', () => {
    const scans = [layer(['app/', 'app/zeta.txt', 'app/m.txt', 'app/sub/', 'app/sub/b.txt', 'app/sub/a.txt', 'app/a.txt'])];
    const [f, ...rest] = run(rule, ctx(scans));
    assert.equal(rest.length, 0);
    assert.equal(f!.layer, 0);
    assert.equal(f!.severity, 'warning');
    assert.deepEqual(
      f!.examples.map((e) => [e.path, e.value]),
      [
        ['app/m.txt', 'app/zeta.txt'],
        ['app/sub/a.txt', 'app/sub/b.txt'],
        ['app/a.txt', 'app/sub/a.txt'],
      ],
    );
    assert.equal(f!.count, 3);
  });

  it('accepts GNU tar --sort=name order (a dir before its contents, `/` below `-`)', () => {
    assert.deepEqual(run(rule, ctx([layer(['.', 'a/', 'a/c', 'a-b', 'b'])])), []);
  });

  it('accepts plain byte order of full paths', () => {
    assert.deepEqual(run(rule, ctx([layer(['a/', 'a-b', 'a/c', 'b'])])), []);
  });

  it('compares UTF-8 bytes, not locale order or UTF-16 units', () => {
    // U+FF21 (EF BC A1) sorts before U+1F600 (F0 9F 98 80) in UTF-8, after it in UTF-16.
    assert.deepEqual(run(rule, ctx([layer(['\uFF21', '\u{1F600}'])])), []);
    assert.equal(run(rule, ctx([layer(['\u{1F600}', '\uFF21'])])).length, 1);
    // localeCompare would put `B` after `a`; bytes put it first.
    assert.deepEqual(run(rule, ctx([layer(['B', 'a'])])), []);
  });

  it('ignores where whiteouts sit (kaniko writes them first)', () => {
    assert.deepEqual(run(rule, ctx([layer([entry('z/.wh.old'), 'a', 'b', 'z/'])])), []);
  });
});
