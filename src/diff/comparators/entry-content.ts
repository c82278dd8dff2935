// Regular files whose content (sha256) differs. Same size hints at embedded times or ids;
// a size change at added or removed data. Hardlinks are judged through their targets.
import { groupDeltas, type Delta } from '../classify.js';
import { contentDiffers } from '../pair-entries.js';
import type { Comparator } from '../types.js';

export const comparator: Comparator = {
  id: 'entry-content',
  kinds: ['entry-content'],
  compare(ctx) {
    const deltas: Delta[] = [];
    for (const p of ctx.entryPairings())
      for (let i = 0; i < p.ma.length; i++) {
        const x = p.ma[i]!;
        const y = p.mb[i]!;
        if (!contentDiffers(x, y)) continue;
        deltas.push({
          kind: 'entry-content',
          shape: x.size === y.size ? 'same-size' : 'size-differs',
          field: 'sha256',
          layer: p.layer,
          path: x.path,
          order: x.index,
          a: { size: x.size, sha256: x.sha256 },
          b: { size: y.size, sha256: y.sha256 },
        });
      }
    return groupDeltas('entry-content', deltas);
  },
};
