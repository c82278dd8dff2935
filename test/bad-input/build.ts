// Builders for the bad-input corpus: valid images assembled member by member (so any member can
// be replaced, omitted, symlinked or corrupted), zstd frames with and without content checksums,
// and an independent XXH64 (BigInt, slow and obviously correct) to compute those checksums.
import { createHash } from 'node:crypto';
import { deflateRawSync, gzipSync } from 'node:zlib';
import { makeTar, type TarEntrySpec } from '../helpers/tar-writer.js';

export const sha256hex = (b: Buffer | string): string => createHash('sha256').update(b).digest('hex');
export const sha256 = (b: Buffer | string): string => `sha256:${sha256hex(b)}`;

/** A small, clean layer: every entry at mtime 0, owned by 0:0. */
export function validLayer(extra: TarEntrySpec[] = []): Buffer {
  return makeTar([
    { name: 'etc/', type: 'dir', mode: 0o755 },
    { name: 'etc/hello', content: 'hello\n' },
    ...extra,
  ]);
}

export function configFor(layers: Buffer[], edit?: (c: Record<string, unknown>) => void): Buffer {
  const c: Record<string, unknown> = {
    architecture: 'amd64',
    os: 'linux',
    created: '1970-01-01T00:00:00Z',
    config: {},
    rootfs: { type: 'layers', diff_ids: layers.map((l) => sha256(l)) },
    history: layers.map(() => ({ created: '1970-01-01T00:00:00Z', created_by: 'bad-input builder' })),
  };
  edit?.(c);
  return Buffer.from(JSON.stringify(c));
}

export interface DockerParts {
  /** manifest.json: a value (serialised) or raw bytes. Default: one image naming the members below. */
  manifest?: unknown;
  config?: Buffer;
  /** Layer tars (uncompressed tars are stored as `<n>/layer.tar`). */
  layers?: Buffer[];
  /** Members added after the regular ones (they win: last header wins). */
  extra?: TarEntrySpec[];
  /** Member names left out. */
  omit?: string[];
}

export const CONFIG_NAME = 'config.json';
export const layerName = (i: number): string => `l${i}/layer.tar`;

/** A docker-archive tar (docker save < 25 shape), member by member. */
export function dockerArchive(p: DockerParts = {}): Buffer {
  const layers = p.layers ?? [validLayer()];
  const config = p.config ?? configFor(layers);
  const manifest = p.manifest !== undefined
    ? p.manifest
    : [{ Config: CONFIG_NAME, RepoTags: ['bad/input:1'], Layers: layers.map((_, i) => layerName(i)) }];
  const entries: TarEntrySpec[] = [];
  layers.forEach((l, i) => {
    entries.push({ name: `l${i}/`, type: 'dir', mode: 0o755 }, { name: layerName(i), content: l });
  });
  entries.push({ name: CONFIG_NAME, content: config });
  entries.push({ name: 'manifest.json', content: Buffer.isBuffer(manifest) ? manifest : JSON.stringify(manifest) });
  return makeTar([...entries.filter((e) => !(p.omit ?? []).includes(e.name)), ...(p.extra ?? [])]);
}

export interface OciParts {
  /** index.json's value or raw bytes. Default: one manifest descriptor. */
  index?: unknown;
  manifest?: unknown;
  config?: Buffer;
  layers?: Buffer[];
  /** Extra blobs (`blobs/sha256/<hex>` of their own digest), or exact member names. */
  blobs?: Buffer[];
  extra?: TarEntrySpec[];
  omit?: string[];
}

export const MT = {
  index: 'application/vnd.oci.image.index.v1+json',
  manifest: 'application/vnd.oci.image.manifest.v1+json',
  config: 'application/vnd.oci.image.config.v1+json',
  layer: 'application/vnd.oci.image.layer.v1.tar',
} as const;

export function ociManifest(config: Buffer, layers: Buffer[]): Record<string, unknown> {
  return {
    schemaVersion: 2,
    mediaType: MT.manifest,
    config: { mediaType: MT.config, digest: sha256(config), size: config.length },
    layers: layers.map((l) => ({ mediaType: MT.layer, digest: sha256(l), size: l.length })),
  };
}

export function descriptor(mediaType: string, blob: Buffer, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { mediaType, digest: sha256(blob), size: blob.length, ...extra };
}

export function indexOf(descs: Record<string, unknown>[]): Record<string, unknown> {
  return { schemaVersion: 2, mediaType: MT.index, manifests: descs };
}

export const json = (v: unknown): Buffer => (Buffer.isBuffer(v) ? v : Buffer.from(JSON.stringify(v)));

/** The members of an OCI layout (for a tar or a directory). */
export function ociMembers(p: OciParts = {}): TarEntrySpec[] {
  const layers = p.layers ?? [validLayer()];
  const config = p.config ?? configFor(layers);
  const manifest = json(p.manifest !== undefined ? p.manifest : ociManifest(config, layers));
  const index = json(p.index !== undefined ? p.index : indexOf([descriptor(MT.manifest, manifest, { platform: { os: 'linux', architecture: 'amd64' } })]));
  const blobs = new Map<string, Buffer>();
  for (const b of [config, manifest, ...layers, ...(p.blobs ?? [])]) blobs.set(`blobs/sha256/${sha256hex(b)}`, b);
  const entries: TarEntrySpec[] = [
    { name: 'oci-layout', content: '{"imageLayoutVersion":"1.0.0"}' },
    { name: 'index.json', content: index },
    { name: 'blobs/', type: 'dir', mode: 0o755 },
    { name: 'blobs/sha256/', type: 'dir', mode: 0o755 },
    ...[...blobs].map(([name, content]) => ({ name, content })),
  ];
  return [...entries.filter((e) => !(p.omit ?? []).includes(e.name)), ...(p.extra ?? [])];
}

export function ociArchive(p: OciParts = {}): Buffer {
  return makeTar(ociMembers(p));
}

// ---- gzip --------------------------------------------------------------------------------------

export function gz(b: Buffer): Buffer {
  return gzipSync(b, { level: 9 });
}

/** A gzip member around `size` zero bytes, built from deflate chunks (no `size` buffer in memory). */
export function gzipZeros(size: number): Buffer {
  const chunk = 8 * 1024 * 1024;
  const parts: Buffer[] = [];
  // One deflate stream for all of it would need the whole input; deflate of zeros compresses
  // ~1000:1, so 8 MiB at a time is cheap. Concatenated gzip members are one valid gzip file.
  for (let left = size; left > 0; left -= chunk) {
    const n = Math.min(chunk, left);
    parts.push(gzipSync(Buffer.alloc(n), { level: 9 }));
  }
  return Buffer.concat(parts);
}

export { deflateRawSync };

// ---- zstd --------------------------------------------------------------------------------------

const M64 = (1n << 64n) - 1n;
const P1 = 11400714785074694791n;
const P2 = 14029467366897019727n;
const P3 = 1609587929392839161n;
const P4 = 9650029242287828579n;
const P5 = 2870177450012600261n;
const rotl = (x: bigint, r: bigint): bigint => ((x << r) | (x >> (64n - r))) & M64;
const round = (acc: bigint, lane: bigint): bigint => (rotl((acc + lane * P2) & M64, 31n) * P1) & M64;
const merge = (acc: bigint, val: bigint): bigint => (((acc ^ round(0n, val)) * P1 + P4) & M64);

/** XXH64 (seed 0) by the letter of the spec, in BigInt: the oracle for the fast implementation. */
export function xxh64Reference(b: Buffer, seed = 0n): bigint {
  let p = 0;
  let h: bigint;
  if (b.length >= 32) {
    let v1 = (seed + P1 + P2) & M64;
    let v2 = (seed + P2) & M64;
    let v3 = seed;
    let v4 = (seed - P1) & M64;
    for (; p + 32 <= b.length; p += 32) {
      v1 = round(v1, b.readBigUInt64LE(p));
      v2 = round(v2, b.readBigUInt64LE(p + 8));
      v3 = round(v3, b.readBigUInt64LE(p + 16));
      v4 = round(v4, b.readBigUInt64LE(p + 24));
    }
    h = (rotl(v1, 1n) + rotl(v2, 7n) + rotl(v3, 12n) + rotl(v4, 18n)) & M64;
    h = merge(h, v1);
    h = merge(h, v2);
    h = merge(h, v3);
    h = merge(h, v4);
  } else {
    h = (seed + P5) & M64;
  }
  h = (h + BigInt(b.length)) & M64;
  for (; p + 8 <= b.length; p += 8) h = ((rotl(h ^ round(0n, b.readBigUInt64LE(p)), 27n) * P1) + P4) & M64;
  if (p + 4 <= b.length) {
    h = ((rotl(h ^ ((BigInt(b.readUInt32LE(p)) * P1) & M64), 23n) * P2) + P3) & M64;
    p += 4;
  }
  for (; p < b.length; p++) h = (rotl(h ^ ((BigInt(b[p]!) * P5) & M64), 11n) * P1) & M64;
  h ^= h >> 33n;
  h = (h * P2) & M64;
  h ^= h >> 29n;
  h = (h * P3) & M64;
  h ^= h >> 32n;
  return h;
}

export interface ZstdFrameSpec {
  /** Write the content checksum (FHD bit 2) and the low 32 bits of XXH64. */
  checksum?: boolean;
  /** Store this checksum instead of the right one. */
  badChecksum?: boolean;
  /** Window_Log (10..41); default 17. */
  windowLog?: number;
  /** Raw block size (default 128 KiB). */
  blockSize?: number;
}

/** A zstd frame holding `buf` in raw blocks (RFC 8878 §3.1.1). */
export function zstdFrame(buf: Buffer, o: ZstdFrameSpec = {}): Buffer {
  const wl = o.windowLog ?? 17;
  const fhd = o.checksum || o.badChecksum ? 0x04 : 0x00;
  const parts: Buffer[] = [Buffer.from([0x28, 0xb5, 0x2f, 0xfd, fhd, (wl - 10) << 3])];
  const bs = o.blockSize ?? 128 * 1024;
  let off = 0;
  do {
    const n = Math.min(bs, buf.length - off);
    const last = off + n >= buf.length ? 1 : 0;
    const h = last | (n << 3);
    parts.push(Buffer.from([h & 0xff, (h >> 8) & 0xff, (h >> 16) & 0xff]), buf.subarray(off, off + n));
    off += n;
  } while (off < buf.length);
  if (o.checksum || o.badChecksum) {
    const c = Buffer.alloc(4);
    const v = Number(xxh64Reference(buf) & 0xffffffffn);
    c.writeUInt32LE(o.badChecksum ? (v ^ 0x5a5a5a5a) >>> 0 : v);
    parts.push(c);
  }
  return Buffer.concat(parts);
}

/** Writes `bytes` into a copy of `buf` at `at`. */
export function patch(buf: Buffer, at: number, bytes: Buffer | number[]): Buffer {
  const out = Buffer.from(buf);
  Buffer.from(bytes as Buffer).copy(out, at);
  return out;
}
