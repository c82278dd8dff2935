// A layer stored with another compression algorithm (gzip, zstd, none: detected from magic
// bytes by the scanner) or declared with another media type.
import { groupDeltas, type Delta } from '../classify.js';
import type { Comparator } from '../types.js';

export const comparator: Comparator = {
  id: 'layer-compression',
  kinds: ['layer-compression'],
  compare(ctx) {
    const deltas: Delta[] = [];
    for (const p of ctx.pairs) {
      if (!p.a || !p.b) continue;
      const ca = p.a.scan?.compression;
      const cb = p.b.scan?.compression;
      const algorithm = !p.storedSame && ca !== undefined && cb !== undefined && ca !== cb;
      if (algorithm)
        deltas.push({ kind: 'layer-compression', shape: 'algorithm', field: 'compression', layer: p.layer, path: null, order: p.layer, a: ca, b: cb });
      // A media type that follows the algorithm (…tar+gzip → …tar+zstd) is a consequence.
      const ma = p.a.layer.mediaType;
      const mb = p.b.layer.mediaType;
      if (!algorithm && ma !== null && mb !== null && ma !== mb)
        deltas.push({ kind: 'layer-compression', shape: 'media-type', field: 'mediaType', layer: p.layer, path: null, order: p.layer, a: ma, b: mb });
    }
    return groupDeltas('layer-compression', deltas);
  },
};
