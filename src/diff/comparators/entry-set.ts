// Paths only one side has, within a layer pair. An extra copy of a path both sides have
// (a duplicate on one side only) is its own shape.
import type { EntryRecord } from '../../model/types.js';
import { groupDeltas, type Delta } from '../classify.js';
import type { Comparator } from '../types.js';

export const comparator: Comparator = {
  id: 'entry-set',
  kinds: ['entry-set'],
  compare(ctx) {
    const deltas: Delta[] = [];
    for (const p of ctx.entryPairings()) {
      if (p.onlyA.length === 0 && p.onlyB.length === 0) continue;
      const paired = new Set(p.ma.map((e) => e.path));
      const push = (e: EntryRecord, side: 'a' | 'b') => {
        const shape = paired.has(e.path) ? 'duplicate' : side === 'a' ? 'removed' : 'added';
        deltas.push({ kind: 'entry-set', shape, field: 'path', layer: p.layer, path: e.path, order: e.index, [side]: e.type });
      };
      for (const e of p.onlyA) push(e, 'a');
      for (const e of p.onlyB) push(e, 'b');
    }
    return groupDeltas('entry-set', deltas);
  },
};
