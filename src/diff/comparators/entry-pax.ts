// PAX records (atime, ctime, SCHILY.* …) that differ or exist on one side only, per key.
import { groupDeltas, type Delta } from '../classify.js';
import { comparable } from '../pair-entries.js';
import { recordDeltas } from '../records.js';
import type { Comparator } from '../types.js';

export const comparator: Comparator = {
  id: 'entry-pax',
  kinds: ['entry-pax'],
  compare(ctx) {
    const deltas: Delta[] = [];
    for (const p of ctx.entryPairings())
      for (let i = 0; i < p.ma.length; i++)
        if (comparable(p.effA, p.effB, p.ma[i]!, p.mb[i]!)) recordDeltas('entry-pax', 'pax', p.layer, p.ma[i]!, p.mb[i]!, deltas);
    return groupDeltas('entry-pax', deltas);
  },
};
