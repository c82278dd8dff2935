// Entries newer than SOURCE_DATE_EPOCH: the build did not clamp file times. Whiteouts count
// too (BuildKit once stamped them with the build clock, moby/buildkit#3168); kaniko's mtime-0
// whiteouts are older than any epoch and pass.
import type { Finding } from '../../model/finding.js';
import type { EntryRecord } from '../../model/types.js';
import { Collector } from '../collect.js';
import type { LintRule } from '../rule.js';

const ID = 'entry-mtime';

export const rule: LintRule = {
  id: ID,
  kinds: ['entry-mtime'],
  check(ctx): Finding[] {
    // With no epoch there is nothing to compare with; lintImage notes it (no crying wolf).
    const epoch = ctx.epoch;
    if (epoch === null) return [];
    const c = new Collector(ID);
    ctx.scans.forEach((scan, layer) => {
      const late: EntryRecord[] = scan.entries.filter((e) => e.mtime > epoch);
      if (late.length === 0) return;
      const shape = late.every((e) => e.type === 'dir') ? 'directories-only' : 'after-epoch';
      const g = c.group({ kind: 'entry-mtime', layer, shape, field: 'mtime' });
      let newest = -Infinity;
      for (const e of late) {
        g.add({ path: e.path, value: e.mtime });
        if (e.mtime > newest) newest = e.mtime;
      }
      g.value = newest;
    });
    return c.findings();
  },
};
