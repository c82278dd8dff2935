// A non-zero MTIME in a layer's gzip header. GNU gzip given a file stores its mtime; from stdin,
// or with -n, it writes 0. One value is a constant, not a clock: 2288912640, Go's zero time cut
// to 32 bits (seen from go-containerregistry-built layers), which every build writes identically.
import type { Finding } from '../../model/finding.js';
import { Collector } from '../collect.js';
import type { LintRule } from '../rule.js';
import { GO_ZERO_TIME_GZIP, isoDate } from '../time.js';

const ID = 'gzip-mtime';

export const rule: LintRule = {
  id: ID,
  kinds: ['gzip-mtime'],
  check(ctx): Finding[] {
    const c = new Collector(ID);
    ctx.scans.forEach((scan, layer) => {
      for (const h of scan.gzip?.headers ?? []) {
        if (h.mtime === 0) continue;
        const constant = h.mtime === GO_ZERO_TIME_GZIP;
        const value = constant ? h.mtime : isoDate(h.mtime);
        const g = c.group({ kind: 'gzip-mtime', layer, shape: constant ? 'constant' : 'timestamp', field: 'MTIME' });
        g.add({ field: `MTIME@${h.offset}`, value });
        g.value ??= value;
      }
    });
    return c.findings();
  },
};
