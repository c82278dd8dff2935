// The same layers (equal diffIDs) in another order. Reports only the minimal set of moved
// layers: those outside the longest run that kept its relative order.
import { groupDeltas, type Delta } from '../classify.js';
import { lisMembers } from '../lis.js';
import type { Comparator, PairView } from '../types.js';

export const comparator: Comparator = {
  id: 'layer-order',
  kinds: ['layer-order'],
  compare(ctx) {
    const same = ctx.pairs
      .filter((p): p is PairView & { a: NonNullable<PairView['a']>; b: NonNullable<PairView['b']> } => p.pair.how === 'diffid' && !!p.a && !!p.b)
      .sort((x, y) => x.a.index - y.a.index);
    const inOrder = lisMembers(same.map((p) => p.b.index));
    const deltas: Delta[] = [];
    same.forEach((p, k) => {
      if (!inOrder[k])
        deltas.push({ kind: 'layer-order', shape: 'reordered', field: 'position', layer: p.a.index, path: null, order: p.a.index, a: p.a.index, b: p.b.index });
    });
    return groupDeltas('layer-order', deltas);
  },
};
