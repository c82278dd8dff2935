// Permission bits that differ. The shape names which bits: group/other write (a umask),
// execute bits (a VCS checkout keeps only +x), setuid/setgid/sticky, or a mix.
import { groupDeltas, type Delta } from '../classify.js';
import { comparable } from '../pair-entries.js';
import type { Comparator } from '../types.js';

export function modeShape(a: number, b: number): string {
  const x = a ^ b;
  if ((x & ~0o022) === 0) return 'umask';
  if ((x & ~0o111) === 0) return 'execute';
  if ((x & ~0o7000) === 0) return 'special-bits';
  return 'other';
}

export const comparator: Comparator = {
  id: 'entry-mode',
  kinds: ['entry-mode'],
  compare(ctx) {
    const deltas: Delta[] = [];
    for (const p of ctx.entryPairings())
      for (let i = 0; i < p.ma.length; i++) {
        const x = p.ma[i]!;
        const y = p.mb[i]!;
        if (x.mode === y.mode || !comparable(p.effA, p.effB, x, y)) continue;
        deltas.push({ kind: 'entry-mode', shape: modeShape(x.mode, y.mode), field: 'mode', layer: p.layer, path: x.path, order: x.index, a: x.mode, b: y.mode });
      }
    return groupDeltas('entry-mode', deltas);
  },
};
