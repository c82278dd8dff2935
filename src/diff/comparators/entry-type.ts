// A path that is another type of entry on the other side (file vs symlink, dir vs file …).
// A hardlink role swap is ordering, not a type change (entry-order reports it).
import { comparePaired } from '../paired.js';
import { isRoleSwap } from '../pair-entries.js';
import type { Comparator } from '../types.js';

export const comparator: Comparator = {
  id: 'entry-type',
  kinds: ['entry-type'],
  compare: (ctx) =>
    comparePaired(ctx, 'entry-type', (x, y, p) =>
      x.type === y.type || isRoleSwap(p.effA, p.effB, x, y) ? null : { shape: `${x.type}-vs-${y.type}`, field: 'type', a: x.type, b: y.type }),
};
