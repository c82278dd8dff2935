// Symlink or hardlink targets that differ between two links of the same type. Hardlinks
// that point elsewhere only because the file role moved (same content) are ordering.
import { groupDeltas, type Delta } from '../classify.js';
import { isRoleSwap } from '../pair-entries.js';
import type { Comparator } from '../types.js';

export const comparator: Comparator = {
  id: 'entry-link',
  kinds: ['entry-link'],
  compare(ctx) {
    const deltas: Delta[] = [];
    for (const p of ctx.entryPairings())
      for (let i = 0; i < p.ma.length; i++) {
        const x = p.ma[i]!;
        const y = p.mb[i]!;
        if (x.type !== y.type || (x.type !== 'symlink' && x.type !== 'hardlink') || x.linkTarget === y.linkTarget) continue;
        if (isRoleSwap(p.effA, p.effB, x, y)) continue;
        deltas.push({ kind: 'entry-link', shape: x.type, field: 'linkTarget', layer: p.layer, path: x.path, order: x.index, a: x.linkTarget, b: y.linkTarget });
      }
    return groupDeltas('entry-link', deltas);
  },
};
