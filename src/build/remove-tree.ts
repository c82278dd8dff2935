// Removes a directory tree that repcheck made, and nothing else. Build outputs can be read-only
// (Nix store paths, dockerTools images, `chmod -R a-w` in a Makefile): a plain recursive rm fails
// on them for non-root users, so every directory is made writable (u+rwx) before its entries are
// unlinked. Symlinks are unlinked, never followed; a directory on another device (a FUSE mount
// left behind, a bind mount the build made) is never entered: it is unmounted by the caller, and
// if it is still mounted here it is left and reported instead of emptying someone else's tree.
import { chmodSync, lstatSync, readdirSync, rmdirSync, unlinkSync, type Stats } from 'node:fs';
import { join } from 'node:path';

export interface RemoveResult {
  /** Paths that could not be removed (with the reason), relative to the root. */
  left: { path: string; reason: string }[];
}

/**
 * Remove `root` and everything below it, synchronously (it also runs from signal and exit
 * handlers). The root itself must be a real directory (not a symlink to one).
 */
export function removeTreeSync(root: string, opts: { skip?: ReadonlySet<string> } = {}): RemoveResult {
  const skip = opts.skip ?? new Set<string>();
  const left: RemoveResult['left'] = [];
  let st: Stats;
  try {
    st = lstatSync(root);
  } catch (err) {
    if (code(err) === 'ENOENT') return { left };
    return { left: [{ path: '.', reason: message(err) }] };
  }
  if (!st.isDirectory()) {
    // Not ours to interpret: only a directory we made is ever passed here.
    return { left: [{ path: '.', reason: 'not a directory' }] };
  }
  if (skip.has(root)) return { left: [{ path: '.', reason: 'a filesystem is mounted here; not entered' }] };
  removeDir(root, '.', st.dev, left, skip);
  return { left };
}

function removeDir(abs: string, rel: string, dev: number, left: RemoveResult['left'], skip: ReadonlySet<string>): void {
  // u+rwx: write to unlink entries, read to list them, search to reach them.
  try {
    chmodSync(abs, (lstatSync(abs).mode & 0o7777) | 0o700);
  } catch {
    // chmod can fail (not the owner); removal below may still work (root, or already writable).
  }
  let names: string[];
  try {
    names = readdirSync(abs);
  } catch (err) {
    left.push({ path: rel, reason: message(err) });
    return;
  }
  for (const name of names) {
    const childAbs = join(abs, name);
    const childRel = rel === '.' ? name : `${rel}/${name}`;
    let st: Stats;
    try {
      st = lstatSync(childAbs);
    } catch (err) {
      if (code(err) !== 'ENOENT') left.push({ path: childRel, reason: message(err) });
      continue;
    }
    if (st.isDirectory()) {
      // Another device, or a mount point of the same one (a bind mount): never entered.
      if (st.dev !== dev || skip.has(childAbs)) {
        left.push({ path: childRel, reason: 'a filesystem is mounted here; not entered' });
        continue;
      }
      removeDir(childAbs, childRel, dev, left, skip);
    } else {
      try {
        unlinkSync(childAbs);
      } catch (err) {
        if (code(err) !== 'ENOENT') left.push({ path: childRel, reason: message(err) });
      }
    }
  }
  try {
    rmdirSync(abs);
  } catch (err) {
    if (code(err) !== 'ENOENT' && !left.some((l) => l.path.startsWith(rel === '.' ? '' : `${rel}/`))) {
      left.push({ path: rel, reason: message(err) });
    }
  }
}

function code(err: unknown): string | undefined {
  return (err as NodeJS.ErrnoException | null)?.code;
}

function message(err: unknown): string {
  const e = err as NodeJS.ErrnoException;
  return e?.code ?? (err instanceof Error ? err.message : String(err));
}
