// Entry pairing within one layer pair: by canonical path, the k-th occurrence of a path in A
// with the k-th in B (duplicates are kept, and an unmatched extra copy is an entry-set delta).
// O(n) with one Map.
import type { EntryRecord } from '../model/types.js';

export interface Paired {
  ma: EntryRecord[];
  mb: EntryRecord[];
  onlyA: EntryRecord[];
  onlyB: EntryRecord[];
}

export function pairEntries(aEntries: readonly EntryRecord[], bEntries: readonly EntryRecord[]): Paired {
  // Rebuilds of one source usually list the same paths in the same order: then the k-th entry
  // pairs with the k-th (duplicates included), found by one pass of comparisons and no Map.
  if (samePaths(aEntries, bEntries)) return { ma: aEntries.slice(), mb: bEntries.slice(), onlyA: [], onlyB: [] };
  // path -> first b position; nextSame[j]: the next b position with the same path (-1: none);
  // cursor[first]: the next b occurrence of that path still to pair (-1: used up). One Map
  // lookup per entry and typed arrays keep 200,000-entry layers cheap.
  const n = bEntries.length;
  const first = new Map<string, number>();
  const tail = new Int32Array(n);
  const nextSame = new Int32Array(n).fill(-1);
  const cursor = new Int32Array(n).fill(-1);
  for (let j = 0; j < n; j++) {
    const p = bEntries[j]!.path;
    const f = first.get(p);
    if (f === undefined) {
      first.set(p, j);
      tail[j] = j;
      cursor[j] = j;
    } else {
      nextSame[tail[f]!] = j;
      tail[f] = j;
    }
  }
  const taken = new Uint8Array(n);
  const ma: EntryRecord[] = [];
  const mb: EntryRecord[] = [];
  const onlyA: EntryRecord[] = [];
  for (const e of aEntries) {
    const f = first.get(e.path);
    const j = f === undefined ? -1 : cursor[f]!;
    if (j === -1) {
      onlyA.push(e);
      continue;
    }
    cursor[f!] = nextSame[j]!;
    ma.push(e);
    mb.push(bEntries[j]!);
    taken[j] = 1;
  }
  const onlyB: EntryRecord[] = [];
  for (let j = 0; j < n; j++) if (!taken[j]) onlyB.push(bEntries[j]!);
  return { ma, mb, onlyA, onlyB };
}

function samePaths(a: readonly EntryRecord[], b: readonly EntryRecord[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i]!.path !== b[i]!.path) return false;
  return true;
}

/** Whether any entry is a hardlink (effective content is only needed then). */
export function hasHardlink(entries: readonly EntryRecord[]): boolean {
  for (const e of entries) if (e.type === 'hardlink') return true;
  return false;
}

/**
 * The content sha256 each entry stands for, by tar index: a regular file's own; a hardlink's
 * is the content of the entry it names, as last written before it on the same side.
 */
export function effectiveContent(entries: readonly EntryRecord[]): (string | null)[] {
  // Indexed by EntryRecord.index (the tar position), which is the array position for a scan.
  const out: (string | null)[] = [];
  const latest = new Map<string, string | null>();
  for (let i = 0; i < entries.length; i++) {
    const e = entries[i]!;
    let sha: string | null = null;
    if (e.type === 'file' || e.type === 'contiguous') sha = e.sha256;
    else if (e.type === 'hardlink' && e.linkTarget !== null) sha = latest.get(e.linkTarget) ?? null;
    out[e.index] = sha;
    latest.set(e.path, sha);
  }
  return out;
}

const FILE_LIKE = new Set(['file', 'contiguous', 'hardlink']);

/**
 * A hardlink pair whose roles swapped because the walk met the paths in another order: A has
 * X file + Y→X, B has Y file + X→Y, with the same content. The bytes differ only by order, so
 * type/link/content comparators stay silent and entry-order reports it.
 */
export function isRoleSwap(effA: readonly (string | null)[], effB: readonly (string | null)[], x: EntryRecord, y: EntryRecord): boolean {
  if (x.type !== 'hardlink' && y.type !== 'hardlink') return false;
  if (!FILE_LIKE.has(x.type) || !FILE_LIKE.has(y.type)) return false;
  if (x.type === y.type && x.linkTarget === y.linkTarget) return false;
  const sx = effA[x.index] ?? null;
  return sx !== null && sx === (effB[y.index] ?? null);
}

/**
 * The paired entries whose header fields are worth comparing: same type, or a hardlink role
 * swap (one inode, so mode/owner/mtime still correspond). A type change makes the rest noise.
 */
export function comparable(effA: readonly (string | null)[], effB: readonly (string | null)[], x: EntryRecord, y: EntryRecord): boolean {
  return x.type === y.type || isRoleSwap(effA, effB, x, y);
}

/** Regular-file content that differs (hardlinks are judged through their targets). */
export function contentDiffers(x: EntryRecord, y: EntryRecord): boolean {
  return (x.type === 'file' || x.type === 'contiguous') && x.type === y.type && x.sha256 !== y.sha256;
}
