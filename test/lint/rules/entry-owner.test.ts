import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { rule } from '../../../src/lint/rules/entry-owner.js';
import { ctx, entry, layer, run } from '../build.js';

describe('entry-owner', () => {
  it('flags a build user (uid/gid >= 1000) as a warning, with the owners seen', () => {
    const scans = [layer([entry('app/', { uid: 1000, gid: 1000, uname: 'builder', gname: 'builder' }), entry('app/a', { uid: 1000, gid: 1000, uname: 'builder', gname: 'builder' })])];
    const [f, ...rest] = run(rule, ctx(scans));
    assert.equal(rest.length, 0);
    assert.equal(f!.shape, 'build-user');
    assert.equal(f!.severity, 'warning');
    assert.equal(f!.count, 2);
    assert.deepEqual(f!.value, ['1000:1000 (builder:builder)']);
  });

  it('flags a human name on a low id (macOS 501:0 kzantow:wheel) as a build user', () => {
    const [f] = run(rule, ctx([layer([entry('x', { uid: 501, gid: 0, uname: 'kzantow', gname: 'wheel' })])]));
    assert.equal(f!.shape, 'build-user');
  });

  it('reports a leaked name on root-owned entries as user-name', () => {
    const [f] = run(rule, ctx([layer([entry('x', { uname: 'jonjohnson', gname: 'primarygroup' })])]));
    assert.equal(f!.shape, 'user-name');
    assert.equal(f!.severity, 'warning');
  });

  it('keeps distribution system ids (0:42 shadow, 65534 nobody, 8:8 mail) at info', () => {
    const scans = [
      layer([
        entry('etc/shadow', { uid: 0, gid: 42, gname: 'shadow' }),
        entry('home/nobody/', { uid: 65534, gid: 65534 }),
        entry('var/spool/mail/', { uid: 8, gid: 8 }),
      ]),
    ];
    const [f, ...rest] = run(rule, ctx(scans));
    assert.equal(rest.length, 0);
    assert.equal(f!.shape, 'system-id');
    assert.equal(f!.severity, 'info');
    assert.equal(f!.count, 3);
  });

  it('requires nix/store paths to be root:root even when another owner is expected', () => {
    const [f] = run(rule, ctx([layer([entry('nix/store/abc-hello/bin/hello', { uid: 1000, gid: 100 })])], { owner: { uid: 1000, gid: 100 } }));
    assert.equal(f!.shape, 'nix-store');
  });

  it('is silent for root-owned entries with no or root names, and for the expected owner', () => {
    assert.deepEqual(run(rule, ctx([layer(['a', entry('b', { uname: 'root', gname: 'root' })])])), []);
    const scans = [layer([entry('app/a', { uid: 65532, gid: 65532, uname: 'nonroot', gname: 'nonroot' }), 'etc/passwd'])];
    assert.deepEqual(run(rule, ctx(scans, { owner: { uid: 65532, gid: 65532 } })), []);
    const app = [layer([entry('app/a', { uid: 1000, gid: 1000, uname: 'app', gname: 'app' })])];
    assert.deepEqual(run(rule, ctx(app, { owner: { uid: 1000, gid: 1000 } })), []);
  });
});
