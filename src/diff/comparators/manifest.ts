// The image manifest: annotations, media types and other fields. Digests and sizes of the
// config and layers are consequences of their content (reported by other kinds), and layer
// media types are layer-compression's; layer descriptors compare along the layer alignment.
import { canon, groupDeltas, type Delta } from '../classify.js';
import { changeShape, genericPath, jsonDiff, zeroOnly, type JsonChange } from '../json-diff.js';
import type { Comparator } from '../types.js';

const SKIP_TOP = new Set(['layers', 'config.digest', 'config.size']);
const SKIP_LAYER = /^layers\[\d+\]\.(digest|size|mediaType)$/;

export const comparator: Comparator = {
  id: 'manifest',
  kinds: ['manifest-other'],
  compare(ctx) {
    const ma = ctx.a.image.manifest;
    const mb = ctx.b.image.manifest;
    if (!ma || !mb || ma.digest === mb.digest) return [];
    const changes: JsonChange[] = jsonDiff(ma.parsed, mb.parsed, '', [], (p) => SKIP_TOP.has(p));
    const la = Array.isArray(ma.parsed['layers']) ? (ma.parsed['layers'] as unknown[]) : [];
    const lb = Array.isArray(mb.parsed['layers']) ? (mb.parsed['layers'] as unknown[]) : [];
    for (const p of ctx.pairs)
      if (p.pair.a !== null && p.pair.b !== null)
        jsonDiff(la[p.pair.a], lb[p.pair.b], `layers[${p.pair.a}]`, changes, (q) => SKIP_LAYER.test(q));
    const deltas: Delta[] = changes.map((c, order) => {
      const zero = zeroOnly(c);
      const field = zero ? null : genericPath(c.path);
      return {
        kind: 'manifest-other',
        shape: zero ? 'zero-value' : changeShape(c),
        field,
        ...(field !== c.path ? { exField: c.path } : {}),
        layer: null,
        path: null,
        order,
        a: c.a,
        b: c.b,
      };
    });
    if (changes.length === 0 && canon(ma.parsed) === canon(mb.parsed))
      deltas.push({ kind: 'manifest-other', shape: 'serialization', field: null, layer: null, path: null, order: 0, a: ma.digest, b: mb.digest });
    return groupDeltas('manifest', deltas);
  },
};
