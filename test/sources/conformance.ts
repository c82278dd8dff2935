// The one validation every source must pass (go-containerregistry's validate.Image, in spirit):
// manifest ↔ config ↔ layers agree, and each layer's bytes hash to what the witnesses say.
// Hashing here is deliberately independent of src/scan: zlib and fzstd, nothing else.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { Decompress } from 'fzstd';
import type { BlobCheck, Image, OpenedInput } from '../../src/model/types.js';

export interface ConformanceOptions {
  /** Skip the per-layer diffID check (fixtures whose "layers" are not tars). */
  skipLayerContent?: boolean;
  /** BlobCheck locations whose name digest is known not to match (documented fixture quirks). */
  knownNameMismatch?: string[];
  /** BlobCheck locations whose declared size is known not to match. */
  knownSizeMismatch?: string[];
  /** BlobCheck locations whose declared digest (and size) is known not to match. */
  knownDeclaredMismatch?: string[];
}

async function collect(src: AsyncIterable<Buffer>): Promise<Buffer> {
  const parts: Buffer[] = [];
  // Layer chunks are transient (Layer.open: the reader reuses its buffers): copied.
  for await (const c of src) parts.push(Buffer.from(c));
  return Buffer.concat(parts);
}

/** The decompressed tar of a stored layer blob, by magic bytes. */
export async function decompressLayer(stored: Buffer): Promise<Buffer> {
  if (stored[0] === 0x1f && stored[1] === 0x8b) {
    // Multi-member gzip (eStargz) is one stream to zlib's gunzip.
    return collect(Readable.from([stored]).pipe(createGunzip()));
  }
  if (stored.readUInt32LE(0) === 0xfd2fb528) {
    const out: Buffer[] = [];
    const z = new Decompress((d) => out.push(Buffer.from(d)));
    z.push(stored, true);
    return Buffer.concat(out);
  }
  return stored;
}

function hashOf(algorithm: string, buf: Buffer): string {
  return `${algorithm}:${createHash(algorithm).update(buf).digest('hex')}`;
}

function checkBlob(b: BlobCheck, bytes: Buffer | null, o: ConformanceOptions, where: string): void {
  if (bytes) {
    const alg = (b.declaredDigest ?? b.nameDigest ?? 'sha256:').split(':')[0]!;
    const actual = hashOf(alg, bytes);
    if (b.actualDigest !== null) assert.equal(b.actualDigest, actual, `${where}: actualDigest`);
    const declaredOk = !o.knownDeclaredMismatch?.includes(b.location);
    if (b.declaredDigest !== null && declaredOk) assert.equal(b.declaredDigest, actual, `${where}: declaredDigest`);
    if (b.nameDigest !== null && !o.knownNameMismatch?.includes(b.location)) assert.equal(b.nameDigest, actual, `${where}: nameDigest`);
    if (b.actualSize !== null) assert.equal(b.actualSize, bytes.length, `${where}: actualSize`);
    if (b.declaredSize !== null && declaredOk && !o.knownSizeMismatch?.includes(b.location)) assert.equal(b.declaredSize, bytes.length, `${where}: declaredSize`);
  }
}

export async function checkImage(input: OpenedInput, image: Image, o: ConformanceOptions = {}): Promise<void> {
  const where = `${input.label} image ${image.id}`;
  image.layers.forEach((l, i) => assert.equal(l.index, i, `${where}: layer index`));
  const cfg = image.config?.parsed;
  const rootfs = cfg?.['rootfs'] as { diff_ids?: unknown[] } | undefined;
  if (rootfs && Array.isArray(rootfs.diff_ids)) {
    assert.equal(image.layers.length, rootfs.diff_ids.length, `${where}: layer count = diff_ids count`);
    image.layers.forEach((l, i) => assert.equal(l.diffId, rootfs.diff_ids![i], `${where}: layer ${i} diffId from config`));
  }
  if (image.config) {
    assert.equal(image.config.digest, hashOf('sha256', image.config.raw), `${where}: config JsonDoc digest`);
    const cfgCheck = image.blobs.find((b) => b.role === 'config');
    assert.ok(cfgCheck, `${where}: config BlobCheck`);
    checkBlob(cfgCheck, image.config.raw, o, `${where} config`);
  }
  if (image.manifest) {
    const m = image.manifest.parsed;
    const layers = m['layers'] as { digest: string; size: number; mediaType?: string }[];
    assert.equal(layers.length, image.layers.length, `${where}: manifest layer count`);
    const config = m['config'] as { digest: string };
    assert.equal(config.digest, image.config?.digest, `${where}: manifest names the config`);
    image.layers.forEach((l, i) => {
      assert.equal(l.blob.declaredDigest, layers[i]!.digest, `${where}: layer ${i} declared by the manifest`);
      assert.equal(l.mediaType, layers[i]!.mediaType ?? null, `${where}: layer ${i} media type`);
    });
    const mCheck = image.blobs.find((b) => b.role === 'manifest');
    assert.ok(mCheck, `${where}: manifest BlobCheck`);
    checkBlob(mCheck, image.manifest.raw, o, `${where} manifest`);
  }
  for (const l of image.layers) {
    const lw = `${where} layer ${l.index} (${l.blob.location})`;
    assert.equal(l.blob.role, 'layer');
    assert.equal(l.blob.actualDigest, null, `${lw}: actualDigest is left to the scanner`);
    const stored = await collect(await l.open());
    // Openers are re-callable and give the same bytes.
    const again = await collect(await l.open());
    assert.ok(stored.equals(again), `${lw}: second open() gives the same bytes`);
    checkBlob(l.blob, stored, o, lw);
    if (!o.skipLayerContent && l.diffId !== null) {
      const tar = await decompressLayer(stored);
      assert.equal(hashOf('sha256', tar), l.diffId, `${lw}: sha256 of the decompressed tar = config diffID`);
    }
  }
}

export async function checkInput(input: OpenedInput, o: ConformanceOptions = {}): Promise<void> {
  assert.ok(input.images.length > 0, `${input.label}: at least one image`);
  input.images.forEach((im, i) => assert.equal(im.id, String(i), `${input.label}: image ids in order`));
  for (const im of input.images) await checkImage(input, im, o);
}
