// Which image of A is compared with which image of B: one each → that pair; otherwise by
// platform and shared reference, then by platform, then by position. The rest is noted.
import type { Image, Note, OpenedInput } from '../model/types.js';

function plat(im: Image): string {
  return im.platform ? [im.platform.os, im.platform.architecture, im.platform.variant].filter(Boolean).join('/') : '';
}

export function pairImages(a: OpenedInput, as: Image[], b: OpenedInput, bs: Image[]): { pairs: [Image, Image][]; notes: Note[] } {
  if (as.length === 1 && bs.length === 1) return { pairs: [[as[0]!, bs[0]!]], notes: [] };
  const pairs: [Image, Image][] = [];
  const left = new Set(bs);
  const take = (x: Image, ok: (y: Image) => boolean): boolean => {
    for (const y of bs) if (left.has(y) && ok(y)) { left.delete(y); pairs.push([x, y]); return true; }
    return false;
  };
  const unA: Image[] = [];
  for (const x of as) if (!take(x, (y) => plat(x) === plat(y) && x.refs.some((r) => y.refs.includes(r)))) unA.push(x);
  const unA2 = unA.filter((x) => !take(x, (y) => plat(x) === plat(y) && plat(x) !== ''));
  const unA3 = unA2.filter((x) => !take(x, () => true));
  const notes: Note[] = [];
  for (const x of unA3) notes.push({ code: 'diff-unpaired-image', input: a.label, image: x.id, message: `image ${x.id} (${[plat(x), ...x.refs].filter(Boolean).join(' ') || 'unnamed'}) has no counterpart in ${b.label}` });
  for (const y of left) notes.push({ code: 'diff-unpaired-image', input: b.label, image: y.id, message: `image ${y.id} (${[plat(y), ...y.refs].filter(Boolean).join(' ') || 'unnamed'}) has no counterpart in ${a.label}` });
  pairs.sort((p, q) => Number(p[0].id) - Number(q[0].id));
  return { pairs, notes };
}
