// Builds DiffSides in code: entries, layers (with scans) and images, with digests derived from
// content so that equal entries give equal diffIDs and equal compression gives equal blobs.
import { createHash } from 'node:crypto';
import type { Compression, EntryRecord, GzipHeader, Image, LayerScan } from '../../src/model/types.js';
import type { DiffSide } from '../../src/diff/index.js';

const sha = (s: string): string => createHash('sha256').update(s).digest('hex');
const digest = (s: string): string => `sha256:${sha(s)}`;

export const T0 = 1_700_000_000;

export type EntrySpec = Omit<EntryRecord, 'index'>;

export function file(path: string, over: Partial<EntrySpec> & { content?: string } = {}): EntrySpec {
  const { content = `content of ${path}`, ...rest } = over;
  return {
    path,
    rawPath: path,
    type: 'file',
    linkTarget: null,
    mode: 0o644,
    uid: 0,
    gid: 0,
    uname: '',
    gname: '',
    mtime: T0,
    size: content.length,
    pax: {},
    xattrs: {},
    format: 'ustar',
    ...rest,
    sha256: rest.sha256 !== undefined ? rest.sha256 : sha(content),
  };
}

export function dir(path: string, over: Partial<EntrySpec> = {}): EntrySpec {
  return file(path, { mode: 0o755, size: 0, sha256: null, ...over, type: 'dir' });
}

export function symlink(path: string, target: string, over: Partial<EntrySpec> = {}): EntrySpec {
  return file(path, { mode: 0o777, size: 0, sha256: null, linkTarget: target, ...over, type: 'symlink' });
}

export function hardlink(path: string, target: string, over: Partial<EntrySpec> = {}): EntrySpec {
  return file(path, { size: 0, sha256: null, linkTarget: target, ...over, type: 'hardlink' });
}

export function gzipHeader(over: Partial<GzipHeader> = {}): GzipHeader {
  return { offset: 0, mtime: 0, xfl: 0, os: 3, flags: 0, name: null, comment: null, extra: null, headerCrc: false, ...over };
}

export interface LayerSpec {
  entries: EntrySpec[];
  compression?: Compression;
  gzip?: Partial<GzipHeader>;
  memberCount?: number;
  zstdFrames?: number;
  mediaType?: string | null;
  /** Salt for the compressed bytes: another compressor on the same header and tar. */
  stream?: string;
  /** Digest-only scan: entries [] and diffId null. */
  digestOnly?: boolean;
  /** No scan at all (null). */
  unscanned?: boolean;
}

const MEDIA: Record<Compression, string> = {
  gzip: 'application/vnd.oci.image.layer.v1.tar+gzip',
  zstd: 'application/vnd.oci.image.layer.v1.tar+zstd',
  none: 'application/vnd.oci.image.layer.v1.tar',
};

export function makeScan(spec: LayerSpec): LayerScan {
  // One object literal in a fixed key order, like the scanner's entryRecord: uniform shapes.
  const entries: EntryRecord[] = spec.entries.map((e, index) => ({
    index,
    path: e.path,
    rawPath: e.rawPath,
    type: e.type,
    linkTarget: e.linkTarget,
    mode: e.mode,
    uid: e.uid,
    gid: e.gid,
    uname: e.uname,
    gname: e.gname,
    mtime: e.mtime,
    size: e.size,
    pax: e.pax,
    xattrs: e.xattrs,
    format: e.format,
    sha256: e.sha256,
  }));
  const compression = spec.compression ?? 'gzip';
  // The tar's identity: every entry field in order (what the real tar bytes would encode).
  const h = createHash('sha256');
  for (const e of entries) h.update(JSON.stringify(e));
  const diffId = `sha256:${h.digest('hex')}`;
  const header = compression === 'gzip' ? gzipHeader(spec.gzip) : null;
  const memberCount = spec.memberCount ?? 1;
  const stored =
    compression === 'none'
      ? diffId
      : digest(JSON.stringify([diffId, compression, header, memberCount, spec.zstdFrames ?? 1, spec.stream ?? '']));
  return {
    storedDigest: stored,
    storedSize: 1000 + entries.length,
    compression,
    gzip: header ? { memberCount, headers: [header] } : null,
    zstdFrames: compression === 'zstd' ? (spec.zstdFrames ?? 1) : null,
    diffId: spec.digestOnly ? null : diffId,
    tarSize: spec.digestOnly ? null : 1024 * (entries.length + 2),
    entries: spec.digestOnly ? [] : entries,
    trailingBytes: 0,
    missingEndMarker: false,
    notes: [],
  };
}

export interface ImageOpts {
  /** Changes the default config (mutate it). */
  config?: (c: Record<string, unknown>) => void;
  /** Changes the default manifest (mutate it); null = no manifest. */
  manifest?: ((m: Record<string, unknown>) => void) | null;
  refs?: string[];
  /** Serialise JSON with this indentation (a serialization-only difference). */
  indent?: number;
}

function doc(parsed: Record<string, unknown>, indent: number | undefined) {
  const raw = Buffer.from(JSON.stringify(parsed, null, indent));
  return { raw, parsed, digest: `sha256:${createHash('sha256').update(raw).digest('hex')}` };
}

export function side(label: string, layers: LayerSpec[], opts: ImageOpts = {}): DiffSide {
  // Diff IDs come from the full scan even when the side's own scan is digest-only.
  const full = layers.map((l) => makeScan({ ...l, digestOnly: false }));
  const scans = layers.map((l, i) => (l.unscanned ? null : l.digestOnly ? makeScan(l) : full[i]!));
  const config: Record<string, unknown> = {
    created: '2024-01-01T00:00:00Z',
    architecture: 'amd64',
    os: 'linux',
    config: { Env: ['PATH=/usr/bin', 'LANG=C'], Labels: { a: '1' }, Entrypoint: ['/bin/sh'] },
    rootfs: { type: 'layers', diff_ids: full.map((s) => s.diffId) },
    history: layers.map((_, i) => ({ created: '2024-01-01T00:00:00Z', created_by: `RUN step ${i}` })),
  };
  opts.config?.(config);
  const configDoc = doc(config, opts.indent);
  const mediaTypes = layers.map((l) => (l.mediaType === undefined ? MEDIA[l.compression ?? 'gzip'] : l.mediaType));
  let manifestDoc = null;
  if (opts.manifest !== null) {
    const manifest: Record<string, unknown> = {
      schemaVersion: 2,
      mediaType: 'application/vnd.oci.image.manifest.v1+json',
      config: { mediaType: 'application/vnd.oci.image.config.v1+json', digest: configDoc.digest, size: configDoc.raw.length },
      layers: full.map((s, i) => ({ mediaType: mediaTypes[i], digest: s.storedDigest, size: s.storedSize })),
    };
    opts.manifest?.(manifest);
    manifestDoc = doc(manifest, opts.indent);
  }
  const image: Image = {
    id: '0',
    refs: opts.refs ?? ['example.com/app:1'],
    platform: { os: 'linux', architecture: 'amd64' },
    manifest: manifestDoc,
    config: configDoc,
    layers: full.map((s, i) => ({
      index: i,
      mediaType: mediaTypes[i]!,
      diffId: s.diffId,
      blob: {
        role: 'layer',
        location: `blobs/sha256/${s.storedDigest.slice(7)}`,
        nameDigest: s.storedDigest,
        declaredDigest: s.storedDigest,
        declaredSize: s.storedSize,
        actualDigest: null,
        actualSize: null,
      },
      open: () => Promise.reject(new Error('the diff core must not open layers')),
    })),
    blobs: [],
    refSources: [],
  };
  return {
    label,
    input: { label, flavour: 'oci-archive', wrapper: 'none', images: [image], notes: [] },
    image,
    scans,
  };
}

/** n entries `d<k>/f<j>` with a directory every 100 files, sorted. */
export function manyEntries(n: number, over: (i: number, e: EntrySpec) => EntrySpec = (_, e) => e): EntrySpec[] {
  const out: EntrySpec[] = [];
  for (let i = 0; i < n; i++) {
    const d = Math.floor(i / 100);
    const e =
      i % 100 === 0
        ? dir(`d${String(d).padStart(5, '0')}`)
        : file(`d${String(d).padStart(5, '0')}/f${String(i).padStart(6, '0')}`, { sha256: i.toString(16).padStart(64, '0') });
    out.push(over(i, e));
  }
  return out;
}
