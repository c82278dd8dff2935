// Owners that differ. One finding per set of differing fields (`uid,gid,uname,gname`) and
// shape, so a leaked build user is one finding, not four: `build-user` when one side is root
// and the other is not, `user-name` when only the names differ, else `different-user`.
import type { EntryRecord } from '../../model/types.js';
import { comparePaired } from '../paired.js';
import { comparable } from '../pair-entries.js';
import type { Comparator } from '../types.js';

const FIELDS = ['uid', 'gid', 'uname', 'gname'] as const;
type OwnerField = (typeof FIELDS)[number];

const ROOT: Record<OwnerField, (v: number | string) => boolean> = {
  uid: (v) => v === 0,
  gid: (v) => v === 0,
  uname: (v) => v === 'root' || v === '',
  gname: (v) => v === 'root' || v === '',
};

function ownerShape(fields: OwnerField[], x: EntryRecord, y: EntryRecord): string {
  if (fields.every((f) => f === 'uname' || f === 'gname')) return 'user-name';
  const ids = fields.filter((f) => f === 'uid' || f === 'gid');
  const aRoot = ids.every((f) => ROOT[f](x[f]));
  const bRoot = ids.every((f) => ROOT[f](y[f]));
  return aRoot !== bRoot ? 'build-user' : 'different-user';
}

export const comparator: Comparator = {
  id: 'entry-owner',
  kinds: ['entry-owner'],
  compare: (ctx) =>
    comparePaired(ctx, 'entry-owner', (x, y, p) => {
      if (x.uid === y.uid && x.gid === y.gid && x.uname === y.uname && x.gname === y.gname) return null;
      if (!comparable(p.effA, p.effB, x, y)) return null;
      const fields = FIELDS.filter((f) => x[f] !== y[f]);
      const a: Record<string, unknown> = {};
      const b: Record<string, unknown> = {};
      for (const f of fields) {
        a[f] = x[f];
        b[f] = y[f];
      }
      return { shape: ownerShape(fields, x, y), field: fields.join(','), a, b };
    }),
};
