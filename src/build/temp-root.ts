// The one directory repcheck makes for a `build` run, and its removal. Everything a run creates
// (both source copies, HOMEs, TMPDIR, outputs, logs) lives below it, so removing it is the whole
// cleanup — on success, failure, timeout, SIGINT and SIGTERM alike — and nothing outside it is
// ever touched. Mounts below it (disorderfs, or a bind mount a build running as root made) are
// unmounted first and never entered, so removal cannot reach into a mounted tree.
import { lstatSync, mkdtempSync, readFileSync, realpathSync } from 'node:fs';
import { join } from 'node:path';
import { removeTreeSync, type RemoveResult } from './remove-tree.js';

/** Roots not yet removed in this process, for the exit-handler safety net. */
const LIVE = new Set<TempRoot>();

export class TempRoot {
  private removed = false;

  private constructor(
    /** Absolute, symlink-free path of the directory repcheck made. */
    readonly path: string,
    private readonly unmount: (mountpoint: string) => boolean,
  ) {
    LIVE.add(this);
  }

  /** mkdtemp under `parent` (resolved, so a symlinked /tmp cannot confuse the mount checks). */
  static create(parent: string, unmount: (mountpoint: string) => boolean): TempRoot {
    const dir = mkdtempSync(join(realpathSync(parent), 'repcheck-'));
    return new TempRoot(dir, unmount);
  }

  /** Mount points at or below this root, deepest first. */
  mountsBelow(): string[] {
    return mountsUnder(this.path);
  }

  /** Unmount what is mounted below, then remove the tree. Idempotent and synchronous. */
  removeSync(): RemoveResult {
    if (this.removed) return { left: [] };
    const result = this.removeBelowSync(this.path);
    this.removed = true;
    LIVE.delete(this);
    return result;
  }

  /**
   * Remove `dir` (this root or a dir inside it) the same way: mounts below are unmounted first;
   * one that cannot be is left alone, never entered — even a bind mount of the same device,
   * which a device check alone would not see.
   */
  removeBelowSync(dir: string): RemoveResult {
    if (dir !== this.path && !dir.startsWith(this.path + '/')) return { left: [{ path: dir, reason: 'outside the temp root' }] };
    for (const mp of mountsUnder(dir)) this.unmount(mp);
    return removeTreeSync(dir, { skip: new Set(mountsUnder(dir)) });
  }

  get exists(): boolean {
    try {
      return lstatSync(this.path).isDirectory();
    } catch {
      return false;
    }
  }

  /** Forget without removing (`--keep`). */
  keep(): void {
    this.removed = true;
    LIVE.delete(this);
  }
}

/** Remove every root still live (the CLI calls this from `process.on('exit')`). */
export function removeLiveTempRootsSync(): void {
  for (const root of [...LIVE]) root.removeSync();
}

/** Mount points at or below `dir` from /proc/self/mountinfo, deepest first. */
export function mountsUnder(dir: string): string[] {
  let text: string;
  try {
    text = readFileSync('/proc/self/mountinfo', 'utf8');
  } catch {
    return [];
  }
  const out: string[] = [];
  for (const line of text.split('\n')) {
    const f = line.split(' ');
    if (f.length < 5) continue;
    // Field 5 is the mount point, with space, tab, newline and backslash as octal escapes.
    const mp = f[4]!.replace(/\\([0-7]{3})/g, (_, o: string) => String.fromCharCode(parseInt(o, 8)));
    if (mp === dir || mp.startsWith(dir + '/')) out.push(mp);
  }
  return [...new Set(out)].sort((a, b) => b.length - a.length);
}
