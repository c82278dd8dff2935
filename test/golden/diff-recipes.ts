// Pairs for the diff golden cases, built in code: each pair differs in one known way.
// `d-<kind>.a.*` / `d-<kind>.b.*`. Real-tool pairs live in test/fixtures/real/pairs.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipWithHeader } from '../helpers/gzip-writer.js';
import { writeDockerArchive, writeOciLayoutDir, type ImageSpec, type TarEntry } from '../helpers/images.js';
import { makeTar, type TarEntrySpec } from '../helpers/tar-writer.js';

const E = 1700000000;

function base(): TarEntrySpec[] {
  return [
    { name: 'app/', type: 'dir', mode: 0o755, mtime: E },
    { name: 'app/a.txt', content: 'alpha\nbeta\n', mode: 0o644, mtime: E },
    { name: 'app/b.sh', content: '#!/bin/sh\necho b\n', mode: 0o755, mtime: E },
    { name: 'app/c.txt', content: 'gamma\n', mode: 0o644, mtime: E },
    { name: 'app/link', type: 'symlink', linkname: 'a.txt', mode: 0o777, mtime: E },
  ];
}

const edit = (f: (e: TarEntrySpec) => TarEntrySpec | TarEntrySpec[]) => base().flatMap(f);

/** Layer-level pairs: [a entries, b entries, format a, format b]. */
const LAYERS: Record<string, [TarEntrySpec[], TarEntrySpec[]]> = {
  'entry-mtime': [base(), edit((e) => ({ ...e, mtime: E + 3600 }))],
  'entry-owner': [base(), edit((e) => ({ ...e, uid: 1000, gid: 1000, uname: 'builder', gname: 'builder' }))],
  'entry-mode': [base(), edit((e) => (e.mode === 0o644 ? { ...e, mode: 0o664 } : e))],
  'entry-content': [base(), edit((e) => (e.name === 'app/a.txt' ? { ...e, content: 'alpha\nbuilt 2026-11-28 10:00:00 in /tmp/build.x1\n' } : e))],
  'entry-type': [base(), edit((e) => (e.name === 'app/c.txt' ? { name: 'app/c.txt', type: 'symlink', linkname: 'a.txt', mode: 0o777, mtime: E } : e))],
  'entry-link': [base(), edit((e) => (e.name === 'app/link' ? { ...e, linkname: 'c.txt' } : e))],
  'entry-set': [base(), [...base(), { name: 'app/d.txt', content: 'delta\n', mode: 0o644, mtime: E }]],
  'entry-order': [base(), [base()[0]!, ...base().slice(1).reverse()]],
  'entry-pax': [
    edit((e) => ({ ...e, pax: { atime: String(E + 1) } })),
    edit((e) => ({ ...e, pax: { atime: String(E + 99) } })),
  ],
  'entry-xattrs': [
    edit((e) => ({ ...e, pax: { 'SCHILY.xattr.user.origin': 'ci' } })),
    edit((e) => ({ ...e, pax: { 'SCHILY.xattr.user.origin': 'laptop' } })),
  ],
  'tar-format': [base(), edit((e) => ({ ...e, format: 'gnu' }))],
};

/** Compression pairs over one tar: gzip header/stream settings per side. */
type Gz = Parameters<typeof gzipWithHeader>[1];
const GZIP: Record<string, [Gz, Gz]> = {
  'gzip-mtime': [{ mtime: 0 }, { mtime: E }],
  'gzip-name': [{}, { name: 'layer.tar' }],
  'gzip-os': [{ os: 3 }, { os: 255 }],
  'gzip-header': [{}, { comment: 'built by ci' }],
  'compression-level': [{ xfl: 2, level: 9 }, { xfl: 4, level: 1 }],
  compressor: [{ level: 9 }, { level: 1 }],
};

function img(layers: TarEntry[][], extra: Partial<ImageSpec> = {}): ImageSpec {
  return {
    layers: layers.map((entries) => ({ entries, compression: 'gzip' as const })),
    tags: ['example/app:1.0'],
    created: '2023-11-14T22:13:20Z',
    ...extra,
  };
}

const L1: TarEntry[] = [{ name: 'etc/', type: 'directory', mtime: E }, { name: 'etc/os-release', content: 'ID=example\n', mtime: E }];
const L2: TarEntry[] = [{ name: 'app/', type: 'directory', mtime: E }, { name: 'app/run', content: '#!/bin/sh\n', mode: 0o755, mtime: E }];
const L3: TarEntry[] = [{ name: 'srv/', type: 'directory', mtime: E }, { name: 'srv/data', content: 'data\n', mtime: E }];

/** Image-level pairs. */
const IMAGES: Record<string, [ImageSpec, ImageSpec]> = {
  'layer-order': [img([L1, L2]), img([L2, L1])],
  'layer-set': [img([L1, L2]), img([L1, L2, L3])],
  'config-created': [img([L1]), img([L1], { created: '2026-11-28T10:00:00Z', editConfig: (c) => { c.history = [{ created: '2023-11-14T22:13:20Z', created_by: 'repcheck test builder' }]; } })],
  'history-created': [img([L1]), img([L1], { editConfig: (c) => { c.history = [{ created: '2026-11-28T10:00:00Z', created_by: 'repcheck test builder' }]; } })],
  'history-other': [img([L1]), img([L1], { editConfig: (c) => { c.history = [{ created: '2023-11-14T22:13:20Z', created_by: 'COPY . /app # rebuilt' }]; } })],
  'config-other': [img([L1], { labels: { build: '1' } }), img([L1], { labels: { build: '2' } })],
  'image-ref': [img([L1]), img([L1], { tags: ['example/app:1.1'] })],
};

export async function buildDiffRecipes(dir: string): Promise<void> {
  for (const [kind, [a, b]] of Object.entries(LAYERS)) {
    await writeFile(join(dir, `d-${kind}.a.tar`), makeTar(a));
    await writeFile(join(dir, `d-${kind}.b.tar`), makeTar(b));
  }
  const tar = makeTar(base());
  for (const [kind, [a, b]] of Object.entries(GZIP)) {
    await writeFile(join(dir, `d-${kind}.a.tar.gz`), gzipWithHeader(tar, a));
    await writeFile(join(dir, `d-${kind}.b.tar.gz`), gzipWithHeader(tar, b));
  }
  // The same tar stored uncompressed and gzip-compressed.
  await writeFile(join(dir, 'd-layer-compression.a.tar'), tar);
  await writeFile(join(dir, 'd-layer-compression.b.tar.gz'), gzipWithHeader(tar, {}));
  for (const [kind, [a, b]] of Object.entries(IMAGES)) {
    await writeDockerArchive(dir, `d-${kind}.a.tar`, [a], { style: 'ggcr' });
    await writeDockerArchive(dir, `d-${kind}.b.tar`, [b], { style: 'ggcr' });
  }
  // Manifest annotations exist only in OCI layouts.
  await writeOciLayoutDir(dir, 'd-manifest-other.a', [{ ...img([L1], { manifestAnnotations: { 'org.opencontainers.image.revision': 'abc' } }), ref: 'v1' }]);
  await writeOciLayoutDir(dir, 'd-manifest-other.b', [{ ...img([L1], { manifestAnnotations: { 'org.opencontainers.image.revision': 'def' } }), ref: 'v1' }]);
  // The same image twice, as a docker-archive and as an OCI layout: equivalent.
  await writeDockerArchive(dir, 'd-same.docker.tar', [img([L1, L2])], { style: 'ggcr' });
  await writeOciLayoutDir(dir, 'd-same.oci', [{ ...img([L1, L2]), ref: '1.0' }]);
}
