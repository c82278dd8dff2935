// A directory as a Container (an OCI image layout on disk). Names are resolved strictly inside
// the directory: a name with a `..` segment is never looked up, and a symlink whose real path
// leaves the directory is refused, so a hostile layout cannot make repcheck read /etc/shadow.
import { lstatSync, readdirSync, readlinkSync, realpathSync, type Stats } from 'node:fs';
import { open as fsOpen } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { InputError } from '../errors.js';
import { readWhole, type ReadOptions } from '../io/read.js';
import type { Limits } from '../model/limits.js';
import { jsonLimitError, memberLabel, regularFile, type Container, type MemberStat } from './container.js';

export class DirContainer implements Container {
  private readonly rootReal: string;
  private cachedNames: string[] | null = null;

  constructor(readonly label: string, root: string, private readonly limits: Limits) {
    this.rootReal = realpathSync(root);
  }

  /** Every name under the directory (walked once, lazily, symlinks not followed). */
  names(): string[] {
    if (this.cachedNames) return this.cachedNames;
    const out: string[] = [];
    const walk = (rel: string, depth: number): void => {
      if (depth > 16 || out.length > this.limits.maxEntries) return;
      let entries;
      try {
        entries = readdirSync(rel ? join(this.rootReal, rel) : this.rootReal, { withFileTypes: true });
      } catch {
        return;
      }
      entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
      for (const e of entries) {
        const name = rel ? `${rel}/${e.name}` : e.name;
        out.push(name);
        if (e.isDirectory()) walk(name, depth + 1);
      }
    };
    walk('', 0);
    this.cachedNames = out;
    return out;
  }

  /** The path on disk for a member name, or null when the name is not a plain relative path. */
  private pathOf(name: string): string | null {
    if (name.length === 0 || name.includes('\0') || name.startsWith('/') || name.includes('\\')) return null;
    const segs = name.split('/');
    if (segs.some((s) => s === '..' || s === '')) return null;
    return join(this.rootReal, ...segs.filter((s) => s !== '.'));
  }

  stat(name: string): MemberStat | null {
    const p = this.pathOf(name);
    if (p === null) return null;
    let st: Stats;
    try {
      st = lstatSync(p);
    } catch {
      return null;
    }
    return statOf(st, p);
  }

  resolve(name: string): string | null {
    const p = this.pathOf(name);
    if (p === null) return null;
    let real: string;
    try {
      real = realpathSync(p);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'ELOOP') throw new InputError(memberLabel(this, name), 'symlink loop');
      return null;
    }
    if (real === this.rootReal) return null;
    if (!real.startsWith(this.rootReal + sep)) {
      throw new InputError(memberLabel(this, name), 'symlink points outside the layout directory');
    }
    return relative(this.rootReal, real).split(sep).join('/');
  }

  async readSmall(name: string, max = this.limits.maxJsonBytes): Promise<Buffer> {
    const { name: real, stat } = regularFile(this, name);
    if (stat.size > max) throw jsonLimitError(memberLabel(this, name), { ...this.limits, maxJsonBytes: max });
    const fh = await fsOpen(join(this.rootReal, real), 'r');
    try {
      // Re-check on the open handle: the file may have been swapped since the stat.
      const st = await fh.stat();
      if (!st.isFile()) throw new InputError(memberLabel(this, name), 'is not a regular file');
      if (st.size > max) throw jsonLimitError(memberLabel(this, name), { ...this.limits, maxJsonBytes: max });
      const buf = Buffer.alloc(st.size);
      let off = 0;
      while (off < buf.length) {
        const { bytesRead } = await fh.read(buf, off, buf.length - off, off);
        if (bytesRead === 0) break;
        off += bytesRead;
      }
      return buf.subarray(0, off);
    } finally {
      await fh.close();
    }
  }

  async open(name: string, opts: ReadOptions = {}): Promise<AsyncIterable<Buffer>> {
    const { name: real } = regularFile(this, name);
    const path = join(this.rootReal, real);
    return readWhole(path, opts);
  }
}

function statOf(st: Stats, path: string): MemberStat {
  if (st.isSymbolicLink()) {
    try {
      return { size: 0, kind: 'symlink', linkTarget: readlinkSync(path) };
    } catch {
      return { size: 0, kind: 'symlink' };
    }
  }
  if (st.isDirectory()) return { size: 0, kind: 'dir' };
  if (st.isFile()) return { size: st.size, kind: 'file' };
  return { size: 0, kind: 'other' };
}
