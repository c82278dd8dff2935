// Same tar, same compression, same header, different bytes: the compressed stream itself
// differs, i.e. another implementation or version (GNU gzip, pigz, zlib-ng, Go) wrote it.
// The header fingerprint is attached as a hint, not proof.
import { canon, groupDeltas, type Delta } from '../classify.js';
import { compressorHint } from '../gzip-hint.js';
import type { Comparator } from '../types.js';

export const comparator: Comparator = {
  id: 'compressor',
  kinds: ['compressor'],
  compare(ctx) {
    const deltas: Delta[] = [];
    for (const p of ctx.pairs) {
      const sa = p.a?.scan;
      const sb = p.b?.scan;
      if (!sa || !sb || p.storedSame || !p.contentSame || sa.compression !== sb.compression) continue;
      const base = { kind: 'compressor' as const, layer: p.layer, path: null, order: p.layer, a: sa.storedDigest, b: sb.storedDigest };
      if (sa.compression === 'gzip') {
        const ga = sa.gzip;
        const gb = sb.gzip;
        if (!ga || !gb || ga.memberCount !== gb.memberCount) continue;
        const strip = (h: (typeof ga.headers)[number] | undefined) => (h ? { ...h, offset: 0 } : null);
        if (canon(strip(ga.headers[0])) !== canon(strip(gb.headers[0]))) continue;
        deltas.push({ ...base, shape: 'same-header', field: 'deflate', value: { hint: compressorHint(ga.headers[0], ga.memberCount) } });
      } else if (sa.compression === 'zstd') {
        if (sa.zstdFrames !== sb.zstdFrames) continue;
        deltas.push({ ...base, shape: 'same-header', field: 'zstd' });
      }
    }
    return groupDeltas('compressor', deltas);
  },
};
