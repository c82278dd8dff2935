// Blobs whose bytes do not match the digest that names or declares them, sizes that do not
// match their descriptor, and layer tars whose sha256 is not the config's diff_id. Layer blobs
// carry no actual digest of their own (they are hashed while scanned): it comes from the scan.
//
// A descriptor whose media type names another compression than the stored bytes have describes
// another representation of the layer, not these bytes: go-containerregistry's LayerSources, for
// one, declares the gzip registry blob of a layer stored as a plain layer.tar. Its digest and size
// are not compared (the diff_id still is, and proves the content).
import type { Finding } from '../../model/finding.js';
import type { BlobCheck, Compression } from '../../model/types.js';
import { Collector } from '../collect.js';
import type { LintRule } from '../rule.js';

const ID = 'digest-mismatch';

/** The compression a layer media type announces, or null when it does not say. */
export function mediaTypeCompression(mediaType: string | null): Compression | null {
  if (mediaType === null) return null;
  if (/[.+]gzip$/.test(mediaType)) return 'gzip';
  if (/[.+]zstd$/.test(mediaType)) return 'zstd';
  if (/\.tar$/.test(mediaType)) return 'none';
  return null;
}

export const rule: LintRule = {
  id: ID,
  kinds: ['digest-mismatch'],
  check(ctx): Finding[] {
    const c = new Collector(ID);
    const check = (b: BlobCheck, layer: number | null, actualDigest: string | null, actualSize: number | null, declared = true): void => {
      const add = (shape: string, field: string, a: unknown, bb: unknown): void => {
        c.group({ kind: 'digest-mismatch', layer, shape, field }).add({ path: b.location, field, a, b: bb });
      };
      if (actualDigest !== null) {
        if (b.nameDigest !== null && b.nameDigest !== actualDigest) add('name', 'digest', b.nameDigest, actualDigest);
        if (declared && b.declaredDigest !== null && b.declaredDigest !== actualDigest) add('declared', 'digest', b.declaredDigest, actualDigest);
      }
      if (declared && actualSize !== null && b.declaredSize !== null && b.declaredSize !== actualSize) add('size', 'size', b.declaredSize, actualSize);
    };
    for (const b of ctx.image.blobs) check(b, null, b.actualDigest, b.actualSize);
    ctx.image.layers.forEach((l, i) => {
      const scan = ctx.scans[i];
      const announced = mediaTypeCompression(l.mediaType);
      const sameRepresentation = !scan || announced === null || announced === scan.compression;
      check(l.blob, i, scan?.storedDigest ?? l.blob.actualDigest, scan?.storedSize ?? l.blob.actualSize, sameRepresentation);
      if (scan?.diffId && l.diffId !== null && scan.diffId !== l.diffId)
        c.group({ kind: 'digest-mismatch', layer: i, shape: 'diff-id', field: 'diffID' }).add({
          path: l.blob.location,
          field: 'diffID',
          a: l.diffId,
          b: scan.diffId,
        });
    });
    return c.findings();
  },
};
