// Builds the DiffContext once per diff: layer views, the alignment, and (lazily) the entry
// pairing of every layer pair whose tars differ, so comparators share one O(n) pairing.
import type { Image, LayerScan, Note } from '../model/types.js';
import { alignLayers } from './align.js';
import { effectiveContent, hasHardlink, pairEntries } from './pair-entries.js';
import type { DiffContext, DiffSide, EntryPairing, LayerView, PairView } from './types.js';

function views(image: Image, scans: readonly (LayerScan | null)[]): LayerView[] {
  return image.layers.map((layer, i) => {
    const scan = scans[i] ?? null;
    return {
      index: i,
      layer,
      scan,
      stored: scan?.storedDigest ?? layer.blob.actualDigest ?? null,
      diffId: scan?.diffId ?? layer.diffId ?? null,
      walked: scan !== null && scan.diffId !== null,
    };
  });
}

export function buildContext(a: DiffSide, b: DiffSide): { ctx: DiffContext; notes: Note[] } {
  const va = views(a.image, a.scans);
  const vb = views(b.image, b.scans);
  const notes: Note[] = [];
  const pairs: PairView[] = alignLayers(a.image, a.scans, b.image, b.scans).map((pair) => {
    const la = pair.a === null ? null : va[pair.a]!;
    const lb = pair.b === null ? null : vb[pair.b]!;
    const storedSame = !!la && !!lb && la.stored !== null && la.stored === lb.stored;
    const contentSame = storedSame || (!!la && !!lb && la.diffId !== null && la.diffId === lb.diffId);
    return { pair, a: la, b: lb, storedSame, contentSame, layer: (pair.a ?? pair.b)! };
  });

  for (const p of pairs) {
    if (!p.a || !p.b || p.contentSame) continue;
    for (const [side, v] of [[a, p.a], [b, p.b]] as const)
      if (!v.walked)
        notes.push({
          code: 'diff-layer-not-scanned',
          input: side.label,
          layer: v.index,
          message: `layer ${v.index} differs from its counterpart but its entries were not scanned; entry-level causes are not reported for it`,
        });
  }

  let pairings: EntryPairing[] | null = null;
  const ctx: DiffContext = {
    a,
    b,
    pairs,
    entryPairings() {
      if (pairings) return pairings;
      pairings = [];
      for (const view of pairs) {
        if (!view.a || !view.b || view.contentSame || !view.a.walked || !view.b.walked) continue;
        const aEntries = view.a.scan!.entries;
        const bEntries = view.b.scan!.entries;
        const paired = pairEntries(aEntries, bEntries);
        // Effective content only matters for hardlink role swaps: skip it without hardlinks.
        const links = hasHardlink(aEntries) || hasHardlink(bEntries);
        pairings.push({
          view,
          layer: view.a.index,
          aEntries,
          bEntries,
          ...paired,
          effA: links ? effectiveContent(aEntries) : [],
          effB: links ? effectiveContent(bEntries) : [],
        });
      }
      return pairings;
    },
  };
  return { ctx, notes };
}
