// The same canonical path twice in one layer (`tar -r`, overlapping inputs, `./x` and `x`).
// Extractors disagree on which copy wins, so the copies matter: identical ones (same type,
// content, link, mode, owner and mtime) only waste bytes; different ones change the result.
import type { Finding } from '../../model/finding.js';
import type { EntryRecord } from '../../model/types.js';
import { Collector } from '../collect.js';
import type { LintRule } from '../rule.js';

const ID = 'duplicate-entry';

export function sameEntry(a: EntryRecord, b: EntryRecord): boolean {
  return (
    a.type === b.type &&
    a.sha256 === b.sha256 &&
    a.linkTarget === b.linkTarget &&
    a.size === b.size &&
    a.mode === b.mode &&
    a.uid === b.uid &&
    a.gid === b.gid &&
    a.mtime === b.mtime
  );
}

export const rule: LintRule = {
  id: ID,
  kinds: ['duplicate-entry'],
  check(ctx): Finding[] {
    const c = new Collector(ID);
    ctx.scans.forEach((scan, layer) => {
      const first = new Map<string, EntryRecord>();
      for (const e of scan.entries) {
        const prev = first.get(e.path);
        if (!prev) {
          first.set(e.path, e);
          continue;
        }
        const shape = sameEntry(prev, e) ? 'identical' : 'different';
        const g = c.group({ kind: 'duplicate-entry', layer, shape, field: 'index' });
        g.add({ path: e.path, field: 'index', value: [prev.index, e.index] });
      }
    });
    return c.findings();
  },
};
