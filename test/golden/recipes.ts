// Inputs for the golden cases, built in code with deterministic bytes (no clocks).
// Real-tool images live in test/fixtures/real and are reached as `real/…` from the cases.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipWithHeader } from '../helpers/gzip-writer.js';
import { buildDiffRecipes } from './diff-recipes.js';
import { layerTar, writeDockerArchive, writeOciLayoutDir, type ImageSpec, type TarEntry } from '../helpers/images.js';

/** SOURCE_DATE_EPOCH used across the golden cases: 2023-11-14T22:13:20Z. */
export const EPOCH = 1700000000;
const CREATED = '2023-11-14T22:13:20Z';

function tree(mtime = EPOCH): TarEntry[] {
  return [
    { name: 'app/', type: 'directory', mtime },
    { name: 'app/config.ini', content: 'port=8080\n', mtime },
    { name: 'app/server.sh', content: '#!/bin/sh\necho hi\n', mode: 0o755, mtime },
  ];
}

function clean(extra: Partial<ImageSpec> = {}): ImageSpec {
  return {
    layers: [{ entries: tree(), compression: 'gzip' }, { entries: [{ name: 'etc/', type: 'directory', mtime: EPOCH }, { name: 'etc/motd', content: 'hello\n', mtime: EPOCH }], compression: 'gzip' }],
    tags: ['example/app:1.0'],
    created: CREATED,
    ...extra,
  };
}

type Recipe = (dir: string) => Promise<unknown>;

export const RECIPES: Record<string, Recipe> = {
  // A clean two-layer image: every rule stays silent on it.
  'clean.tar': (d) => writeDockerArchive(d, 'clean.tar', [clean()], { style: 'ggcr' }),
  // A config without `history`: registries answer MANIFEST_INVALID on push.
  'no-history.tar': (d) => writeDockerArchive(d, 'no-history.tar', [clean({ editConfig: (c) => { delete c.history; } })], { style: 'ggcr' }),
  // history lists one layer, the image has two.
  'history-count.tar': (d) =>
    writeDockerArchive(d, 'history-count.tar', [clean({ editConfig: (c) => { c.history = [{ created: CREATED, created_by: 'one layer only' }]; } })], { style: 'ggcr' }),
  // Uppercase in the repository part: `docker load` says "repository name must be lowercase".
  'upper-repo.tar': (d) => writeDockerArchive(d, 'upper-repo.tar', [clean({ tags: ['Example/App:latest'] })], { style: 'ggcr' }),
  // Uppercase in the tag is legal.
  'upper-tag.tar': (d) => writeDockerArchive(d, 'upper-tag.tar', [clean({ tags: ['example/app:Latest-RC1'] })], { style: 'ggcr' }),
  // Layer 1's bytes replaced after its digest and diffID were recorded.
  'tampered.tar': (d) =>
    writeDockerArchive(d, 'tampered.tar', [clean({ tamper: { layer: 1, entries: [{ name: 'etc/motd', content: 'HACKED\n', mtime: EPOCH }] } })], { style: 'ggcr' }),
  // The same paths in two layers: one identical (wasted bytes), one overwritten.
  'shadow.tar': (d) =>
    writeDockerArchive(d, 'shadow.tar', [{
      layers: [
        { entries: [...tree(), { name: 'etc/motd', content: 'v1\n', mtime: EPOCH }], compression: 'gzip' },
        { entries: [{ name: 'app/config.ini', content: 'port=8080\n', mtime: EPOCH }, { name: 'etc/motd', content: 'v2\n', mtime: EPOCH }], compression: 'gzip' },
      ],
      tags: ['example/shadow:1.0'],
      created: CREATED,
    }], { style: 'ggcr' }),
  // An OCI layout with two platforms, for --platform.
  'multi-oci': (d) =>
    writeOciLayoutDir(d, 'multi-oci', [
      { ...clean({ platform: { os: 'linux', architecture: 'amd64' } }), ref: 'amd' },
      { ...clean({ platform: { os: 'linux', architecture: 'arm64' } }), ref: 'arm' },
    ]),
  // A bare gzip layer whose header carries Go's zero time (a constant, not a clock).
  'go-zero-time.tar.gz': async (d) => writeFile(join(d, 'go-zero-time.tar.gz'), gzipWithHeader(await layerTar(tree()), { mtime: 2288912640, os: 255 })),
  // Not an image at all.
  'notes.txt': (d) => writeFile(join(d, 'notes.txt'), 'just some text, not a tar\n'),
  'empty': (d) => writeFile(join(d, 'empty'), ''),
};

export async function buildRecipes(dir: string): Promise<void> {
  for (const [, make] of Object.entries(RECIPES)) await make(dir);
  await buildDiffRecipes(dir);
}
