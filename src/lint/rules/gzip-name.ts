// FNAME set in a layer's gzip header: GNU gzip stores the input file's name unless -n.
import type { Finding } from '../../model/finding.js';
import { Collector } from '../collect.js';
import type { LintRule } from '../rule.js';

const ID = 'gzip-name';

export const rule: LintRule = {
  id: ID,
  kinds: ['gzip-name'],
  check(ctx): Finding[] {
    const c = new Collector(ID);
    ctx.scans.forEach((scan, layer) => {
      for (const h of scan.gzip?.headers ?? []) {
        if (h.name === null) continue;
        const g = c.group({ kind: 'gzip-name', layer, field: 'FNAME' });
        g.add({ field: `FNAME@${h.offset}`, value: h.name });
        g.value ??= h.name;
      }
    });
    return c.findings();
  },
};
