// Builders for container images in code: deterministic bytes, no tools, no network.
//
// API (all async functions resolve when the file/dir is fully written):
//
//   Tars and compression
//     packTar(entries: TarEntry[]): Promise<Buffer>
//         A tar built with tar-stream's `pack`. Every field defaults deterministically
//         (mtime 0, uid/gid 0, mode 0644 files / 0755 dirs) — never the wall clock.
//     layerTar(entries: TarEntry[]): Promise<Buffer>          alias of packTar, for layers
//     gzip(buf, level = 9): Buffer                            node:zlib, header MTIME 0, OS 3
//     zstdStored(buf): Buffer                                 a valid zstd frame of raw (stored)
//         blocks: no zstd encoder is installed, and raw blocks are enough to test sniffing
//     sha256(buf): string                                     `sha256:<hex>`
//
//   Images (a spec → bytes, shared by every writer below)
//     ImageSpec  { layers: LayerSpec[]; tags?: string[]; platform?: Platform;
//                  created?: string; labels?: Record<string,string> }
//     LayerSpec  { entries: TarEntry[]; compression?: 'none' | 'gzip' }
//     buildImage(spec): Promise<BuiltImage>
//         BuiltImage { config, configDigest, layers: BuiltLayer[], manifest, manifestDigest, spec }
//         BuiltLayer { tar, blob, diffId, digest, mediaType }   (blob = tar or gzip(tar))
//
//   Writers (`dir` is a directory you own, e.g. from tempDir(); each returns the path written)
//     writeDockerArchive(dir, name, images, opts?)   docker save < 25: manifest.json +
//         `<v1id>/layer.tar` + `<hex>.json` + repositories. opts:
//           style: 'docker' (default) | 'ggcr' (`<digest>.tar.gz` layers, `sha256:<hex>` config,
//                  no repositories) | 'docker25' (`blobs/sha256/…` + an OCI layout beside it)
//           symlinkSharedLayers: a layer already written for an earlier image becomes a
//                  symlink `<v1id>/layer.tar -> ../<first v1id>/layer.tar` (as docker save does)
//           layerSources: write go-containerregistry's LayerSources map
//           wrap: 'none' | 'gzip' | 'zstd' — compress the whole archive (`.tar.gz` à la Nix)
//     writeLegacyDockerArchive(dir, name, image, tag?)   repositories + `<id>/json` +
//         `<id>/layer.tar` only (docker < 1.10), v1 `parent` chain
//     writeOciLayoutDir(dir, name, images, opts?)  OCI layout directory
//     writeOciArchive(dir, name, images, opts?)    the same layout as a tar
//         images: (ImageSpec & { ref?: string })[]; opts.nested: put all manifests in one
//         nested index (ref `opts.indexRef`, default 'latest'), as multi-platform builds do
//     tempDir(): Promise<{ dir: string; cleanup(): Promise<void> }>
import { createHash } from 'node:crypto';
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { pack, type Header } from 'tar-stream';

export interface TarEntry {
  name: string;
  content?: string | Buffer;
  type?: 'file' | 'directory' | 'symlink' | 'link';
  linkname?: string;
  mode?: number;
  /** Seconds since the epoch (default 0). */
  mtime?: number;
  uid?: number;
  gid?: number;
  uname?: string;
  gname?: string;
}

export interface Platform {
  os: string;
  architecture: string;
  variant?: string;
}

export interface LayerSpec {
  entries: TarEntry[];
  compression?: 'none' | 'gzip';
}

export interface ImageSpec {
  layers: LayerSpec[];
  tags?: string[];
  platform?: Platform;
  created?: string;
  labels?: Record<string, string>;
  /** Annotations written into the image manifest. */
  manifestAnnotations?: Record<string, string>;
  /** Edit the config object before it is serialised (drop `history`, add fields…). */
  editConfig?: (config: Record<string, unknown>) => void;
  /** Replace a layer's stored bytes with another tar AFTER its digest and diffID were
   *  recorded: a layer mutated without changing its hash. */
  tamper?: { layer: number; entries: TarEntry[] };
}

export interface BuiltLayer {
  tar: Buffer;
  blob: Buffer;
  diffId: string;
  digest: string;
  mediaType: string;
}

export interface BuiltImage {
  spec: ImageSpec;
  config: Buffer;
  configDigest: string;
  layers: BuiltLayer[];
  /** The OCI manifest (used by OCI writers and docker25). */
  manifest: Buffer;
  manifestDigest: string;
}

export function sha256(buf: Buffer): string {
  return `sha256:${createHash('sha256').update(buf).digest('hex')}`;
}

function hex(d: string): string {
  return d.slice('sha256:'.length);
}

export async function packTar(entries: TarEntry[]): Promise<Buffer> {
  const p = pack();
  const done = (async () => {
    const parts: Buffer[] = [];
    for await (const c of p) parts.push(c as Buffer);
    return Buffer.concat(parts);
  })();
  for (const e of entries) {
    const type = e.type ?? 'file';
    const h: Partial<Header> & { name: string } = {
      name: e.name,
      type,
      mode: e.mode ?? (type === 'directory' ? 0o755 : 0o644),
      mtime: new Date((e.mtime ?? 0) * 1000),
      uid: e.uid ?? 0,
      gid: e.gid ?? 0,
      uname: e.uname ?? '',
      gname: e.gname ?? '',
    };
    if (e.linkname !== undefined) h.linkname = e.linkname;
    const body = type === 'file' ? Buffer.from(e.content ?? '') : undefined;
    await new Promise<void>((resolve, reject) => {
      const cb = (err?: unknown) => (err ? reject(err as Error) : resolve());
      if (body !== undefined) p.entry({ ...h, size: body.length }, body, cb);
      else p.entry(h, cb);
    });
  }
  p.finalize();
  return done;
}

export const layerTar = packTar;

export function gzip(buf: Buffer, level = 9): Buffer {
  return gzipSync(buf, { level });
}

/** A zstd frame holding `buf` in raw blocks (RFC 8878 §3.1.1): valid, just not compressed. */
export function zstdStored(buf: Buffer): Buffer {
  const BLOCK = 128 * 1024;
  // Frame header: magic, FHD 0x00 (no FCS, not single-segment, no checksum, no dict),
  // window descriptor 0x38 (exponent 7 → 2^17 = 128 KiB, the largest block size).
  const parts: Buffer[] = [Buffer.from([0x28, 0xb5, 0x2f, 0xfd, 0x00, 0x38])];
  let off = 0;
  do {
    const n = Math.min(BLOCK, buf.length - off);
    const last = off + n >= buf.length ? 1 : 0;
    const h = last | (0 << 1) | (n << 3); // Block_Type 0 = Raw
    parts.push(Buffer.from([h & 0xff, (h >> 8) & 0xff, (h >> 16) & 0xff]), buf.subarray(off, off + n));
    off += n;
  } while (off < buf.length);
  return Buffer.concat(parts);
}

export async function buildImage(spec: ImageSpec): Promise<BuiltImage> {
  const layers: BuiltLayer[] = [];
  for (const l of spec.layers) {
    const tar = await packTar(l.entries);
    const gz = l.compression === 'gzip';
    const blob = gz ? gzip(tar) : tar;
    layers.push({
      tar,
      blob,
      diffId: sha256(tar),
      digest: sha256(blob),
      mediaType: gz ? 'application/vnd.oci.image.layer.v1.tar+gzip' : 'application/vnd.oci.image.layer.v1.tar',
    });
  }
  const platform = spec.platform ?? { os: 'linux', architecture: 'amd64' };
  const created = spec.created ?? '1970-01-01T00:00:00Z';
  let config = Buffer.from(JSON.stringify({
    architecture: platform.architecture,
    os: platform.os,
    ...(platform.variant ? { variant: platform.variant } : {}),
    created,
    config: { Labels: spec.labels ?? {} },
    rootfs: { type: 'layers', diff_ids: layers.map((l) => l.diffId) },
    history: layers.map(() => ({ created, created_by: 'repcheck test builder' })),
  }));
  if (spec.editConfig) {
    const obj = JSON.parse(config.toString()) as Record<string, unknown>;
    spec.editConfig(obj);
    config = Buffer.from(JSON.stringify(obj));
  }
  if (spec.tamper) {
    const l = layers[spec.tamper.layer]!;
    const tar = await packTar(spec.tamper.entries);
    l.blob = l.blob === l.tar ? tar : gzip(tar);
    l.tar = tar;
  }
  const configDigest = sha256(config);
  const manifest = Buffer.from(JSON.stringify({
    schemaVersion: 2,
    mediaType: 'application/vnd.oci.image.manifest.v1+json',
    config: { mediaType: 'application/vnd.oci.image.config.v1+json', digest: configDigest, size: config.length },
    layers: layers.map((l) => ({ mediaType: l.mediaType, digest: l.digest, size: l.blob.length })),
    ...(spec.manifestAnnotations ? { annotations: spec.manifestAnnotations } : {}),
  }));
  return { spec, config, configDigest, layers, manifest, manifestDigest: sha256(manifest) };
}

export async function tempDir(): Promise<{ dir: string; cleanup(): Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'repcheck-test-'));
  return { dir, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

function wrapBytes(buf: Buffer, wrap: 'none' | 'gzip' | 'zstd' | undefined): Buffer {
  return wrap === 'gzip' ? gzip(buf) : wrap === 'zstd' ? zstdStored(buf) : buf;
}

export interface DockerArchiveOptions {
  style?: 'docker' | 'ggcr' | 'docker25';
  symlinkSharedLayers?: boolean;
  layerSources?: boolean;
  wrap?: 'none' | 'gzip' | 'zstd';
}

export async function writeDockerArchive(
  dir: string, name: string, specs: ImageSpec[], opts: DockerArchiveOptions = {},
): Promise<string> {
  const style = opts.style ?? 'docker';
  const entries: TarEntry[] = [];
  const written = new Map<string, string>(); // member name → written (dedupe blobs)
  const byBlob = new Map<string, string>(); // blob digest → first member holding it
  const manifest: Record<string, unknown>[] = [];
  const repositories: Record<string, Record<string, string>> = {};
  const built: BuiltImage[] = [];
  const add = (e: TarEntry): void => {
    if (written.has(e.name)) return;
    written.set(e.name, e.name);
    entries.push(e);
  };
  for (const [i, spec] of specs.entries()) {
    const im = await buildImage(spec);
    built.push(im);
    const layerNames: string[] = [];
    let parent = '';
    for (const [j, l] of im.layers.entries()) {
      let member: string;
      if (style === 'ggcr') {
        member = `${hex(l.digest)}${l.blob === l.tar ? '.tar' : '.tar.gz'}`;
        add({ name: member, content: l.blob });
      } else if (style === 'docker25') {
        member = `blobs/sha256/${hex(l.digest)}`;
        add({ name: member, content: l.blob });
      } else {
        // docker < 25: a v1 id per (image, layer) position, chained like docker's.
        const id = hex(sha256(Buffer.from(`${parent}|${l.diffId}|${i}|${j}`)));
        member = `${id}/layer.tar`;
        add({ name: `${id}/`, type: 'directory' });
        add({ name: `${id}/VERSION`, content: '1.0' });
        add({ name: `${id}/json`, content: JSON.stringify({ id, ...(parent ? { parent } : {}) }) });
        const first = byBlob.get(l.digest);
        if (first && opts.symlinkSharedLayers) add({ name: member, type: 'symlink', linkname: `../${first}` });
        else add({ name: member, content: l.blob });
        parent = id;
      }
      if (!byBlob.has(l.digest)) byBlob.set(l.digest, member);
      layerNames.push(member);
    }
    const cfgName = style === 'ggcr' ? im.configDigest : style === 'docker25' ? `blobs/sha256/${hex(im.configDigest)}` : `${hex(im.configDigest)}.json`;
    add({ name: cfgName, content: im.config });
    if (style === 'docker25') add({ name: `blobs/sha256/${hex(im.manifestDigest)}`, content: im.manifest });
    const entry: Record<string, unknown> = { Config: cfgName, RepoTags: spec.tags ?? null, Layers: layerNames };
    if (opts.layerSources) {
      entry['LayerSources'] = Object.fromEntries(im.layers.map((l) => [l.diffId, { mediaType: l.mediaType, size: l.blob.length, digest: l.digest }]));
    }
    manifest.push(entry);
    if (style === 'docker') {
      for (const t of spec.tags ?? []) {
        const k = t.lastIndexOf(':');
        (repositories[t.slice(0, k)] ??= {})[t.slice(k + 1)] = parent;
      }
    }
  }
  if (style === 'docker25') {
    add({ name: 'index.json', content: JSON.stringify({
      schemaVersion: 2,
      mediaType: 'application/vnd.oci.image.index.v1+json',
      manifests: built.map((im) => ({
        mediaType: 'application/vnd.oci.image.manifest.v1+json',
        digest: im.manifestDigest,
        size: im.manifest.length,
        ...(im.spec.tags?.[0] ? { annotations: { 'io.containerd.image.name': im.spec.tags[0], 'org.opencontainers.image.ref.name': im.spec.tags[0].split(':').pop() } } : {}),
      })),
    }) });
    add({ name: 'oci-layout', content: '{"imageLayoutVersion":"1.0.0"}' });
  }
  add({ name: 'manifest.json', content: JSON.stringify(manifest) });
  if (style === 'docker') add({ name: 'repositories', content: JSON.stringify(repositories) });
  const path = join(dir, name);
  await writeFile(path, wrapBytes(await packTar(entries), opts.wrap));
  return path;
}

/** The v1.0 layout only: repositories + `<id>/{VERSION,json,layer.tar}`, layers chained by `parent`. */
export async function writeLegacyDockerArchive(dir: string, name: string, spec: ImageSpec, tag = 'legacy/image:latest'): Promise<string> {
  const im = await buildImage(spec);
  const entries: TarEntry[] = [];
  let parent = '';
  const platform = spec.platform ?? { os: 'linux', architecture: 'amd64' };
  for (const [j, l] of im.layers.entries()) {
    const id = hex(sha256(Buffer.from(`legacy|${parent}|${l.diffId}|${j}`)));
    const v1 = {
      id,
      ...(parent ? { parent } : {}),
      created: spec.created ?? '1970-01-01T00:00:00Z',
      container_config: { Cmd: ['/bin/sh', '-c', `#(nop) layer ${j}`] },
      config: { Labels: spec.labels ?? {} },
      architecture: platform.architecture,
      os: platform.os,
    };
    // Written top layer first, as a shuffled order proves the reader follows `parent`.
    entries.unshift(
      { name: `${id}/`, type: 'directory' },
      { name: `${id}/VERSION`, content: '1.0' },
      { name: `${id}/json`, content: JSON.stringify(v1) },
      { name: `${id}/layer.tar`, content: l.tar },
    );
    parent = id;
  }
  const k = tag.lastIndexOf(':');
  entries.push({ name: 'repositories', content: JSON.stringify({ [tag.slice(0, k)]: { [tag.slice(k + 1)]: parent } }) });
  const path = join(dir, name);
  await writeFile(path, await packTar(entries));
  return path;
}

export interface OciOptions {
  nested?: boolean;
  indexRef?: string;
}

/** The files of an OCI layout (path → bytes), in a stable order. */
async function ociFiles(specs: (ImageSpec & { ref?: string })[], opts: OciOptions): Promise<[string, Buffer][]> {
  const blobs = new Map<string, Buffer>();
  const descs: Record<string, unknown>[] = [];
  for (const spec of specs) {
    const im = await buildImage(spec);
    blobs.set(im.configDigest, im.config);
    for (const l of im.layers) blobs.set(l.digest, l.blob);
    blobs.set(im.manifestDigest, im.manifest);
    descs.push({
      mediaType: 'application/vnd.oci.image.manifest.v1+json',
      digest: im.manifestDigest,
      size: im.manifest.length,
      platform: spec.platform ?? { os: 'linux', architecture: 'amd64' },
      ...(spec.ref && !opts.nested ? { annotations: { 'org.opencontainers.image.ref.name': spec.ref } } : {}),
    });
  }
  let top = descs;
  if (opts.nested) {
    const nested = Buffer.from(JSON.stringify({ schemaVersion: 2, mediaType: 'application/vnd.oci.image.index.v1+json', manifests: descs }));
    blobs.set(sha256(nested), nested);
    top = [{
      mediaType: 'application/vnd.oci.image.index.v1+json',
      digest: sha256(nested),
      size: nested.length,
      annotations: { 'org.opencontainers.image.ref.name': opts.indexRef ?? 'latest' },
    }];
  }
  const index = Buffer.from(JSON.stringify({ schemaVersion: 2, mediaType: 'application/vnd.oci.image.index.v1+json', manifests: top }));
  const files: [string, Buffer][] = [['oci-layout', Buffer.from('{"imageLayoutVersion":"1.0.0"}')], ['index.json', index]];
  for (const d of [...blobs.keys()].sort()) files.push([`blobs/sha256/${hex(d)}`, blobs.get(d)!]);
  return files;
}

export async function writeOciLayoutDir(dir: string, name: string, specs: (ImageSpec & { ref?: string })[], opts: OciOptions = {}): Promise<string> {
  const root = join(dir, name);
  await mkdir(join(root, 'blobs', 'sha256'), { recursive: true });
  for (const [p, b] of await ociFiles(specs, opts)) await writeFile(join(root, p), b);
  return root;
}

export async function writeOciArchive(
  dir: string, name: string, specs: (ImageSpec & { ref?: string })[], opts: OciOptions & { wrap?: 'none' | 'gzip' | 'zstd' } = {},
): Promise<string> {
  const entries: TarEntry[] = [{ name: 'blobs/', type: 'directory' }, { name: 'blobs/sha256/', type: 'directory' }];
  for (const [p, b] of await ociFiles(specs, opts)) entries.push({ name: p, content: b });
  const path = join(dir, name);
  await writeFile(path, wrapBytes(await packTar(entries), opts.wrap));
  return path;
}

/** A small two-file layer, distinct per `tag`. */
export function sampleLayer(tag: string, compression: 'none' | 'gzip' = 'none'): LayerSpec {
  return {
    compression,
    entries: [
      { name: 'etc/', type: 'directory' },
      { name: `etc/${tag}.conf`, content: `${tag}\n` },
      { name: 'bin/tool', content: `#!/bin/sh\necho ${tag}\n`, mode: 0o755 },
    ],
  };
}
