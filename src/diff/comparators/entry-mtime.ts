// Entry mtimes that differ, shaped as a whole (see classify.ts shapeEntryTimes): a constant
// shift (another SOURCE_DATE_EPOCH), one side clamped, the build clock, directories only, or
// scattered. A 20,000-entry mtime-only difference is one or two findings.
import { groupDeltas, shapeEntryTimes, type TimeItem } from '../classify.js';
import { comparable } from '../pair-entries.js';
import type { Comparator } from '../types.js';

export const comparator: Comparator = {
  id: 'entry-mtime',
  kinds: ['entry-mtime'],
  compare(ctx) {
    const items: TimeItem[] = [];
    for (const p of ctx.entryPairings())
      for (let i = 0; i < p.ma.length; i++) {
        const x = p.ma[i]!;
        const y = p.mb[i]!;
        if (x.mtime === y.mtime || !comparable(p.effA, p.effB, x, y)) continue;
        items.push({
          a: x.mtime,
          b: y.mtime,
          dir: x.type === 'dir',
          delta: { kind: 'entry-mtime', shape: '', field: 'mtime', layer: p.layer, path: x.path, order: x.index, a: x.mtime, b: y.mtime },
        });
      }
    return groupDeltas('entry-mtime', shapeEntryTimes(items));
  },
};
