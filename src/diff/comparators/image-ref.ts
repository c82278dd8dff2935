// References (RepoTags, org.opencontainers.image.ref.name) that differ: the archive bytes
// change, the image does not.
import { groupDeltas } from '../classify.js';
import type { Comparator } from '../types.js';

/** The tag of a full reference (`example/app:1.0` → `1.0`), or the string itself. */
function tagOf(ref: string): string {
  const at = ref.indexOf('@');
  const name = at >= 0 ? ref.slice(0, at) : ref;
  const colon = name.lastIndexOf(':');
  return colon > name.lastIndexOf('/') ? name.slice(colon + 1) : name;
}

/**
 * An OCI layout's `org.opencontainers.image.ref.name` is conventionally just the tag, where a
 * docker-archive's RepoTags hold the full reference: `1.0` and `example/app:1.0` name the same
 * image. Equal when every tag-only name on one side is the tag of a reference on the other.
 */
function sameNames(ra: string[], rb: string[]): boolean {
  const tagOnly = (r: string) => !r.includes('/') && !r.includes(':');
  const covers = (xs: string[], ys: string[]) =>
    xs.every((x) => ys.includes(x) || ys.some((y) => (tagOnly(x) && tagOf(y) === x) || (tagOnly(y) && tagOf(x) === y)));
  return ra.length > 0 && rb.length > 0 && covers(ra, rb) && covers(rb, ra);
}

export const comparator: Comparator = {
  id: 'image-ref',
  kinds: ['image-ref'],
  compare(ctx) {
    const ra = [...ctx.a.image.refs].sort();
    const rb = [...ctx.b.image.refs].sort();
    if (ra.length === rb.length && ra.every((r, i) => r === rb[i])) return [];
    if (sameNames(ra, rb)) return [];
    return groupDeltas('image-ref', [{ kind: 'image-ref', shape: 'differs', field: 'refs', layer: null, path: null, order: 0, a: ra, b: rb }]);
  },
};
