// A non-directory path written by more than one layer. The lower copy still ships.
//   identical    same type, content and link target: wasted bytes only.
//   overwritten  the content (or type) changed: normal layering, e.g. package databases that
//                every install step rewrites. Neither makes a build irreproducible, so both are
//                info; the finding's value says how many bytes the lower copies still cost.
// Whiteouts are OCI semantics, not paths: `.wh.x` deletes x (and everything under it) from the
// lower layers, `.wh..wh..opq` hides the lower contents of its directory. A path deleted that way
// and written again later is a re-creation, not a shadow. A layer's whiteouts apply to the layers
// below it, wherever they sit in its tar, so they are applied before its entries are compared.
import type { Finding } from '../../model/finding.js';
import type { EntryRecord } from '../../model/types.js';
import { Collector } from '../collect.js';
import { dirname, isUnder, whiteoutOf } from '../paths.js';
import type { LintRule } from '../rule.js';

const ID = 'shadowed-path';

interface Live {
  layer: number;
  entry: EntryRecord;
}

function sameContent(a: EntryRecord, b: EntryRecord): boolean {
  return a.type === b.type && a.sha256 === b.sha256 && a.linkTarget === b.linkTarget;
}

/**
 * Deletes `dir` (when includeSelf) and everything below it. `parents` holds every directory that
 * ever had a live path below it, so a whiteout of a plain file costs one lookup, not a full scan.
 */
function removeUnder(live: Map<string, Live>, parents: Set<string>, dir: string, includeSelf: boolean): void {
  if (includeSelf) live.delete(dir);
  if (!parents.has(dir) && dir !== '.') return;
  for (const p of live.keys()) if (p !== dir && isUnder(p, dir)) live.delete(p);
}

function addParents(parents: Set<string>, path: string): void {
  for (let d = dirname(path); d !== '.' && !parents.has(d); d = dirname(d)) parents.add(d);
}

export const rule: LintRule = {
  id: ID,
  kinds: ['shadowed-path'],
  check(ctx): Finding[] {
    const c = new Collector(ID);
    /** Non-directory entries visible from the layers below the current one. */
    const live = new Map<string, Live>();
    const parents = new Set<string>();
    ctx.scans.forEach((scan, layer) => {
      const entries: EntryRecord[] = [];
      for (const e of scan.entries) {
        const wh = whiteoutOf(e.path);
        if (wh === null) entries.push(e);
        else if (wh.kind === 'file') removeUnder(live, parents, wh.target, true);
        else if (wh.kind === 'opaque') removeUnder(live, parents, wh.dir, false);
      }
      const bytes: Record<string, number> = {};
      const written = new Map<string, Live>();
      for (const e of entries) {
        const lower = live.get(e.path);
        if (lower) {
          const shape = e.type !== 'dir' && sameContent(lower.entry, e) ? 'identical' : 'overwritten';
          const g = c.group({ kind: 'shadowed-path', layer, shape, field: 'bytes' });
          g.add({ path: e.path, field: 'lowerLayer', value: lower.layer });
          bytes[shape] = (bytes[shape] ?? 0) + lower.entry.size;
          g.value = bytes[shape];
        }
        if (e.type === 'dir') {
          live.delete(e.path);
          written.delete(e.path);
        } else written.set(e.path, { layer, entry: e });
      }
      for (const [p, l] of written) {
        live.set(p, l);
        addParents(parents, p);
      }
    });
    return c.findings();
  },
};
