// Layer alignment: which layer of A corresponds to which layer of B.
//
// 1. Anchors: layers that are the same tar on both sides (equal diffID; failing that, equal
//    verified stored digest), the k-th occurrence of a diffID paired with the k-th.
// 2. The anchors that keep their relative order are the LIS of their b-positions; the others
//    moved (`layer-order`, the minimal set).
// 3. Between two consecutive in-order anchors, the leftover layers of each side are the same
//    build steps rebuilt: equal counts pair by position; unequal counts pair by shared paths when
//    both sides were walked (so an inserted layer does not shift every later pairing), else by
//    position from the start. What stays unpaired is `only-a` / `only-b` (`layer-set`).
//
// Pure, and usable before full scans: with digest-only scans it pairs by digests and position.
import type { Image, LayerScan } from '../model/types.js';
import { lisMembers } from './lis.js';
import type { LayerPair } from './types.js';

interface Facts {
  diffId: string | null;
  stored: string | null;
  /** The layer's entry paths (built on first use), or null when its entries were not walked. */
  paths: () => Set<string> | null;
}

/** Past this much path-set work per gap, pairing falls back to position. */
const SIMILARITY_BUDGET = 5_000_000;

function facts(image: Image, scans: readonly (LayerScan | null)[]): Facts[] {
  return image.layers.map((layer, i) => {
    const scan = scans[i] ?? null;
    const walked = scan !== null && scan.diffId !== null;
    let paths: Set<string> | null = null;
    return {
      diffId: scan?.diffId ?? layer.diffId ?? null,
      stored: scan?.storedDigest ?? layer.blob.actualDigest ?? null,
      paths: () => (walked ? (paths ??= new Set(scan.entries.map((e) => e.path))) : null),
    };
  });
}

/** Pairs k-th occurrence with k-th among the not-yet-matched layers, by a key. */
function matchBy(
  fa: Facts[],
  fb: Facts[],
  key: (f: Facts) => string | null,
  aTaken: (number | null)[],
  bTaken: (number | null)[],
): void {
  const queues = new Map<string, number[]>();
  fb.forEach((f, j) => {
    const k = key(f);
    if (k === null || bTaken[j] !== null) return;
    let q = queues.get(k);
    if (!q) queues.set(k, (q = []));
    q.push(j);
  });
  fa.forEach((f, i) => {
    const k = key(f);
    if (k === null || aTaken[i] !== null) return;
    const q = queues.get(k);
    const j = q?.shift();
    if (j === undefined) return;
    aTaken[i] = j;
    bTaken[j] = i;
  });
}

function jaccard(x: Set<string>, y: Set<string>): number {
  if (x.size === 0 && y.size === 0) return 0;
  const [small, big] = x.size <= y.size ? [x, y] : [y, x];
  let common = 0;
  for (const p of small) if (big.has(p)) common++;
  return common / (x.size + y.size - common);
}

/** Pairs the leftovers of one gap; returns rows in an order that interleaves both sides. */
function pairGap(ga: number[], gb: number[], fa: Facts[], fb: Facts[]): LayerPair[] {
  const out: LayerPair[] = [];
  const positional = (): LayerPair[] => {
    const n = Math.min(ga.length, gb.length);
    for (let k = 0; k < n; k++) out.push({ a: ga[k]!, b: gb[k]!, how: 'position' });
    for (let k = n; k < ga.length; k++) out.push({ a: ga[k]!, b: null, how: 'only-a' });
    for (let k = n; k < gb.length; k++) out.push({ a: null, b: gb[k]!, how: 'only-b' });
    return out;
  };
  if (ga.length === gb.length || ga.length === 0 || gb.length === 0) return positional();
  const walked = ga.every((i) => fa[i]!.paths()) && gb.every((j) => fb[j]!.paths());
  if (!walked) return positional();
  let work = 0;
  for (const i of ga) for (const j of gb) work += Math.min(fa[i]!.paths()!.size, fb[j]!.paths()!.size);
  if (work > SIMILARITY_BUDGET) return positional();

  // Order-preserving alignment maximising the summed similarity of paired layers.
  const n = ga.length;
  const m = gb.length;
  const sim: number[][] = ga.map((i) => gb.map((j) => jaccard(fa[i]!.paths()!, fb[j]!.paths()!)));
  const score: number[][] = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0));
  for (let x = 1; x <= n; x++)
    for (let y = 1; y <= m; y++) {
      const s = sim[x - 1]![y - 1]!;
      score[x]![y] = Math.max(score[x - 1]![y]!, score[x]![y - 1]!, s > 0 ? score[x - 1]![y - 1]! + s : -1);
    }
  if (score[n]![m]! === 0) return positional();
  const rev: LayerPair[] = [];
  let x = n;
  let y = m;
  while (x > 0 || y > 0) {
    const s = x > 0 && y > 0 ? sim[x - 1]![y - 1]! : 0;
    if (x > 0 && y > 0 && s > 0 && score[x]![y] === score[x - 1]![y - 1]! + s) {
      rev.push({ a: ga[x - 1]!, b: gb[y - 1]!, how: 'position' });
      x--;
      y--;
    } else if (y > 0 && (x === 0 || score[x]![y] === score[x]![y - 1])) {
      rev.push({ a: null, b: gb[y - 1]!, how: 'only-b' });
      y--;
    } else {
      rev.push({ a: ga[x - 1]!, b: null, how: 'only-a' });
      x--;
    }
  }
  return rev.reverse();
}

export function alignLayers(
  a: Image,
  aScans: readonly (LayerScan | null)[],
  b: Image,
  bScans: readonly (LayerScan | null)[],
): LayerPair[] {
  const fa = facts(a, aScans);
  const fb = facts(b, bScans);
  const aTaken: (number | null)[] = fa.map(() => null);
  const bTaken: (number | null)[] = fb.map(() => null);
  matchBy(fa, fb, (f) => f.diffId, aTaken, bTaken);
  matchBy(fa, fb, (f) => f.stored, aTaken, bTaken);

  const anchorsA: number[] = [];
  for (let i = 0; i < fa.length; i++) if (aTaken[i] !== null) anchorsA.push(i);
  const inOrder = lisMembers(anchorsA.map((i) => aTaken[i]!));
  const ordered = anchorsA.filter((_, k) => inOrder[k]);
  const moved = anchorsA.filter((_, k) => !inOrder[k]);

  const freeA: number[] = [];
  const freeB: number[] = [];
  for (let i = 0; i < fa.length; i++) if (aTaken[i] === null) freeA.push(i);
  for (let j = 0; j < fb.length; j++) if (bTaken[j] === null) freeB.push(j);

  const walk: LayerPair[] = [];
  let pa = 0;
  let pb = 0;
  for (let k = 0; k <= ordered.length; k++) {
    const limA = k < ordered.length ? ordered[k]! : Infinity;
    const limB = k < ordered.length ? aTaken[ordered[k]!]! : Infinity;
    const ga: number[] = [];
    const gb: number[] = [];
    while (pa < freeA.length && freeA[pa]! < limA) ga.push(freeA[pa++]!);
    while (pb < freeB.length && freeB[pb]! < limB) gb.push(freeB[pb++]!);
    walk.push(...pairGap(ga, gb, fa, fb));
    if (k < ordered.length) walk.push({ a: ordered[k]!, b: aTaken[ordered[k]!]!, how: 'diffid' });
  }
  // Rows are ordered by a's index; rows with no a follow the row before them.
  const keyed: { row: LayerPair; key: number; seq: number }[] = [];
  let last = -1;
  walk.forEach((row, seq) => {
    if (row.a !== null) last = row.a;
    keyed.push({ row, key: row.a ?? last + 0.5, seq });
  });
  for (const i of moved) keyed.push({ row: { a: i, b: aTaken[i]!, how: 'diffid' }, key: i, seq: keyed.length });
  keyed.sort((x, y) => x.key - y.key || x.seq - y.seq);
  return keyed.map((k) => k.row);
}
