// Copies the source tree into a build dir. Entries are created in a chosen order: sorted by
// name, or reversed — on filesystems whose readdir follows creation order (tmpfs), that alone
// changes what an unsorted `ls -f`/`find`/tar walk sees; on ext4 (hashed names) it does not,
// which is why file-order prefers disorderfs. Modes and mtimes are kept (both copies get the
// same times, so a build that archives source files sees the same mtimes in both); owners are
// not (the build runs as the invoking user either way).
import { chmod, copyFile, lstat, mkdir, readdir, readlink, symlink, utimes, lutimes } from 'node:fs/promises';
import { join } from 'node:path';

export interface CopyOptions {
  order: 'sorted' | 'reverse';
  /** Absolute paths not to copy (repcheck's own temp dir, if it lies inside the source). */
  exclude: ReadonlySet<string>;
  signal?: AbortSignal;
}

export interface CopyResult {
  files: number;
  /** Sockets, FIFOs and devices are not copied. */
  skipped: string[];
}

export async function copyTree(src: string, dest: string, opts: CopyOptions): Promise<CopyResult> {
  const result: CopyResult = { files: 0, skipped: [] };
  const dirModes: { path: string; mode: number; atime: Date; mtime: Date }[] = [];
  await copyDir(src, dest, '', opts, result, dirModes);
  // Directory modes and times last: a read-only source directory must still receive its entries,
  // and creating entries would bump the directory's mtime.
  for (const d of dirModes.reverse()) {
    await chmod(d.path, d.mode);
    await utimes(d.path, d.atime, d.mtime);
  }
  return result;
}

async function copyDir(
  src: string,
  dest: string,
  rel: string,
  opts: CopyOptions,
  result: CopyResult,
  dirModes: { path: string; mode: number; atime: Date; mtime: Date }[],
): Promise<void> {
  const st = await lstat(src);
  await mkdir(dest, { mode: 0o700 });
  dirModes.push({ path: dest, mode: st.mode & 0o7777, atime: st.atime, mtime: st.mtime });
  const names = (await readdir(src)).sort(byCodeUnit);
  if (opts.order === 'reverse') names.reverse();
  for (const name of names) {
    if (opts.signal?.aborted) throw new Error('aborted');
    const s = join(src, name);
    if (opts.exclude.has(s)) continue;
    const d = join(dest, name);
    const r = rel ? `${rel}/${name}` : name;
    const est = await lstat(s);
    if (est.isDirectory()) {
      await copyDir(s, d, r, opts, result, dirModes);
    } else if (est.isSymbolicLink()) {
      await symlink(await readlink(s), d);
      await lutimes(d, est.atime, est.mtime).catch(() => undefined);
      result.files++;
    } else if (est.isFile()) {
      await copyFile(s, d);
      await chmod(d, est.mode & 0o7777);
      await utimes(d, est.atime, est.mtime);
      result.files++;
    } else {
      result.skipped.push(r);
    }
  }
}

function byCodeUnit(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
