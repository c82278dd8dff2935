// Symlink or hardlink targets that differ between two links of the same type. Hardlinks
// that point elsewhere only because the file role moved (same content) are ordering.
import { comparePaired } from '../paired.js';
import { isRoleSwap } from '../pair-entries.js';
import type { Comparator } from '../types.js';

export const comparator: Comparator = {
  id: 'entry-link',
  kinds: ['entry-link'],
  compare: (ctx) =>
    comparePaired(ctx, 'entry-link', (x, y, p) => {
      if (x.type !== y.type || (x.type !== 'symlink' && x.type !== 'hardlink') || x.linkTarget === y.linkTarget) return null;
      if (isRoleSwap(p.effA, p.effB, x, y)) return null;
      return { shape: x.type, field: 'linkTarget', a: x.linkTarget, b: y.linkTarget };
    }),
};
