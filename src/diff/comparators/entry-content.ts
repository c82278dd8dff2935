// Regular files whose content (sha256) differs. Same size hints at embedded times or ids;
// a size change at added or removed data. Hardlinks are judged through their targets.
import { comparePaired } from '../paired.js';
import { contentDiffers } from '../pair-entries.js';
import type { Comparator } from '../types.js';

export const comparator: Comparator = {
  id: 'entry-content',
  kinds: ['entry-content'],
  compare: (ctx) =>
    comparePaired(ctx, 'entry-content', (x, y) =>
      contentDiffers(x, y)
        ? { shape: x.size === y.size ? 'same-size' : 'size-differs', field: 'sha256', a: { size: x.size, sha256: x.sha256 }, b: { size: y.size, sha256: y.sha256 } }
        : null),
};
