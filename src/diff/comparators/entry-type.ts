// A path that is another type of entry on the other side (file vs symlink, dir vs file …).
// A hardlink role swap is ordering, not a type change (entry-order reports it).
import { groupDeltas, type Delta } from '../classify.js';
import { isRoleSwap } from '../pair-entries.js';
import type { Comparator } from '../types.js';

export const comparator: Comparator = {
  id: 'entry-type',
  kinds: ['entry-type'],
  compare(ctx) {
    const deltas: Delta[] = [];
    for (const p of ctx.entryPairings())
      for (let i = 0; i < p.ma.length; i++) {
        const x = p.ma[i]!;
        const y = p.mb[i]!;
        if (x.type === y.type || isRoleSwap(p.effA, p.effB, x, y)) continue;
        deltas.push({ kind: 'entry-type', shape: `${x.type}-vs-${y.type}`, field: 'type', layer: p.layer, path: x.path, order: x.index, a: x.type, b: y.type });
      }
    return groupDeltas('entry-type', deltas);
  },
};
