// Permission bits that differ. The shape names which bits: group/other write (a umask),
// execute bits (a VCS checkout keeps only +x), setuid/setgid/sticky, or a mix.
import { comparePaired } from '../paired.js';
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
  compare: (ctx) =>
    comparePaired(ctx, 'entry-mode', (x, y, p) =>
      x.mode === y.mode || !comparable(p.effA, p.effB, x, y) ? null : { shape: modeShape(x.mode, y.mode), field: 'mode', a: x.mode, b: y.mode }),
};
