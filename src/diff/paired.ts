// The loop five entry comparators share: over every paired entry of every differing layer pair,
// ask the comparator for its delta, and group the deltas into findings.
import type { Finding } from '../model/finding.js';
import type { Kind } from '../model/kinds.js';
import type { EntryRecord } from '../model/types.js';
import { groupDeltas, type Delta } from './classify.js';
import type { DiffContext, EntryPairing } from './types.js';

/** What differs about one pair of entries: shape, field and the two values. */
export type EntryDelta = Pick<Delta, 'shape' | 'field' | 'a' | 'b'>;

export function comparePaired(
  ctx: DiffContext,
  kind: Kind,
  delta: (x: EntryRecord, y: EntryRecord, p: EntryPairing) => EntryDelta | null,
): Finding[] {
  const deltas: Delta[] = [];
  for (const p of ctx.entryPairings())
    for (let i = 0; i < p.ma.length; i++) {
      const x = p.ma[i]!;
      const d = delta(x, p.mb[i]!, p);
      if (d) deltas.push({ kind, ...d, layer: p.layer, path: x.path, order: x.index });
    }
  return groupDeltas(kind, deltas);
}
