// Removal of repcheck's temp dirs: read-only trees go, symlinks are never followed out, and a
// mount below the root (a bind mount a root build made, disorderfs) is unmounted, not emptied.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdirSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { removeTreeSync } from '../../src/build/remove-tree.js';
import { mountsUnder, TempRoot } from '../../src/build/temp-root.js';
import { unmountSync } from '../../src/build/sandbox.js';
import { nobodyCannotRun, PATH, scratch } from './helpers.js';
import { repoRoot } from '../helpers/paths.js';

const isRoot = process.getuid?.() === 0;
const NOBODY = 65534;

/** A tree like a Nix store output: read-only files in read-only dirs, three levels deep. */
function readOnlyTree(root: string, uid?: number): void {
  mkdirSync(join(root, 'nix/store/abc-pkg/bin'), { recursive: true });
  writeFileSync(join(root, 'nix/store/abc-pkg/bin/tool'), '#!/bin/sh\n');
  writeFileSync(join(root, 'nix/store/abc-pkg/README'), 'x');
  const all = ['nix/store/abc-pkg/bin/tool', 'nix/store/abc-pkg/README', 'nix/store/abc-pkg/bin', 'nix/store/abc-pkg', 'nix/store', 'nix'];
  for (const p of all) {
    if (uid !== undefined) chownSync(join(root, p), uid, uid);
    chmodSync(join(root, p), p.endsWith('tool') ? 0o555 : p.endsWith('README') ? 0o444 : 0o555);
  }
}

test('removeTreeSync: a read-only tree is removed (as an unprivileged user, where chmod u+w is what makes it work)', (t) => {
  if (isRoot && nobodyCannotRun()) {
    t.skip(`${nobodyCannotRun()}: as root, permissions would not be tested`);
    return;
  }
  const parent = scratch();
  try {
    const root = join(parent, 'root');
    mkdirSync(root);
    if (isRoot) {
      // root ignores permissions; run the removal as nobody, who does not. The parent is like
      // /tmp (sticky, world-writable), so nobody may remove its own dir from it.
      chmodSync(parent, 0o1777);
      chownSync(root, NOBODY, NOBODY);
      readOnlyTree(root, NOBODY);
      const script = `import('${join(repoRoot, 'dist/src/build/remove-tree.js')}').then(m => { const r = m.removeTreeSync(process.argv[1]); process.stdout.write(JSON.stringify(r)); })`;
      const r = spawnSync(process.execPath, ['-e', script, root], { uid: NOBODY, gid: NOBODY, encoding: 'utf8' });
      assert.equal(r.status, 0, r.stderr);
      assert.deepEqual(JSON.parse(r.stdout), { left: [] });
      // The plain way fails for the same user: the test would prove nothing if it did not.
      mkdirSync(root);
      chownSync(root, NOBODY, NOBODY);
      readOnlyTree(root, NOBODY);
      const rm = spawnSync('rm', ['-rf', root], { uid: NOBODY, gid: NOBODY });
      assert.notEqual(rm.status, 0, 'rm -rf removed a read-only tree as nobody');
      removeTreeSync(root);
    } else {
      readOnlyTree(root);
      assert.deepEqual(removeTreeSync(root), { left: [] });
    }
    assert.equal(existsSync(root), false);
  } finally {
    removeTreeSync(parent);
  }
});

test('removeTreeSync: symlinks are removed, never followed (a link to a dir outside stays a link)', () => {
  const parent = scratch();
  try {
    const outside = join(parent, 'outside');
    mkdirSync(outside);
    writeFileSync(join(outside, 'precious'), 'keep me');
    chmodSync(outside, 0o555);
    const root = join(parent, 'root');
    mkdirSync(join(root, 'out'), { recursive: true });
    symlinkSync(outside, join(root, 'out', 'link-to-dir'));
    symlinkSync(join(outside, 'precious'), join(root, 'link-to-file'));
    symlinkSync('/', join(root, 'slash'));
    assert.deepEqual(removeTreeSync(root), { left: [] });
    assert.equal(existsSync(root), false);
    assert.deepEqual(readdirSync(outside), ['precious']);
    // chmod was not applied through the link either.
    assert.equal((spawnSync('stat', ['-c', '%a', outside], { encoding: 'utf8' }).stdout ?? '').trim(), '555');
    chmodSync(outside, 0o755);
  } finally {
    removeTreeSync(parent);
  }
});

test('removeTreeSync: only a directory is removed; a missing root is fine', () => {
  const parent = scratch();
  try {
    writeFileSync(join(parent, 'file'), 'x');
    assert.deepEqual(removeTreeSync(join(parent, 'file')).left.map((l) => l.reason), ['not a directory']);
    assert.equal(existsSync(join(parent, 'file')), true);
    assert.deepEqual(removeTreeSync(join(parent, 'nope')), { left: [] });
  } finally {
    removeTreeSync(parent);
  }
});

test('TempRoot: a bind mount below the root is unmounted, not emptied', (t) => {
  if (!isRoot) {
    t.skip('needs root (mount --bind)');
    return;
  }
  const parent = scratch();
  try {
    const outside = join(parent, 'outside');
    mkdirSync(outside);
    writeFileSync(join(outside, 'precious'), 'keep me');
    const root = TempRoot.create(parent, (mp) => unmountSync(mp, { PATH }));
    const mp = join(root.path, 'builds', '1', 'mnt');
    mkdirSync(mp, { recursive: true });
    const m = spawnSync('mount', ['--bind', outside, mp]);
    if (m.status !== 0) {
      t.skip(`mount --bind does not work here: ${m.stderr}`);
      return;
    }
    assert.deepEqual(mountsUnder(root.path), [mp]);
    assert.deepEqual(root.removeSync(), { left: [] });
    assert.equal(existsSync(root.path), false);
    assert.deepEqual(readdirSync(outside), ['precious']);
  } finally {
    removeTreeSync(parent);
  }
});
