// The same entries in another order. Only the minimal set of moved entries is reported: the
// complement of a longest increasing subsequence of B positions taken in A order (O(n log n)),
// so one entry moved from the front to the back is one move, not n shifts. Hardlink pairs
// whose file/link roles swapped because of the order are reported here too (shape
// `hardlink-swap`), not as type, link or content changes.
import type { EntryRecord } from '../../model/types.js';
import { groupDeltas, type Delta } from '../classify.js';
import { movedPositions } from '../lis.js';
import { isRoleSwap } from '../pair-entries.js';
import type { Comparator } from '../types.js';

/** Path order of a sorted walk (GNU tar --sort=name): component-wise, so `/` sorts first. */
function pathBefore(x: string, y: string): boolean {
  const n = Math.min(x.length, y.length);
  for (let i = 0; i < n; i++) {
    const cx = x.charCodeAt(i);
    const cy = y.charCodeAt(i);
    if (cx === cy) continue;
    if (cx === 0x2f) return true;
    if (cy === 0x2f) return false;
    return cx < cy;
  }
  return x.length < y.length;
}

function isSorted(entries: readonly EntryRecord[]): boolean {
  for (let i = 1; i < entries.length; i++) if (pathBefore(entries[i]!.path, entries[i - 1]!.path)) return false;
  return true;
}

function role(e: EntryRecord): string {
  return e.type === 'hardlink' ? `hardlink to ${e.linkTarget}` : e.type;
}

export const comparator: Comparator = {
  id: 'entry-order',
  kinds: ['entry-order'],
  compare(ctx) {
    const moved: Delta[] = [];
    const swaps: Delta[] = [];
    let aSorted = true;
    let bSorted = true;
    for (const p of ctx.entryPairings()) {
      const seq = p.mb.map((e) => e.index);
      const at = movedPositions(seq);
      if (at.length > 0) {
        aSorted &&= isSorted(p.aEntries);
        bSorted &&= isSorted(p.bEntries);
      }
      for (const i of at) {
        const x = p.ma[i]!;
        moved.push({ kind: 'entry-order', shape: 'reordered', field: 'index', layer: p.layer, path: x.path, order: x.index, a: x.index, b: p.mb[i]!.index });
      }
      for (let i = 0; i < p.ma.length; i++) {
        const x = p.ma[i]!;
        const y = p.mb[i]!;
        if (x.type === y.type && x.linkTarget === y.linkTarget) continue;
        if (isRoleSwap(p.effA, p.effB, x, y))
          swaps.push({ kind: 'entry-order', shape: 'hardlink-swap', field: 'type', layer: p.layer, path: x.path, order: x.index, a: role(x), b: role(y) });
      }
    }
    for (const d of moved) d.value = { aSorted, bSorted };
    return groupDeltas('entry-order', [...moved, ...swaps]);
  },
};
