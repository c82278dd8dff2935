// Config history. Entries are aligned by everything but `created` (jsdiff's array diff), so
// an inserted step does not shift every later comparison. `created` differences
// (history-created) are shaped like entry times; other fields (created_by, comment,
// empty_layer, author) and entries on one side only are history-other.
// The one module needed, not the package index (which loads all 21 of its modules).
import { diffArrays } from 'diff/lib/diff/array.js';
import { canon, groupDeltas, timeShape, type Delta } from '../classify.js';
import { changeShape, jsonDiff } from '../json-diff.js';
import { parseTime } from '../times.js';
import type { Comparator } from '../types.js';

type Item = Record<string, unknown>;

function historyOf(parsed: Record<string, unknown> | undefined): Item[] {
  const h = parsed?.['history'];
  return Array.isArray(h) ? h.map((x) => (typeof x === 'object' && x !== null && !Array.isArray(x) ? (x as Item) : { value: x })) : [];
}

function withoutCreated(x: Item): Item {
  const { created: _created, ...rest } = x;
  return rest;
}

export const comparator: Comparator = {
  id: 'history',
  kinds: ['history-created', 'history-other'],
  compare(ctx) {
    const ca = ctx.a.image.config;
    const cb = ctx.b.image.config;
    if (!ca || !cb || ca.digest === cb.digest) return [];
    const ha = historyOf(ca.parsed);
    const hb = historyOf(cb.parsed);
    const created: { ia: number; x: unknown; y: unknown }[] = [];
    const deltas: Delta[] = [];

    const compareItems = (ia: number, ib: number) => {
      const x = ha[ia]!;
      const y = hb[ib]!;
      if (canon(x['created']) !== canon(y['created'])) created.push({ ia, x: x['created'], y: y['created'] });
      for (const c of jsonDiff(withoutCreated(x), withoutCreated(y), '', []))
        deltas.push({ kind: 'history-other', shape: changeShape(c), field: c.path.replace(/\[\d+\]/g, '[]'), exField: `history[${ia}].${c.path}`, layer: null, path: null, order: ia, a: c.a, b: c.b });
    };
    const oneSide = (i: number, side: 'a' | 'b') => {
      const item = side === 'a' ? ha[i] : hb[i];
      deltas.push({ kind: 'history-other', shape: side === 'a' ? 'removed' : 'added', field: 'history', exField: `history[${i}]`, layer: null, path: null, order: i, [side]: item });
    };

    const keysA = ha.map((x) => canon(withoutCreated(x)));
    const keysB = hb.map((x) => canon(withoutCreated(x)));
    let ia = 0;
    let ib = 0;
    const parts = diffArrays(keysA, keysB);
    for (let k = 0; k < parts.length; k++) {
      const part = parts[k]!;
      const n = part.count ?? part.value.length;
      if (!part.added && !part.removed) {
        for (let t = 0; t < n; t++) compareItems(ia++, ib++);
      } else if (part.removed && parts[k + 1]?.added) {
        // A changed run: pair position by position, the rest is added or removed.
        const next = parts[++k]!;
        const m = next.count ?? next.value.length;
        const both = Math.min(n, m);
        for (let t = 0; t < both; t++) compareItems(ia++, ib++);
        for (let t = both; t < n; t++) oneSide(ia++, 'a');
        for (let t = both; t < m; t++) oneSide(ib++, 'b');
      } else if (part.removed) for (let t = 0; t < n; t++) oneSide(ia++, 'a');
      else for (let t = 0; t < n; t++) oneSide(ib++, 'b');
    }

    const times = created.map((c) => ({ ...c, ta: parseTime(c.x), tb: parseTime(c.y) }));
    const timed = times.filter((t) => t.ta !== null && t.tb !== null);
    const shape = timed.length > 0 ? timeShape(timed.map((t) => ({ a: t.ta!, b: t.tb! }))) : null;
    for (const t of times) {
      const base = { kind: 'history-created' as const, field: 'created', exField: `history[${t.ia}].created`, layer: null, path: null, order: t.ia, a: t.x, b: t.y };
      if (t.ta !== null && t.tb !== null) deltas.push({ ...base, shape: shape!.shape, value: shape!.value });
      else deltas.push({ ...base, shape: t.x === undefined ? 'added' : t.y === undefined ? 'removed' : 'changed' });
    }
    return groupDeltas('history', deltas);
  },
};
