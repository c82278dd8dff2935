// Which layers of a pair need decompressing. A layer whose claimed digest (manifest or file
// name) also appears on the other side is only hashed: if the hash confirms the claim on both
// sides, the layers are the same bytes and cost no decompression. Everything else is scanned
// fully, once. A claim the hash refutes falls back to a full scan.
//
// When the input names no blob digest (docker save < 25: `<v1 id>/layer.tar`), the config's
// diffID stands in as the claim. It is only a hint about which layers to hash first: what
// decides is, as for every claim, that both sides' stored digests are equal. A layer that
// shares its diffID but not its bytes (recompressed) costs one extra read of its stored bytes
// before the full scan.
import type { Limits } from '../model/limits.js';
import type { Image, LayerScan, Note, OpenedInput } from '../model/types.js';
import { scanLayers, type LayerJob, type ScanCache } from './layer-pool.js';
import { layerNotes } from './scan-image.js';

type Cache = ScanCache;

function claim(im: Image, i: number): string | null {
  const l = im.layers[i]!;
  return l.blob.declaredDigest ?? l.blob.nameDigest ?? l.diffId ?? null;
}

export async function scanForDiff(
  a: OpenedInput, ia: Image, b: OpenedInput, ib: Image, limits: Limits, cacheA: Cache, cacheB: Cache,
): Promise<{ a: (LayerScan | null)[]; b: (LayerScan | null)[]; notes: Note[] }> {
  const outA: (LayerScan | null)[] = ia.layers.map(() => null);
  const outB: (LayerScan | null)[] = ib.layers.map(() => null);
  const claimsA = new Set(ia.layers.map((_, i) => claim(ia, i)).filter((c): c is string => c !== null));
  const claimsB = new Set(ib.layers.map((_, i) => claim(ib, i)).filter((c): c is string => c !== null));
  const shared = (c: string | null, other: Set<string>) => c !== null && other.has(c);
  const jobs: LayerJob[] = [];
  // Interleave the sides so both inputs are read at once.
  const n = Math.max(ia.layers.length, ib.layers.length);
  for (let i = 0; i < n; i++) {
    if (i < ia.layers.length) jobs.push({ label: a.label, image: ia, index: i, full: !shared(claim(ia, i), claimsB), cache: cacheA, out: outA });
    if (i < ib.layers.length) jobs.push({ label: b.label, image: ib, index: i, full: !shared(claim(ib, i), claimsA), cache: cacheB, out: outB });
  }
  await scanLayers(jobs, limits);

  // Verify the claims: a digest-only layer stays so only when some layer on the other side has
  // the same verified stored digest. Otherwise (a lying manifest, a tampered blob) scan it fully.
  const stored = (out: (LayerScan | null)[]) => new Set(out.map((s) => s?.storedDigest).filter(Boolean));
  const sa = stored(outA);
  const sb = stored(outB);
  const redo: LayerJob[] = [];
  outA.forEach((s, i) => { if (s && s.diffId === null && !sb.has(s.storedDigest)) redo.push({ label: a.label, image: ia, index: i, full: true, cache: cacheA, out: outA }); });
  outB.forEach((s, i) => { if (s && s.diffId === null && !sa.has(s.storedDigest)) redo.push({ label: b.label, image: ib, index: i, full: true, cache: cacheB, out: outB }); });
  if (redo.length) await scanLayers(redo, limits);

  const notes: Note[] = [];
  outA.forEach((s, i) => { if (s) notes.push(...layerNotes(a.label, i, s)); });
  outB.forEach((s, i) => { if (s) notes.push(...layerNotes(b.label, i, s)); });
  return { a: outA, b: outB, notes };
}
