// Layers only one side has, once same-tar layers are anchored and rebuilt steps paired.
import { groupDeltas, type Delta } from '../classify.js';
import type { Comparator } from '../types.js';

export const comparator: Comparator = {
  id: 'layer-set',
  kinds: ['layer-set'],
  compare(ctx) {
    const deltas: Delta[] = [];
    for (const p of ctx.pairs) {
      if (p.pair.how === 'only-a' && p.a)
        deltas.push({ kind: 'layer-set', shape: 'removed', field: 'layer', layer: p.a.index, path: null, order: p.a.index, a: p.a.diffId ?? p.a.stored ?? p.a.index });
      else if (p.pair.how === 'only-b' && p.b)
        deltas.push({ kind: 'layer-set', shape: 'added', field: 'layer', layer: p.b.index, path: null, order: p.b.index, b: p.b.diffId ?? p.b.stored ?? p.b.index });
    }
    return groupDeltas('layer-set', deltas);
  },
};
