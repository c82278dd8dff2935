// Layers whose entries follow neither order a deterministic archiver writes: the sorted tree
// walk of GNU tar `--sort=name` (directory first, then its names in byte order) or plain byte
// order of the full paths. Anything else is usually readdir order, which depends on the
// filesystem. Whiteouts are left out: tools put them first or last by design (kaniko writes
// them ahead of the sorted files), and their position does not change the layer's meaning.
import type { Finding } from '../../model/finding.js';
import type { EntryRecord } from '../../model/types.js';
import { Collector } from '../collect.js';
import { byteOrderKey, isWhiteout, treeWalkKey } from '../paths.js';
import type { LintRule } from '../rule.js';

interface Descent {
  prev: EntryRecord;
  curr: EntryRecord;
}

/** Entries that sort before the entry preceding them, under `key`. */
function descents(entries: EntryRecord[], key: (p: string) => Buffer, max: number): { n: number; first: Descent[] } {
  let n = 0;
  const first: Descent[] = [];
  let prev: EntryRecord | undefined;
  let prevKey: Buffer | undefined;
  for (const e of entries) {
    const k = key(e.path);
    if (prev && prevKey && Buffer.compare(k, prevKey) < 0) {
      n++;
      if (first.length < max) first.push({ prev, curr: e });
    }
    prev = e;
    prevKey = k;
  }
  return { n, first };
}

const ID = 'entry-order';

export const rule: LintRule = {
  id: ID,
  kinds: ['entry-order'],
  check(ctx): Finding[] {
    const c = new Collector(ID);
    ctx.scans.forEach((scan, layer) => {
      const entries = scan.entries.filter((e) => !isWhiteout(e.path));
      if (entries.length < 2) return;
      const tree = descents(entries, treeWalkKey, 5);
      if (tree.n === 0) return;
      const bytes = descents(entries, byteOrderKey, 5);
      if (bytes.n === 0) return;
      // Report against whichever order the layer is closer to.
      const best = bytes.n < tree.n ? bytes : tree;
      const g = c.group({ kind: 'entry-order', layer, shape: 'unsorted', field: 'order' });
      for (const d of best.first) g.add({ path: d.curr.path, field: 'after', value: d.prev.path });
      g.count = best.n;
    });
    return c.findings();
  },
};
