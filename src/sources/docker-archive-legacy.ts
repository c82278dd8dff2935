// The oldest `docker save` form (docker < 1.10): `repositories` + `<v1id>/{VERSION,json,layer.tar}`
// and no manifest.json. Layers are ordered by following each v1 json's `parent` from the image's
// top layer down to the root.
//
// A v1 json is not an image config: it has no rootfs.diff_ids (so every Layer.diffId is null)
// and no history. Image.config keeps the top layer's json bytes as they are; its parsed form
// gains a `history` built from the chain (each v1 json's `created` and container_config.Cmd, root
// first) so history rules have something to read. A note says so.
import { InputError } from '../errors.js';
import { printable } from '../io/printable.js';
import type { Limits } from '../model/limits.js';
import type { Image, JsonDoc, Layer, Note } from '../model/types.js';
import { emptyLayer, memberLabel, prescanOf, regularFile, type Container } from './container.js';
import { isObject, readJsonObject } from './json.js';
import { platformOf } from './oci-descriptor.js';
import { readRepositories } from './repositories.js';

/** `<id>` of every `<id>/json` that has a `<id>/layer.tar` beside it. */
export function legacyLayerIds(c: Container): string[] {
  const names = new Set(c.names());
  const ids: string[] = [];
  for (const n of names) {
    const m = /^([^/]+)\/json$/.exec(n);
    if (m && names.has(`${m[1]}/layer.tar`)) ids.push(m[1]!);
  }
  return ids;
}

/** Most layers all images of a legacy archive may add up to (see readLegacyArchive). */
export const MAX_LEGACY_LAYERS = 100_000;

export async function readLegacyArchive(c: Container, limits: Limits): Promise<{ images: Image[]; notes: Note[] }> {
  const notes: Note[] = [];
  const ids = legacyLayerIds(c);
  const v1 = new Map<string, JsonDoc<Record<string, unknown>>>();
  for (const id of ids) v1.set(id, await readJsonObject(c, `${id}/json`));
  const parentOf = (id: string): string | null => {
    const p = v1.get(id)!.parsed['parent'];
    if (typeof p !== 'string' || p === '') return null;
    return p.startsWith('sha256:') ? p.slice(7) : p;
  };

  const repos = await readRepositories(c, notes);
  // Tops in repositories order; without any, every id that is nobody's parent.
  const tops: string[] = [];
  const isTop = new Set<string>();
  for (const r of repos) {
    if (!v1.has(r.id)) {
      throw new InputError(memberLabel(c, 'repositories'), `${printable(r.ref)} names layer ${printable(r.id)}, which is not in the archive`);
    }
    if (!isTop.has(r.id)) {
      isTop.add(r.id);
      tops.push(r.id);
    }
  }
  if (tops.length === 0) {
    const parents = new Set(ids.map(parentOf).filter((p): p is string => p !== null));
    tops.push(...ids.filter((id) => !parents.has(id)));
  }
  if (tops.length === 0) throw new InputError(c.label, 'no images found (repositories is empty and the layers form no chain)');

  // Every top is an image whose layers are its whole chain: a crafted archive tagging each of N
  // chained layers would make N images of up to N layers. Bounded in total (real archives hold
  // a few images of at most 127 layers, docker's old layer limit).
  let totalLayers = 0;
  const images: Image[] = tops.map((top, i) => {
    const chain: string[] = [];
    const inChain = new Set<string>();
    for (let id: string | null = top; id !== null; id = parentOf(id)) {
      if (inChain.has(id)) throw new InputError(memberLabel(c, `${id}/json`), 'the v1 parent chain loops');
      inChain.add(id);
      if (++totalLayers > MAX_LEGACY_LAYERS) {
        throw new InputError(c.label, `the v1 parent chains of its ${tops.length} images add up to more than ${MAX_LEGACY_LAYERS} layers`);
      }
      if (!v1.has(id)) {
        throw new InputError(memberLabel(c, `${chain[chain.length - 1]}/json`), `parent ${printable(id)} is not in the archive`);
      }
      if (chain.length > limits.maxEntries) throw new InputError(c.label, 'the v1 parent chain is too long');
      chain.push(id);
    }
    chain.reverse();
    const layers: Layer[] = chain.map((id, j) => {
      const name = `${id}/layer.tar`;
      const { stat } = regularFile(c, name);
      if (stat.size === 0) throw new InputError(memberLabel(c, name), emptyLayer(j, i));
      return {
        index: j,
        mediaType: null,
        diffId: null,
        blob: { role: 'layer', location: name, nameDigest: null, declaredDigest: null, declaredSize: null, actualDigest: null, actualSize: stat.size },
        open: () => c.open(name, { transient: true }),
        ...prescanOf(c, name),
      };
    });
    const topDoc = v1.get(top)!;
    const config: JsonDoc<Record<string, unknown>> = {
      raw: topDoc.raw,
      digest: topDoc.digest,
      parsed: { ...topDoc.parsed, history: topDoc.parsed['history'] ?? chain.map((id) => historyOf(v1.get(id)!.parsed)) },
    };
    const refs = repos.filter((r) => r.id === top).map((r) => r.ref);
    return {
      id: String(i),
      refs,
      platform: platformOf(topDoc.parsed),
      manifest: null,
      config,
      layers,
      blobs: [{
        role: 'config', location: `${top}/json`, nameDigest: null, declaredDigest: null, declaredSize: null,
        actualDigest: topDoc.digest, actualSize: topDoc.raw.length,
      }],
      refSources: refs.map((ref) => ({ ref, where: 'repositories' })),
    };
  });
  notes.push({ code: 'legacy-v1-config', input: c.label,
    message: 'legacy docker save archive (no manifest.json): the config is the top layer\'s v1 json; layer diffIDs are unknown' });
  return { images, notes };
}

function historyOf(v: Record<string, unknown>): Record<string, unknown> {
  const h: Record<string, unknown> = {};
  if (typeof v['created'] === 'string') h['created'] = v['created'];
  if (typeof v['author'] === 'string' && v['author'] !== '') h['author'] = v['author'];
  const cc = v['container_config'];
  const cmd = isObject(cc) ? cc['Cmd'] : undefined;
  if (Array.isArray(cmd) && cmd.every((x) => typeof x === 'string')) h['created_by'] = cmd.join(' ');
  if (typeof v['comment'] === 'string' && v['comment'] !== '') h['comment'] = v['comment'];
  return h;
}
