// ONE conformance suite run against every flavour: built in code (every writer in
// test/helpers/images.ts, every wrapper) and the real third-party fixtures.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { join } from 'node:path';
import { DEFAULT_LIMITS } from '../../src/model/limits.js';
import type { Flavour } from '../../src/model/types.js';
import { openInput } from '../../src/sources/index.js';
import { fixture, sharedFixtures, SKIP_SHARED } from '../helpers/paths.js';
import {
  gzip, layerTar, sampleLayer, tempDir, writeDockerArchive, writeLegacyDockerArchive, writeOciArchive,
  writeOciLayoutDir, zstdStored, type ImageSpec,
} from '../helpers/images.js';
import { writeFile } from 'node:fs/promises';
import { checkInput, type ConformanceOptions } from './conformance.js';

const limits = DEFAULT_LIMITS;

const two: ImageSpec[] = [
  { tags: ['example.com/a:1'], layers: [sampleLayer('base'), sampleLayer('app', 'gzip')] },
  { tags: ['example.com/b:1', 'example.com/b:latest'], layers: [sampleLayer('base'), sampleLayer('other')] },
];
const multiArch: (ImageSpec & { ref?: string })[] = [
  { ref: 'amd', platform: { os: 'linux', architecture: 'amd64' }, layers: [sampleLayer('amd64', 'gzip')] },
  { ref: 'arm', platform: { os: 'linux', architecture: 'arm', variant: 'v7' }, layers: [sampleLayer('armv7', 'gzip')] },
];

interface Built {
  name: string;
  make(dir: string): Promise<string>;
  flavour: Flavour;
  wrapper?: 'none' | 'gzip' | 'zstd';
  images: number;
}

const BUILT: Built[] = [
  { name: 'docker-archive (docker < 25)', flavour: 'docker-archive', images: 2, make: (d) => writeDockerArchive(d, 'docker.tar', two) },
  { name: 'docker-archive, symlinked shared layer', flavour: 'docker-archive', images: 2,
    make: (d) => writeDockerArchive(d, 'link.tar', two, { symlinkSharedLayers: true }) },
  { name: 'docker-archive, go-containerregistry style + LayerSources', flavour: 'docker-archive', images: 2,
    make: (d) => writeDockerArchive(d, 'ggcr.tar', two, { style: 'ggcr', layerSources: true }) },
  { name: 'docker-archive, docker ≥ 25 (with OCI layout)', flavour: 'docker-archive', images: 2,
    make: (d) => writeDockerArchive(d, 'd25.tar', two, { style: 'docker25' }) },
  { name: 'docker-archive, gzip-wrapped', flavour: 'docker-archive', wrapper: 'gzip', images: 2,
    make: (d) => writeDockerArchive(d, 'docker.tar.gz', two, { wrap: 'gzip', symlinkSharedLayers: true }) },
  { name: 'docker-archive, zstd-wrapped', flavour: 'docker-archive', wrapper: 'zstd', images: 2,
    make: (d) => writeDockerArchive(d, 'docker.tar.zst', two, { wrap: 'zstd', style: 'docker25' }) },
  { name: 'docker-archive-legacy', flavour: 'docker-archive-legacy', images: 1,
    make: (d) => writeLegacyDockerArchive(d, 'legacy.tar', { layers: [sampleLayer('a'), sampleLayer('b'), sampleLayer('c')] }) },
  { name: 'oci-layout dir', flavour: 'oci-layout', images: 2, make: (d) => writeOciLayoutDir(d, 'layout', multiArch) },
  { name: 'oci-layout dir, nested index', flavour: 'oci-layout', images: 2,
    make: (d) => writeOciLayoutDir(d, 'nested', multiArch, { nested: true }) },
  { name: 'oci-archive', flavour: 'oci-archive', images: 2, make: (d) => writeOciArchive(d, 'oci.tar', multiArch) },
  { name: 'oci-archive, nested, gzip-wrapped', flavour: 'oci-archive', wrapper: 'gzip', images: 2,
    make: (d) => writeOciArchive(d, 'oci.tar.gz', multiArch, { nested: true, wrap: 'gzip' }) },
  { name: 'bare layer tar', flavour: 'layer', images: 1,
    make: async (d) => { const p = join(d, 'layer.tar'); await writeFile(p, await layerTar(sampleLayer('x').entries)); return p; } },
  { name: 'bare layer tar.gz', flavour: 'layer', images: 1,
    make: async (d) => { const p = join(d, 'layer.tgz'); await writeFile(p, gzip(await layerTar(sampleLayer('x').entries))); return p; } },
  { name: 'bare layer tar.zst', flavour: 'layer', images: 1,
    make: async (d) => { const p = join(d, 'layer.tzst'); await writeFile(p, zstdStored(await layerTar(sampleLayer('x').entries))); return p; } },
];

describe('conformance: built in code', () => {
  let tmp: { dir: string; cleanup(): Promise<void> };
  before(async () => { tmp = await tempDir(); });
  after(async () => { await tmp.cleanup(); });
  for (const b of BUILT) {
    it(b.name, async () => {
      const path = await b.make(tmp.dir);
      const input = await openInput(path, { limits, label: `built/${b.name}` });
      assert.equal(input.flavour, b.flavour);
      assert.equal(input.wrapper, b.wrapper ?? 'none');
      assert.equal(input.images.length, b.images);
      assert.equal(input.label, `built/${b.name}`);
      await checkInput(input);
    });
  }
});

/** Real images that must pass the suite (broken fixtures are in fixtures.test.ts). */
const SHARED: [string, ConformanceOptions?][] = [
  ['containers-image/docker/archive/fixtures/almostempty.tar'],
  ['dive/data/test-docker-image.tar'],
  ['dive/data/test-kaniko-image.tar'],
  ['dive/data/test-oci-estargz-image.tar'],
  ['dive/data/test-oci-gzip-image.tar'],
  ['dive/data/test-oci-uncompressed-image.tar'],
  ['dive/data/test-oci-zstd-image.tar'],
  ['dive/data/test-gzip-image.tar'],
  ['go-containerregistry/pkg/crane/testdata/content.tar.zst'],
  ['go-containerregistry/pkg/v1/mutate/testdata/overwritten_file.tar'],
  ['go-containerregistry/pkg/v1/mutate/testdata/source_image.tar'],
  // Its config is named 6e0b0504….json but hashes to 05b5ec12… (PROVENANCE §1.2).
  ['go-containerregistry/pkg/v1/mutate/testdata/source_image_with_empty_layer_history.tar',
    { knownNameMismatch: ['6e0b05049ed9c17d02e1a55e80d6599dbfcce7f4f4b022e3c673e685789c470e.json'] }],
  ['go-containerregistry/pkg/v1/mutate/testdata/whiteout_dir.tar'],
  ['go-containerregistry/pkg/v1/mutate/testdata/whiteout_image.tar'],
  ['go-containerregistry/pkg/v1/tarball/testdata/content.tar'],
  ['go-containerregistry/pkg/v1/tarball/testdata/hello-world-v25.tar'],
  ['go-containerregistry/pkg/v1/tarball/testdata/no_manifest.tar'],
  // LayerSources of image 0 declares the gzip blob (sha256:321460fa…, as in test_index) while the
  // archive stores the uncompressed tar: a compression-only difference, not corruption.
  ['go-containerregistry/pkg/v1/tarball/testdata/test_bundle.tar',
    { knownDeclaredMismatch: ['8e17bd53a9cb6d38a0c7d21e8a0f943449f494aa0c3de2425a3dd9be8844a19b/layer.tar'] }],
  ['go-containerregistry/pkg/v1/tarball/testdata/test_image_1.tar'],
  ['go-containerregistry/pkg/v1/tarball/testdata/test_link.tar'],
  ['go-containerregistry/pr-889/pkg/v1/tarball/testdata/foreign.tar'],
  ['go-containerregistry/pr-578/pkg/v1/tarball/testdata/test_image_1.tar.gz'],
  ['go-containerregistry/pr-1858/pkg/v1/tarball/testdata/test_image_1.tar.gz'],
  ['go-containerregistry/pkg/v1/layout/testdata/test_index'],
  ['regclient/testdata/layer.tar'],
  ['regclient/testdata/layer-wh.tar'],
  ['regclient/testdata/testrepo'],
  ['container-diff/util/testTars/la-croix1.tar'],
  ['container-diff/util/testTars/la-croix3.tar'],
  ['container-diff/util/testTars/la-croix-update.tar'],
  ['container-diff/util/testTars/la-croix-wh.tar'],
  ['stereoscope/pkg/image/oci/testdata/valid-oci.tar'],
  ['stereoscope/pkg/image/oci/testdata/valid_oci_dir'],
  ['stereoscope/pkg/image/oci/testdata/multiplatform_oci_dir'],
  ['trivy/pkg/fanal/test/testdata/alpine-310.tar.gz'],
  ['trivy/pkg/fanal/test/testdata/alpine-311.tar.gz'],
  ['trivy/pkg/fanal/test/testdata/test.oci'],
  // "Layers" are text labelled tar+gzip, and manifest 0dc27f36… declares config size 585 for
  // a 584-byte blob (PROVENANCE §5): digests still agree.
  ['containers-image/oci/layout/fixtures/delete_image_multiple_images',
    { skipLayerContent: true, knownSizeMismatch: ['blobs/sha256/913cf3a39d377faf89ed388ad913a318a390488c9f34c46e43424795cdabffe8'] }],
  ['containers-image/oci/layout/fixtures/delete_image_two_identical_references', { skipLayerContent: true }],
];

describe('conformance: shared third-party fixtures', { skip: SKIP_SHARED }, () => {
  for (const [rel, o] of SHARED) {
    it(rel, async () => {
      const input = await openInput(join(sharedFixtures!, rel), { limits, label: rel });
      await checkInput(input, o);
    });
  }
});

const REAL = [
  'buildah-naive.tar', 'buildah-ts.tar', 'buildah-ts.oci.tar', 'umoci-docker.tar', 'umoci-docker.tar.gz',
  'umoci.oci.tar', 'umoci-zstd.oci.tar', 'umoci-insert.oci.tar', 'oci-umoci', 'layer-dup.tar', 'layer-repro.tar.gz',
];

describe('conformance: repo fixtures made with real tools (test/fixtures/real)', () => {
  for (const rel of REAL) {
    it(rel, async (t) => {
      const path = fixture(join('real', rel));
      const { existsSync } = await import('node:fs');
      if (!existsSync(path)) return t.skip(`${rel} not present`);
      await checkInput(await openInput(path, { limits, label: rel }));
    });
  }
});
