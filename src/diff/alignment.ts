// The alignment table: for each layer pair, what each side's layer is (digests, size,
// compression, gzip header). Renderers show it; the lead uses `same` to see what was skipped.
import type { LayerSideFacts, LayerAlignmentRow, LayerView, PairView } from './types.js';

function sideFacts(v: LayerView | null): LayerSideFacts | null {
  if (!v) return null;
  const s = v.scan;
  const h = s?.gzip?.headers[0];
  return {
    index: v.index,
    storedDigest: v.stored,
    diffId: v.diffId,
    size: s?.storedSize ?? v.layer.blob.actualSize ?? v.layer.blob.declaredSize ?? null,
    mediaType: v.layer.mediaType,
    compression: s?.compression ?? null,
    gzip: s?.gzip && h ? { mtime: h.mtime, xfl: h.xfl, os: h.os, flags: h.flags, name: h.name, memberCount: s.gzip.memberCount } : null,
    zstdFrames: s?.zstdFrames ?? null,
  };
}

export function alignmentRows(pairs: readonly PairView[]): LayerAlignmentRow[] {
  return pairs.map((p) => ({
    how: p.pair.how,
    same: !p.a || !p.b ? null : p.storedSame ? 'stored' : p.contentSame ? 'content' : 'differs',
    a: sideFacts(p.a),
    b: sideFacts(p.b),
  }));
}
