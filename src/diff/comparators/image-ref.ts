// References (RepoTags, org.opencontainers.image.ref.name) that differ: the archive bytes
// change, the image does not.
import { groupDeltas } from '../classify.js';
import type { Comparator } from '../types.js';

export const comparator: Comparator = {
  id: 'image-ref',
  kinds: ['image-ref'],
  compare(ctx) {
    const ra = [...ctx.a.image.refs].sort();
    const rb = [...ctx.b.image.refs].sort();
    if (ra.length === rb.length && ra.every((r, i) => r === rb[i])) return [];
    return groupDeltas('image-ref', [{ kind: 'image-ref', shape: 'differs', field: 'refs', layer: null, path: null, order: 0, a: ra, b: rb }]);
  },
};
