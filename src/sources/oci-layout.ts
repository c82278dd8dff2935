// OCI image layouts (image-spec image-layout.md), in a directory or inside a tar: `oci-layout`,
// `index.json`, `blobs/<alg>/<hex>`. Shared by the oci-layout and oci-archive flavours and by
// docker ≥ 25 archives (which carry a layout beside manifest.json).
//
// Blobs are found ONLY as `blobs/<alg>/<hex>` built from a digest that passed the grammar check
// (digest.ts): a descriptor can never name a path. Nested indexes are followed up to
// limits.maxIndexDepth; each index is walked once (memoised) and a cycle becomes a note.
import { InputError, LimitError } from '../errors.js';
import { LIMIT_FLAGS, type Limits } from '../model/limits.js';
import type { BlobCheck, Image, JsonDoc, Layer, Note } from '../model/types.js';
import { emptyLayer, MAX_LAYER_REFS, memberLabel, prescanOf, regularFile, tooManyLayerRefs, type Container } from './container.js';
import { blobPath, hashHex, parseDigest, type ParsedDigest } from './digest.js';
import { describeJson, isObject, jsonObjectDoc } from './json.js';
import {
  CONFIG_TYPES, INDEX_TYPES, MANIFEST_TYPES, SCHEMA1_TYPES, diffIdsOf, platformOf, quote, refsOf, type RefSource,
} from './oci-descriptor.js';


/** An image found in a layout: an Image without its id (the flavour reader numbers them). */
export type OciImage = Omit<Image, 'id'>;

export interface OciWalk {
  images: OciImage[];
  notes: Note[];
  /** How many index.json descriptors there were (0 for `manifests: null`). */
  topLevel: number;
}

/**
 * Reads a layout as an image source. InputError when the layout is malformed or holds no
 * image manifest at all.
 */
export async function readOciLayout(c: Container, limits: Limits): Promise<{ images: Image[]; notes: Note[] }> {
  const walk = await walkOciLayout(c, limits);
  if (walk.images.length === 0) {
    const skipped = walk.notes.filter((n) => n.code.startsWith('oci-skipped')).length;
    const why = walk.topLevel === 0 ? 'index.json lists no manifests'
      : skipped > 0 ? `${skipped} manifest(s) skipped as artifacts or attestations` : 'index.json lists no image manifests';
    throw new InputError(c.label, `no images found (${why})`);
  }
  return { images: walk.images.map((im, i) => ({ id: String(i), ...im })), notes: walk.notes };
}

/** Walks `oci-layout` + `index.json` and every image manifest they reach. */
export async function walkOciLayout(c: Container, limits: Limits): Promise<OciWalk> {
  const notes: Note[] = [];
  const note = (code: string, message: string): void => {
    notes.push({ code, input: c.label, message });
  };

  // oci-layout: required by the spec; stereoscope's valid_manifest fixture has none.
  if (c.stat('oci-layout') === null) {
    note('oci-layout-missing', 'no oci-layout file (required by the OCI image layout spec); reading index.json anyway');
  } else {
    const doc = jsonObjectDoc(await c.readSmall('oci-layout'), memberLabel(c, 'oci-layout'));
    const v = doc.parsed['imageLayoutVersion'];
    if (typeof v !== 'string') {
      throw new InputError(memberLabel(c, 'oci-layout'), 'imageLayoutVersion is missing or not a string');
    }
    if (v !== '1.0.0') note('oci-layout-version', `oci-layout says imageLayoutVersion ${JSON.stringify(v)}; this reader knows 1.0.0`);
  }

  if (c.stat('index.json') === null && c.resolve('index.json') === null) {
    throw new InputError(c.label, 'not a usable OCI image layout: index.json is missing');
  }
  const indexFile = memberLabel(c, 'index.json');
  const index = jsonObjectDoc(await c.readSmall('index.json'), indexFile);
  const manifests = index.parsed['manifests'];
  if (!Array.isArray(manifests)) {
    if (manifests === undefined && isObject(index.parsed['config']) && Array.isArray(index.parsed['layers'])) {
      throw new InputError(indexFile, 'is an image manifest, not an image index (no "manifests" list)');
    }
    if (manifests === null) return { images: [], notes: [...notes, { code: 'oci-index-empty', input: c.label, message: 'index.json has "manifests": null' }], topLevel: 0 };
    throw new InputError(indexFile, `"manifests" must be an array, got ${describeJson(manifests)}`);
  }

  const w = new Walker(c, limits, notes);
  await w.walkIndex(manifests, 'index.json', 0, []);
  return { images: w.images(), notes, topLevel: manifests.length };
}

class Walker {
  private readonly found = new Map<string, OciImage>();
  private readonly skipped = new Set<string>();
  private readonly indexStack: string[] = [];
  /** Index digest → image manifests found beneath it. */
  private readonly walkedIndexes = new Map<string, Set<string>>();

  constructor(private readonly c: Container, private readonly limits: Limits, private readonly notes: Note[]) {}

  images(): OciImage[] {
    return [...this.found.values()];
  }

  private note(code: string, message: string): void {
    this.notes.push({ code, input: this.c.label, message });
  }

  /** Walks the descriptors of one index; `refs` are those of the descriptors above it. */
  async walkIndex(descs: unknown[], where: string, depth: number, refs: RefSource[]): Promise<Set<string>> {
    const reached = new Set<string>();
    for (const [i, d] of descs.entries()) {
      const file = memberLabel(this.c, where);
      if (!isObject(d)) throw new InputError(file, `manifests[${i}] is not a descriptor object`);
      const own = refsOf(d, where);
      const allRefs = [...refs, ...own];
      const pd = parseDigest(d['digest']);
      if (!pd) throw new InputError(file, `manifests[${i}] has an invalid digest ${quote(d['digest'])} (expected sha256:<64 hex> or sha512:<128 hex>)`);
      const digest = `${pd.algorithm}:${pd.hex}`;
      const declaredType = typeof d['mediaType'] === 'string' ? (d['mediaType'] as string) : null;
      if (declaredType && !declaredType.endsWith('json') && !INDEX_TYPES.has(declaredType) && !MANIFEST_TYPES.has(declaredType)) {
        this.skip(digest, `oci-skipped-unknown`, `skipped ${digest}: media type ${declaredType} is not a manifest or index`);
        continue;
      }
      const blob = await this.readBlob(pd, d, 'manifest', where);
      const p = blob.doc.parsed;
      const type = typeof p['mediaType'] === 'string' ? (p['mediaType'] as string) : declaredType;
      if (p['schemaVersion'] === 1 || (type !== null && SCHEMA1_TYPES.has(type))) {
        this.skip(digest, 'oci-skipped-schema1', `skipped ${digest}: Docker schema 1 manifests are not supported`);
      } else if ((type !== null && INDEX_TYPES.has(type)) || (!isKnown(type) && Array.isArray(p['manifests']))) {
        for (const r of await this.enterIndex(digest, blob.doc, blob.location, depth + 1, allRefs)) reached.add(r);
      } else if ((type !== null && MANIFEST_TYPES.has(type)) || (!isKnown(type) && isObject(p['config']) && Array.isArray(p['layers']))) {
        await this.imageManifest(pd, d, blob.doc, blob.check, allRefs);
        if (this.found.has(digest)) reached.add(digest);
      } else {
        this.skip(digest, 'oci-skipped-unknown', `skipped ${digest}: media type ${type ?? '(none)'} is not a manifest or index`);
      }
    }
    return reached;
  }

  /**
   * Walks a nested index once; a later descriptor for the same index only adds its refs to the
   * images found beneath it (so a crafted DAG of indexes cannot make the walk exponential).
   */
  private async enterIndex(
    digest: string, doc: JsonDoc<Record<string, unknown>>, location: string, depth: number, refs: RefSource[],
  ): Promise<Set<string>> {
    if (this.indexStack.includes(digest)) {
      this.note('oci-index-cycle', `index ${digest} lists itself (directly or through another index); not followed again`);
      return new Set();
    }
    const memo = this.walkedIndexes.get(digest);
    if (memo) {
      for (const m of memo) for (const r of refs) addRef(this.found.get(m)!, r);
      return memo;
    }
    if (depth > this.limits.maxIndexDepth) {
      const f = LIMIT_FLAGS.maxIndexDepth;
      throw new LimitError(memberLabel(this.c, location), f.name, f.flag, this.limits.maxIndexDepth);
    }
    const list = doc.parsed['manifests'];
    if (!Array.isArray(list)) {
      if (list !== null && list !== undefined) {
        throw new InputError(memberLabel(this.c, location), `"manifests" must be an array, got ${describeJson(list)}`);
      }
      return new Set();
    }
    // A referrers index listing its own subject (regclient's `loop` ref): legal, but a naive
    // referrers walker never terminates. Followed once, noted.
    const subject = doc.parsed['subject'];
    if (isObject(subject) && list.some((m) => isObject(m) && m['digest'] === subject['digest'])) {
      this.note('oci-index-loop', `index ${digest} lists its own subject ${String(subject['digest'])} (a referrers loop)`);
    }
    this.indexStack.push(digest);
    try {
      const reached = await this.walkIndex(list, location, depth, refs);
      this.walkedIndexes.set(digest, reached);
      return reached;
    } finally {
      this.indexStack.pop();
    }
  }

  private skip(digest: string, code: string, message: string): void {
    if (this.skipped.has(digest)) return;
    this.skipped.add(digest);
    this.note(code, message);
  }

  private async imageManifest(
    pd: ParsedDigest, desc: Record<string, unknown>, doc: JsonDoc<Record<string, unknown>>, check: BlobCheck, refs: RefSource[],
  ): Promise<void> {
    const digest = `${pd.algorithm}:${pd.hex}`;
    const descPlatform = platformOf(desc['platform']);
    const seen = this.found.get(digest);
    if (seen) {
      for (const r of refs) addRef(seen, r);
      if (!seen.platform && descPlatform) seen.platform = descPlatform;
      return;
    }
    if (this.skipped.has(digest)) return;
    const m = doc.parsed;
    const mfile = memberLabel(this.c, check.location);
    if (descPlatform && descPlatform.os === 'unknown' && descPlatform.architecture === 'unknown') {
      this.skip(digest, 'oci-skipped-attestation', `skipped ${digest}: platform unknown/unknown (an attestation manifest)`);
      return;
    }
    const cfgDesc = m['config'];
    if (!isObject(cfgDesc)) throw new InputError(mfile, '"config" is missing or not a descriptor');
    const cfgType = typeof cfgDesc['mediaType'] === 'string' ? (cfgDesc['mediaType'] as string) : null;
    if (cfgType === null || !CONFIG_TYPES.has(cfgType)) {
      const what = typeof m['artifactType'] === 'string' ? `artifact type ${m['artifactType'] as string}` : `config media type ${cfgType ?? '(none)'}`;
      this.skip(digest, 'oci-skipped-artifact', `skipped ${digest}: not an image (${what})`);
      return;
    }
    const cpd = parseDigest(cfgDesc['digest']);
    if (!cpd) throw new InputError(mfile, `config has an invalid digest ${quote(cfgDesc['digest'])}`);
    const cfg = await this.readBlob(cpd, cfgDesc, 'config', check.location);
    const c = cfg.doc.parsed;
    if (!isObject(c['rootfs']) && typeof c['architecture'] !== 'string' && typeof c['os'] !== 'string') {
      this.skip(digest, 'oci-skipped-artifact', `skipped ${digest}: its config is not an image config (no rootfs, os or architecture)`);
      return;
    }
    const platform = descPlatform ?? platformOf(c);
    if (platform && platform.os === 'unknown' && platform.architecture === 'unknown') {
      this.skip(digest, 'oci-skipped-attestation', `skipped ${digest}: platform unknown/unknown (an attestation manifest)`);
      return;
    }
    const layerDescs = m['layers'];
    if (!Array.isArray(layerDescs)) throw new InputError(mfile, '"layers" is missing or not an array');
    this.layerRefs += layerDescs.length;
    if (this.layerRefs > MAX_LAYER_REFS) throw new InputError(mfile, tooManyLayerRefs());
    const diffIds = diffIdsOf(c);
    const layers: Layer[] = layerDescs.map((ld, i) => this.layer(ld, i, diffIds, mfile));
    const image: OciImage = {
      refs: [],
      platform,
      manifest: doc,
      config: cfg.doc,
      layers,
      blobs: [check, cfg.check],
      refSources: [],
    };
    for (const r of refs) addRef(image, r);
    this.found.set(digest, image);
  }

  private layer(ld: unknown, i: number, diffIds: (string | null)[] | null, mfile: string): Layer {
    if (!isObject(ld)) throw new InputError(mfile, `layers[${i}] is not a descriptor object`);
    const pd = parseDigest(ld['digest']);
    if (!pd) throw new InputError(mfile, `layers[${i}] has an invalid digest ${quote(ld['digest'])}`);
    const location = blobPath(pd);
    const digest = `${pd.algorithm}:${pd.hex}`;
    const { stat } = this.blobFile(location, digest, `layer ${i} of ${mfile.slice(this.c.label.length + 1)}`);
    if (stat.size === 0) throw new InputError(memberLabel(this.c, location), `${emptyLayer(i, digestOf(mfile))}`);
    const c = this.c;
    return {
      index: i,
      mediaType: typeof ld['mediaType'] === 'string' ? (ld['mediaType'] as string) : null,
      diffId: diffIds?.[i] ?? null,
      blob: {
        role: 'layer',
        location,
        nameDigest: digest,
        declaredDigest: digest,
        declaredSize: typeof ld['size'] === 'number' ? (ld['size'] as number) : null,
        actualDigest: null,
        actualSize: stat.size,
      },
      open: () => c.open(location, { transient: true }),
      ...prescanOf(c, location),
    };
  }

  private blobFile(location: string, digest: string, referencedBy: string) {
    if (this.c.resolve(location) === null) {
      throw new InputError(memberLabel(this.c, location), `missing blob ${digest} (referenced by ${referencedBy})`);
    }
    return regularFile(this.c, location);
  }

  /** Blobs already read and parsed, by role and digest: each is read once however often named. */
  private readonly blobs = new Map<string, { doc: JsonDoc<Record<string, unknown>>; raw: number; actual: string }>();
  /** Layer references of all images so far (bounded: MAX_LAYER_REFS). */
  private layerRefs = 0;

  private async readBlob(pd: ParsedDigest, desc: Record<string, unknown>, role: 'manifest' | 'config', referencedBy: string) {
    const location = blobPath(pd);
    const digest = `${pd.algorithm}:${pd.hex}`;
    const memo = this.blobs.get(`${role} ${digest}`);
    if (memo) {
      const check: BlobCheck = {
        role, location, nameDigest: digest, declaredDigest: digest,
        declaredSize: typeof desc['size'] === 'number' ? (desc['size'] as number) : null,
        actualDigest: memo.actual, actualSize: memo.raw,
      };
      return { doc: memo.doc, check, location };
    }
    this.blobFile(location, digest, referencedBy);
    const raw = await this.c.readSmall(location);
    if (raw.length === 0) {
      const size = typeof desc['size'] === 'number' ? ` but its descriptor declares ${desc['size'] as number} bytes` : '';
      throw new InputError(memberLabel(this.c, location), `blob ${digest} is empty (0 bytes)${size}`);
    }
    const doc = jsonObjectDoc(raw, memberLabel(this.c, location));
    this.blobs.set(`${role} ${digest}`, { doc, raw: raw.length, actual: `${pd.algorithm}:${hashHex(pd.algorithm, raw)}` });
    const check: BlobCheck = {
      role,
      location,
      nameDigest: digest,
      declaredDigest: digest,
      declaredSize: typeof desc['size'] === 'number' ? (desc['size'] as number) : null,
      actualDigest: `${pd.algorithm}:${hashHex(pd.algorithm, raw)}`,
      actualSize: raw.length,
    };
    return { doc, check, location };
  }
}

/** `sha256:<hex>` of a `label:blobs/<alg>/<hex>` manifest label (for messages). */
function digestOf(mfile: string): string {
  const m = /blobs\/(sha256|sha512)\/([a-f0-9]+)$/.exec(mfile);
  return m ? `${m[1]}:${m[2]}` : mfile;
}

function isKnown(type: string | null): boolean {
  return type !== null && (INDEX_TYPES.has(type) || MANIFEST_TYPES.has(type) || SCHEMA1_TYPES.has(type));
}

/** What addRef has added to an image (a Set: an index may name one image a million times). */
const seenRefs = new WeakMap<OciImage, { refs: Set<string>; sources: Set<string> }>();

function addRef(image: OciImage, r: RefSource): void {
  let seen = seenRefs.get(image);
  if (!seen) {
    seen = { refs: new Set(image.refs), sources: new Set(image.refSources.map((s) => `${s.ref}\0${s.where}`)) };
    seenRefs.set(image, seen);
  }
  if (!seen.refs.has(r.ref)) {
    seen.refs.add(r.ref);
    image.refs.push(r.ref);
  }
  const key = `${r.ref}\0${r.where}`;
  if (!seen.sources.has(key)) {
    seen.sources.add(key);
    image.refSources.push(r);
  }
}
