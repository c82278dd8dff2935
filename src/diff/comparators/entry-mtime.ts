// Entry mtimes that differ, shaped as a whole (see classify.ts shapeEntryTimes): a constant
// shift (another SOURCE_DATE_EPOCH), one side clamped, the build clock, directories only, or
// scattered. A 20,000-entry mtime-only difference is one or two findings.
import { groupDeltas, shapeEntryTimes, type Delta } from '../classify.js';
import { comparable } from '../pair-entries.js';
import type { Comparator, EntryPairing } from '../types.js';

export const comparator: Comparator = {
  id: 'entry-mtime',
  kinds: ['entry-mtime'],
  compare(ctx) {
    // The differing pairs as parallel arrays; their Delta objects are made while grouping,
    // and all but a finding's first few examples die young.
    const a: number[] = [];
    const b: number[] = [];
    const dir: number[] = [];
    const where: EntryPairing[] = [];
    const at: number[] = [];
    for (const p of ctx.entryPairings())
      for (let i = 0; i < p.ma.length; i++) {
        const x = p.ma[i]!;
        const y = p.mb[i]!;
        if (x.mtime === y.mtime || !comparable(p.effA, p.effB, x, y)) continue;
        a.push(x.mtime);
        b.push(y.mtime);
        dir.push(x.type === 'dir' ? 1 : 0);
        where.push(p);
        at.push(i);
      }
    const delta = (k: number, shape: string, value: unknown): Delta => {
      const x = where[k]!.ma[at[k]!]!;
      return { kind: 'entry-mtime', shape, field: 'mtime', layer: where[k]!.layer, path: x.path, order: x.index, a: a[k], b: b[k], value };
    };
    function* deltas(): Generator<Delta> {
      for (const g of shapeEntryTimes(a, b, dir)) {
        if (g.members === null) for (let k = 0; k < a.length; k++) yield delta(k, g.shape, g.value);
        else for (const k of g.members) yield delta(k, g.shape, g.value);
      }
    }
    return groupDeltas('entry-mtime', deltas());
  },
};
