// Builds lint inputs in code: entries, layer scans, images and contexts, with defaults that
// describe a clean, reproducible image (epoch 1700000000, root-owned, sorted, gzip -n).
import { createHash } from 'node:crypto';
import type { Finding } from '../../src/model/finding.js';
import type {
  BlobCheck,
  EntryRecord,
  GzipHeader,
  Image,
  LayerScan,
  OpenedInput,
} from '../../src/model/types.js';
import type { LintContext, LintRule } from '../../src/lint/index.js';

export const EPOCH = 1700000000;
export const EPOCH_ISO = '2023-11-14T22:13:20Z';

export function sha(s: string): string {
  return 'sha256:' + createHash('sha256').update(s).digest('hex');
}

/** One tar entry; `index` is set by `layer()`. A trailing `/` makes a directory. */
export function entry(path: string, over: Partial<EntryRecord> = {}): EntryRecord {
  const dir = path.endsWith('/');
  const p = dir ? path.slice(0, -1) : path;
  const type = over.type ?? (dir ? 'dir' : 'file');
  return {
    index: 0,
    path: p,
    rawPath: path,
    type,
    linkTarget: null,
    mode: type === 'dir' ? 0o755 : 0o644,
    uid: 0,
    gid: 0,
    uname: '',
    gname: '',
    mtime: EPOCH,
    size: type === 'file' ? 5 : 0,
    pax: {},
    xattrs: {},
    format: 'ustar',
    sha256: type === 'file' ? createHash('sha256').update(p).digest('hex') : null,
    ...over,
  };
}

export function gzipHeader(over: Partial<GzipHeader> = {}): GzipHeader {
  return { offset: 0, mtime: 0, xfl: 0, os: 3, flags: 0, name: null, comment: null, extra: null, headerCrc: false, ...over };
}

/** A scanned layer; entries given as strings use entry() defaults. Indexes follow array order. */
export function layer(entries: (EntryRecord | string)[], over: Partial<LayerScan> = {}): LayerScan {
  const list = entries.map((e, index) => ({ ...(typeof e === 'string' ? entry(e) : e), index }));
  const id = JSON.stringify(list.map((e) => [e.path, e.type, e.sha256, e.mtime, e.uid, e.gid]));
  return {
    storedDigest: sha('stored:' + id),
    storedSize: 100 + list.length,
    compression: 'gzip',
    gzip: { memberCount: 1, headers: [gzipHeader()] },
    zstdFrames: null,
    diffId: sha('tar:' + id),
    tarSize: 1024 * (list.length + 2),
    entries: list,
    trailingBytes: 0,
    missingEndMarker: false,
    notes: [],
    ...over,
  };
}

export interface ImageOptions {
  /** Config object; default: created = EPOCH_ISO and one history entry per layer. null = no config. */
  config?: Record<string, unknown> | null;
  /** Merged into the default config. */
  configPatch?: Record<string, unknown>;
  refSources?: { ref: string; where: string }[];
  blobs?: BlobCheck[];
  /** Per-layer overrides of the Layer (diffId, blob). */
  layerPatch?: (i: number) => { diffId?: string | null; blob?: Partial<BlobCheck> };
}

export function image(scans: LayerScan[], opts: ImageOptions = {}): Image {
  const config =
    opts.config === null
      ? null
      : (opts.config ?? {
          architecture: 'amd64',
          os: 'linux',
          created: EPOCH_ISO,
          history: scans.map((_, i) => ({ created: EPOCH_ISO, created_by: `step ${i}` })),
          rootfs: { type: 'layers', diff_ids: scans.map((s) => s.diffId) },
          ...opts.configPatch,
        });
  const raw = config ? Buffer.from(JSON.stringify(config)) : null;
  return {
    id: '0',
    refs: [],
    platform: { os: 'linux', architecture: 'amd64' },
    manifest: null,
    config: config && raw ? { raw, parsed: config, digest: sha(raw.toString()) } : null,
    layers: scans.map((s, index) => {
      const patch = opts.layerPatch?.(index) ?? {};
      return {
        index,
        mediaType: 'application/vnd.oci.image.layer.v1.tar+gzip',
        diffId: patch.diffId !== undefined ? patch.diffId : s.diffId,
        blob: {
          role: 'layer',
          location: `blobs/sha256/${s.storedDigest.slice(7)}`,
          nameDigest: s.storedDigest,
          declaredDigest: s.storedDigest,
          declaredSize: s.storedSize,
          actualDigest: null,
          actualSize: null,
          ...patch.blob,
        },
        open: async () => (async function* () {})(),
      };
    }),
    blobs: opts.blobs ?? [],
    refSources: opts.refSources ?? [],
  };
}

export function input(images: Image[]): OpenedInput {
  return { label: 'test.tar', flavour: 'oci-archive', wrapper: 'none', images, notes: [] };
}

export interface CtxOptions extends ImageOptions {
  epoch?: number | null;
  owner?: { uid: number; gid: number };
}

/** A lint context over `scans`, epoch EPOCH from the flag unless told otherwise. */
export function ctx(scans: LayerScan[], opts: CtxOptions = {}): LintContext {
  const img = image(scans, opts);
  const epoch = opts.epoch === undefined ? EPOCH : opts.epoch;
  return {
    image: img,
    scans,
    epoch,
    epochSource: epoch === null ? 'none' : 'flag',
    owner: opts.owner ?? { uid: 0, gid: 0 },
    input: input([img]),
  };
}

/** Runs one rule and checks the invariants every rule must keep. */
export function run(rule: LintRule, c: LintContext): Finding[] {
  const out = rule.check(c);
  for (const f of out) {
    if (!rule.kinds.includes(f.kind)) throw new Error(`${rule.id} emitted undeclared kind ${f.kind}`);
    if (f.origin !== rule.id) throw new Error(`${rule.id} emitted origin ${f.origin}`);
    if (f.examples.length > 5 || f.examples.length > f.count) throw new Error(`${rule.id}: bad examples/count`);
  }
  const keys = out.map((f) => JSON.stringify([f.kind, f.layer, f.shape ?? null, f.field]));
  if (new Set(keys).size !== keys.length) throw new Error(`${rule.id} emitted two findings for one (kind, layer, shape)`);
  return out;
}
