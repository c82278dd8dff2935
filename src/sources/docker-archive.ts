// `docker save` archives read through manifest.json: docker < 25 (`<v1id>/layer.tar` + configs
// named `<hex>.json`), go-containerregistry / kaniko (`<digest>.tar.gz` layers, `sha256:<hex>`
// config), and docker ≥ 25, which also writes an OCI layout into the same tar. manifest.json
// decides the image list; when the OCI layout names a manifest for the same config, that
// manifest is attached (Image.manifest) and declares the layer digests, sizes and media types.
import { InputError } from '../errors.js';
import type { Limits } from '../model/limits.js';
import type { BlobCheck, Image, JsonDoc, Layer, Note } from '../model/types.js';
import { canonicalPath } from '../tar/path.js';
import { emptyLayer, MAX_LAYER_REFS, memberLabel, prescanOf, regularFile, tooManyLayerRefs, type Container } from './container.js';
import { nameDigest } from './digest.js';
import { describeJson, isObject, jsonObjectDoc, parseJson } from './json.js';
import { diffIdsOf, platformOf } from './oci-descriptor.js';
import { walkOciLayout, type OciImage } from './oci-layout.js';
import { readRepositories, type RepoRef } from './repositories.js';

export async function readDockerArchive(c: Container, limits: Limits): Promise<{ images: Image[]; notes: Note[] }> {
  const notes: Note[] = [];
  const mfile = memberLabel(c, 'manifest.json');
  const list = parseJson(await c.readSmall('manifest.json'), mfile);
  if (!Array.isArray(list)) throw new InputError(mfile, `expected a JSON array of images, got ${describeJson(list)}`);
  if (list.length === 0) throw new InputError(mfile, 'no images found (the list is empty)');

  let oci: OciImage[] = [];
  if (c.stat('index.json') !== null || c.stat('oci-layout') !== null) {
    try {
      const w = await walkOciLayout(c, limits);
      oci = w.images;
      notes.push(...w.notes);
    } catch (err) {
      if (!(err instanceof InputError)) throw err;
      notes.push({ code: 'oci-layout-unusable', input: c.label, message: `the OCI layout beside manifest.json was not used: ${err.message}` });
    }
  }
  const repos = c.stat('repositories') !== null ? await readRepositories(c, notes) : [];

  // Per-archive memos: manifest.json may name one config or layer from any number of images;
  // each is read, parsed and looked up once, not once per image.
  const ctx: Ctx = { c, notes, ociByConfig: new Map(), configs: new Map(), layerRefs: 0 };
  for (const o of oci) if (o.config && !ctx.ociByConfig.has(o.config.digest)) ctx.ociByConfig.set(o.config.digest, o);
  const images: Image[] = [];
  for (const [i, entry] of list.entries()) images.push(await dockerImage(ctx, entry, i));
  attachRepositories(c, images, list, repos, notes);
  return { images, notes };
}

interface Ctx {
  c: Container;
  notes: Note[];
  ociByConfig: Map<string, OciImage>;
  configs: Map<string, { config: JsonDoc<Record<string, unknown>>; size: number }>;
  /** Layer references of all images so far (bounded: MAX_LAYER_REFS). */
  layerRefs: number;
}

async function dockerImage(ctx: Ctx, entry: unknown, i: number): Promise<Image> {
  const { c, notes } = ctx;
  const where = memberLabel(c, 'manifest.json');
  if (!isObject(entry)) throw new InputError(where, `image ${i} is ${describeJson(entry)}, expected an object`);
  const cfgName = entry['Config'];
  if (typeof cfgName !== 'string' || cfgName === '') throw new InputError(where, `image ${i} has no "Config"`);
  const layerNames = entry['Layers'];
  if (!Array.isArray(layerNames) || layerNames.some((l) => typeof l !== 'string' || l === '')) {
    throw new InputError(where, `image ${i} has no valid "Layers" list`);
  }
  const tags = entry['RepoTags'];
  if (tags !== null && tags !== undefined && (!Array.isArray(tags) || tags.some((t) => typeof t !== 'string'))) {
    throw new InputError(where, `image ${i} has an invalid "RepoTags" (expected a list of strings or null)`);
  }
  const refs = (tags as string[] | null | undefined) ?? [];

  ctx.layerRefs += layerNames.length;
  if (ctx.layerRefs > MAX_LAYER_REFS) throw new InputError(where, tooManyLayerRefs());
  const cfgMember = canonicalPath(cfgName);
  let cfg = ctx.configs.get(cfgMember);
  if (!cfg) {
    if (c.resolve(cfgMember) === null) throw new InputError(memberLabel(c, cfgMember), `missing config of image ${i} (named in manifest.json)`);
    const { stat: cfgStat } = regularFile(c, cfgMember);
    const raw = await c.readSmall(cfgMember);
    cfg = { config: jsonObjectDoc(raw, memberLabel(c, cfgMember)), size: cfgStat.size };
    ctx.configs.set(cfgMember, cfg);
  }
  const { config, size: cfgSize } = cfg;
  const om = ctx.ociByConfig.get(config.digest) ?? null;
  const omConfig = om?.manifest?.parsed['config'];
  const configCheck: BlobCheck = {
    role: 'config',
    location: cfgMember,
    nameDigest: nameDigest(cfgMember, 'config'),
    declaredDigest: isObject(omConfig) && typeof omConfig['digest'] === 'string' ? omConfig['digest'] : null,
    declaredSize: isObject(omConfig) && typeof omConfig['size'] === 'number' ? omConfig['size'] : null,
    actualDigest: config.digest,
    actualSize: cfgSize,
  };

  const diffIds = diffIdsOf(config.parsed);
  if (diffIds && diffIds.length !== layerNames.length) {
    notes.push({ code: 'diffid-count-mismatch', input: c.label, image: String(i),
      message: `manifest.json lists ${layerNames.length} layers but the config has ${diffIds.length} diff_ids` });
  }
  const sources = isObject(entry['LayerSources']) ? entry['LayerSources'] : null;
  const omLayers = om?.manifest?.parsed['layers'];
  if (om && Array.isArray(omLayers) && omLayers.length !== layerNames.length) {
    notes.push({ code: 'oci-manifest-layer-count', input: c.label, image: String(i),
      message: `manifest.json lists ${layerNames.length} layers but the OCI manifest lists ${omLayers.length}` });
  }

  const layers: Layer[] = (layerNames as string[]).map((rawName, j) => {
    const name = canonicalPath(rawName);
    if (c.resolve(name) === null) {
      throw new InputError(memberLabel(c, name), `missing layer ${j} of image ${i} (listed in manifest.json)`);
    }
    const { stat } = regularFile(c, name);
    if (stat.size === 0) throw new InputError(memberLabel(c, name), emptyLayer(j, i));
    const diffId = diffIds?.[j] ?? null;
    // Declared by the OCI manifest (docker ≥ 25) or by LayerSources (go-containerregistry,
    // keyed by diffID: foreign layers), in that order.
    let desc: Record<string, unknown> | null = null;
    if (Array.isArray(omLayers) && isObject(omLayers[j])) desc = omLayers[j] as Record<string, unknown>;
    else if (sources && diffId && isObject(sources[diffId])) desc = sources[diffId] as Record<string, unknown>;
    return {
      index: j,
      mediaType: desc && typeof desc['mediaType'] === 'string' ? desc['mediaType'] : null,
      diffId,
      blob: {
        role: 'layer',
        location: name,
        nameDigest: nameDigest(name, 'layer'),
        declaredDigest: desc && typeof desc['digest'] === 'string' ? desc['digest'] : null,
        declaredSize: desc && typeof desc['size'] === 'number' ? desc['size'] : null,
        actualDigest: null,
        actualSize: stat.size,
      },
      open: () => c.open(name, { transient: true }),
      ...prescanOf(c, name),
    };
  });

  return {
    id: String(i),
    refs: [...refs],
    platform: platformOf(config.parsed) ?? om?.platform ?? null,
    manifest: om?.manifest ?? null,
    config,
    layers,
    blobs: om?.blobs[0] ? [om.blobs[0], configCheck] : [configCheck],
    refSources: refs.map((ref) => ({ ref, where: 'manifest.json RepoTags' })),
  };
}

/**
 * `repositories` maps `repo → tag → id`, where id is the top layer's v1 id (docker < 25) or the
 * config hex. Each ref goes to the image it names; one that names no image is noted (or, in a
 * single-image archive, attached to that image).
 */
function attachRepositories(c: Container, images: Image[], list: unknown[], repos: RepoRef[], notes: Note[]): void {
  // Index the images by the ids a repositories entry may name (one pass, not refs x images).
  const byId = new Map<string, Image[]>();
  const add = (id: string, im: Image): void => {
    const l = byId.get(id);
    if (!l) byId.set(id, [im]);
    else if (l[l.length - 1] !== im) l.push(im);
  };
  images.forEach((im, i) => {
    const layers = (list[i] as Record<string, unknown>)['Layers'] as string[];
    if (layers.length) {
      const top = canonicalPath(layers[layers.length - 1]!);
      if (top.endsWith('/layer.tar')) add(top.slice(0, -'/layer.tar'.length), im);
    }
    const d = im.config?.digest;
    if (d) {
      add(d.slice('sha256:'.length), im);
      add(d, im);
    }
  });
  // An id shared by many images (a crafted archive: every image on one top layer) attaches each
  // ref to each of them: refs x images entries. Bounded like layer references.
  let attached = 0;
  for (const r of repos) {
    const hits = byId.get(r.id) ?? [];
    const targets = hits.length ? hits : images.length === 1 ? images : [];
    if (targets.length === 0) {
      notes.push({ code: 'repositories-unmatched', input: c.label, message: `repositories names ${r.ref} → ${r.id}, which is no image in manifest.json` });
    }
    attached += targets.length;
    if (attached > MAX_LAYER_REFS) {
      throw new InputError(memberLabel(c, 'repositories'), `attaches more than ${MAX_LAYER_REFS} references to the images of manifest.json`);
    }
    for (const im of targets) im.refSources.push({ ref: r.ref, where: 'repositories' });
  }
}
