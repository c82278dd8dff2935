// The image config, path by path: `created` (config-created) and every other field
// (config-other: env, labels, entrypoint, … as `config.Env[2]`; fields that are only absent
// vs a zero value on either side are one `zero-value` group). History is history.ts's;
// rootfs.diff_ids is a consequence of layer content, reported by the layer and entry kinds.
import { canon, groupDeltas, type Delta } from '../classify.js';
import { changeShape, jsonDiff, zeroOnly, type JsonChange } from '../json-diff.js';
import { parseTime } from '../times.js';
import type { Comparator } from '../types.js';

const SKIP = new Set(['history', 'rootfs.diff_ids']);

export const comparator: Comparator = {
  id: 'config',
  kinds: ['config-created', 'config-other'],
  compare(ctx) {
    const ca = ctx.a.image.config;
    const cb = ctx.b.image.config;
    if (!ca || !cb || ca.digest === cb.digest) return [];
    const changes: JsonChange[] = jsonDiff(ca.parsed, cb.parsed, '', [], (p) => SKIP.has(p));
    const deltas: Delta[] = [];
    changes.forEach((c, order) => {
      const base = { layer: null, path: null, order, a: c.a, b: c.b };
      if (c.path === 'created') {
        const ta = parseTime(c.a);
        const tb = parseTime(c.b);
        const offset = ta !== null && tb !== null ? { value: { offset: Math.round((tb - ta) * 1000) / 1000 } } : {};
        deltas.push({ ...base, kind: 'config-created', shape: changeShape(c), field: 'created', ...offset });
      } else if (zeroOnly(c)) deltas.push({ ...base, kind: 'config-other', shape: 'zero-value', field: null, exField: c.path });
      else deltas.push({ ...base, kind: 'config-other', shape: changeShape(c), field: c.path });
    });
    if (changes.length === 0 && canon(ca.parsed) === canon(cb.parsed))
      deltas.push({ kind: 'config-other', shape: 'serialization', field: null, layer: null, path: null, order: 0, a: ca.digest, b: cb.digest });
    return groupDeltas('config', deltas);
  },
};
