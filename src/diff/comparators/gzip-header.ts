// Gzip member header fields (RFC 1952 §2.3) that differ between two gzip layers: MTIME,
// FNAME, OS, XFL, the other flags and optional fields, and the member count. Each is a cause
// on its own, whether or not the tars also differ. Also zstd frame counts.
import type { GzipHeader } from '../../model/types.js';
import { groupDeltas, timeShape, type Delta } from '../classify.js';
import { compressorHint } from '../gzip-hint.js';
import type { Comparator } from '../types.js';

const FTEXT = 0x01;
const RESERVED = 0xe0;

function presence(a: unknown, b: unknown): string {
  return a === null ? 'added' : b === null ? 'removed' : 'changed';
}

export const comparator: Comparator = {
  id: 'gzip-header',
  kinds: ['gzip-mtime', 'gzip-name', 'gzip-os', 'gzip-header', 'compression-level'],
  compare(ctx) {
    const deltas: Delta[] = [];
    const mtimes: { a: number; b: number; d: Delta }[] = [];
    for (const p of ctx.pairs) {
      const sa = p.a?.scan;
      const sb = p.b?.scan;
      if (!sa || !sb || p.storedSame) continue;
      const layer = p.layer;
      const base = { layer, path: null, order: layer };
      if (sa.compression === 'zstd' && sb.compression === 'zstd') {
        if (sa.zstdFrames !== null && sb.zstdFrames !== null && sa.zstdFrames !== sb.zstdFrames)
          deltas.push({ ...base, kind: 'compression-level', shape: 'frames', field: 'frames', a: sa.zstdFrames, b: sb.zstdFrames });
        continue;
      }
      if (sa.compression !== 'gzip' || sb.compression !== 'gzip' || !sa.gzip || !sb.gzip) continue;
      const ha: GzipHeader | undefined = sa.gzip.headers[0];
      const hb: GzipHeader | undefined = sb.gzip.headers[0];
      const hint = { a: compressorHint(ha, sa.gzip.memberCount), b: compressorHint(hb, sb.gzip.memberCount) };
      if (sa.gzip.memberCount !== sb.gzip.memberCount)
        deltas.push({ ...base, kind: 'gzip-header', shape: 'members', field: 'members', a: sa.gzip.memberCount, b: sb.gzip.memberCount, value: { hint } });
      if (!ha || !hb) continue;
      if (ha.mtime !== hb.mtime) {
        const d: Delta = { ...base, kind: 'gzip-mtime', shape: '', field: 'MTIME', a: ha.mtime, b: hb.mtime };
        mtimes.push({ a: ha.mtime, b: hb.mtime, d });
      }
      if (ha.name !== hb.name)
        deltas.push({ ...base, kind: 'gzip-name', shape: presence(ha.name, hb.name), field: 'FNAME', a: ha.name, b: hb.name });
      if (ha.os !== hb.os)
        deltas.push({ ...base, kind: 'gzip-os', shape: 'differs', field: 'OS', a: ha.os, b: hb.os, value: { hint } });
      if (ha.xfl !== hb.xfl)
        deltas.push({ ...base, kind: 'compression-level', shape: 'xfl', field: 'XFL', a: ha.xfl, b: hb.xfl, value: { hint } });
      if (ha.comment !== hb.comment)
        deltas.push({ ...base, kind: 'gzip-header', shape: presence(ha.comment, hb.comment), field: 'FCOMMENT', a: ha.comment, b: hb.comment });
      if (ha.extra !== hb.extra)
        deltas.push({ ...base, kind: 'gzip-header', shape: presence(ha.extra, hb.extra), field: 'FEXTRA', a: ha.extra, b: hb.extra });
      if (ha.headerCrc !== hb.headerCrc)
        deltas.push({ ...base, kind: 'gzip-header', shape: 'changed', field: 'FHCRC', a: ha.headerCrc, b: hb.headerCrc });
      const other = FTEXT | RESERVED;
      if ((ha.flags & other) !== (hb.flags & other))
        deltas.push({ ...base, kind: 'gzip-header', shape: 'changed', field: 'FLG', a: ha.flags, b: hb.flags });
    }
    if (mtimes.length > 0) {
      // 0 means "no time stamp" (RFC 1952): one side not storing one is its own shape.
      const shape = mtimes.every((m) => m.a === 0)
        ? { shape: 'unset-vs-set', value: undefined }
        : mtimes.every((m) => m.b === 0)
          ? { shape: 'set-vs-unset', value: undefined }
          : timeShape(mtimes);
      for (const m of mtimes) deltas.push({ ...m.d, shape: shape.shape, value: shape.value });
    }
    return groupDeltas('gzip-header', deltas);
  },
};
