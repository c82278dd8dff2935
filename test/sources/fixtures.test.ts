// openInput over EVERY image in the shared third-party fixtures (PROVENANCE.md): the good ones
// open with the right flavour, wrapper, image count and platforms; the broken ones (§11) fail
// with an InputError naming the file and saying why. A meta-test fails when a fixture appears
// that this table does not cover.
import assert from 'node:assert/strict';
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, it } from 'node:test';
import { InputError } from '../../src/errors.js';
import { DEFAULT_LIMITS } from '../../src/model/limits.js';
import type { Flavour, OpenedInput } from '../../src/model/types.js';
import { openInput, platformString } from '../../src/sources/index.js';
import { sharedFixtures, SKIP_SHARED } from '../helpers/paths.js';

interface Good {
  rel: string;
  flavour: Flavour;
  wrapper?: 'gzip' | 'zstd';
  platforms: (string | null)[];
  check?: (input: OpenedInput) => void | Promise<void>;
}
interface Bad {
  rel: string;
  /** InputError.file, relative to the label (`''` = the input itself). */
  member: string;
  reason: RegExp;
}

const L = 'linux/amd64';
const GOOD: Good[] = [
  ...['la-croix-update', 'la-croix-wh', 'la-croix1', 'la-croix3'].map((n) => ({
    rel: `container-diff/util/testTars/${n}.tar`, flavour: 'layer' as const, platforms: [null],
  })),
  { rel: 'containers-image/docker/archive/fixtures/almostempty.tar', flavour: 'docker-archive', platforms: [L],
    check: (i) => assert.deepEqual(i.images[0]!.refSources, [
      { ref: 'emptyimage:latest', where: 'manifest.json RepoTags' }, { ref: 'emptyimage:latest', where: 'repositories' },
    ]) },
  { rel: 'dive/data/test-docker-image.tar', flavour: 'docker-archive', platforms: [L],
    check: (i) => {
      assert.equal(i.images[0]!.layers.length, 14);
      // v1 layer ids are not digests.
      assert.ok(i.images[0]!.layers.every((l) => l.blob.nameDigest === null));
    } },
  { rel: 'dive/data/test-gzip-image.tar', flavour: 'layer', platforms: [null] },
  { rel: 'dive/data/test-kaniko-image.tar', flavour: 'docker-archive', platforms: [L],
    check: (i) => {
      const im = i.images[0]!;
      assert.equal(im.layers.length, 14);
      // `<digest>.tar.gz` names the stored blob; the config is named `sha256:<hex>`.
      assert.ok(im.layers.every((l) => l.blob.nameDigest === `sha256:${l.blob.location.slice(0, 64)}`));
      assert.equal(im.blobs[0]!.nameDigest, im.blobs[0]!.location);
    } },
  ...['estargz', 'gzip', 'uncompressed', 'zstd'].map((k) => ({
    rel: `dive/data/test-oci-${k}-image.tar`, flavour: 'oci-archive' as const, platforms: ['linux/arm64'],
    check: (i: OpenedInput) => {
      assert.ok(i.images[0]!.manifest, 'manifest attached');
      assert.equal(i.images[0]!.layers.length, 1);
    },
  })),
  { rel: 'go-containerregistry/pkg/crane/testdata/content.tar.zst', flavour: 'layer', platforms: [null],
    check: async (i) => {
      // A compressed bare layer's Layer is the file as stored: the scanner must see zstd.
      const parts: Buffer[] = [];
      for await (const c of await i.images[0]!.layers[0]!.open()) parts.push(Buffer.from(c));
      assert.equal(Buffer.concat(parts).readUInt32LE(0), 0xfd2fb528);
    } },
  { rel: 'go-containerregistry/pkg/v1/mutate/testdata/overwritten_file.tar', flavour: 'docker-archive', platforms: [L] },
  { rel: 'go-containerregistry/pkg/v1/mutate/testdata/source_image.tar', flavour: 'docker-archive', platforms: [L] },
  { rel: 'go-containerregistry/pkg/v1/mutate/testdata/source_image_with_empty_layer_history.tar', flavour: 'docker-archive', platforms: [L],
    check: (i) => {
      const cfg = i.images[0]!.blobs[0]!;
      assert.equal(cfg.nameDigest, 'sha256:6e0b05049ed9c17d02e1a55e80d6599dbfcce7f4f4b022e3c673e685789c470e');
      assert.match(cfg.actualDigest!, /^sha256:05b5ec12/);
    } },
  { rel: 'go-containerregistry/pkg/v1/mutate/testdata/whiteout_dir.tar', flavour: 'docker-archive', platforms: [L] },
  { rel: 'go-containerregistry/pkg/v1/mutate/testdata/whiteout_image.tar', flavour: 'docker-archive', platforms: [L] },
  { rel: 'go-containerregistry/pkg/v1/tarball/testdata/content.tar', flavour: 'layer', platforms: [null] },
  // index.json has "manifests": null, but manifest.json names a valid image: it opens through
  // manifest.json, and the empty index is noted.
  { rel: 'go-containerregistry/pkg/v1/tarball/testdata/hello-world-v25.tar', flavour: 'docker-archive', platforms: ['linux/arm64'],
    check: (i) => {
      assert.deepEqual(i.images[0]!.refs, []);
      assert.ok(i.notes.some((n) => n.code === 'oci-index-empty'));
      assert.equal(i.images[0]!.layers[0]!.mediaType, 'application/vnd.oci.image.layer.v1.tar', 'from LayerSources');
    } },
  { rel: 'go-containerregistry/pkg/v1/tarball/testdata/no_manifest.tar', flavour: 'docker-archive-legacy', platforms: [L],
    check: (i) => {
      assert.deepEqual(i.images[0]!.refs, ['bazel/v1/tarball:test_image']);
      assert.equal(i.images[0]!.layers[0]!.diffId, null);
      assert.ok(i.notes.some((n) => n.code === 'legacy-v1-config'));
    } },
  { rel: 'go-containerregistry/pkg/v1/tarball/testdata/test_bundle.tar', flavour: 'docker-archive', platforms: [L, L],
    check: (i) => assert.deepEqual(i.images.map((im) => im.refs.length), [1, 1]) },
  { rel: 'go-containerregistry/pkg/v1/tarball/testdata/test_image_1.tar', flavour: 'docker-archive', platforms: [L] },
  { rel: 'go-containerregistry/pkg/v1/tarball/testdata/test_link.tar', flavour: 'docker-archive', platforms: [L, L],
    check: async (i) => {
      // b159…/layer.tar is a symlink to ../6e77…/layer.tar: both images see the same bytes.
      const linked = i.images[1]!.layers[0]!;
      assert.match(linked.blob.location, /^b159278a.*\/layer\.tar$/);
      assert.equal(linked.blob.actualSize, 10240);
      const read = async (l: typeof linked) => { const p: Buffer[] = []; for await (const c of await l.open()) p.push(Buffer.from(c)); return Buffer.concat(p); };
      assert.ok((await read(linked)).equals(await read(i.images[0]!.layers[0]!)));
    } },
  { rel: 'go-containerregistry/pr-889/pkg/v1/tarball/testdata/foreign.tar', flavour: 'docker-archive', platforms: [null],
    check: (i) => {
      const l = i.images[0]!.layers[1]!;
      assert.equal(l.mediaType, 'application/vnd.docker.image.rootfs.foreign.diff.tar.gzip');
      assert.equal(l.blob.declaredDigest, 'sha256:015b6ec6d1bc15e26c868d36ef75577c7a0405609ea9abc028b69204b56e7325');
    } },
  { rel: 'go-containerregistry/pr-578/pkg/v1/tarball/testdata/test_image_1.tar.gz', flavour: 'docker-archive', wrapper: 'gzip', platforms: [L] },
  { rel: 'go-containerregistry/pr-1858/pkg/v1/tarball/testdata/test_image_1.tar.gz', flavour: 'docker-archive', wrapper: 'gzip', platforms: [L] },
  { rel: 'regclient/testdata/layer-wh.tar', flavour: 'layer', platforms: [null] },
  { rel: 'regclient/testdata/layer.tar', flavour: 'layer', platforms: [null] },
  { rel: 'stereoscope/pkg/image/oci/testdata/valid-oci.tar', flavour: 'oci-archive', platforms: [L],
    check: (i) => assert.deepEqual(i.images[0]!.refs, ['sample:latest']) },
  { rel: 'trivy/pkg/fanal/test/testdata/alpine-310.tar.gz', flavour: 'docker-archive', wrapper: 'gzip', platforms: [L],
    check: (i) => assert.deepEqual(i.images[0]!.refs, ['alpine:3.10']) },
  { rel: 'trivy/pkg/fanal/test/testdata/alpine-311.tar.gz', flavour: 'docker-archive', wrapper: 'gzip', platforms: [L] },
  { rel: 'containers-image/oci/layout/fixtures/delete_image_multiple_images', flavour: 'oci-layout',
    platforms: [L, 'linux/386', L, L, 'linux/386', L] },
  { rel: 'containers-image/oci/layout/fixtures/delete_image_two_identical_references', flavour: 'oci-layout', platforms: [L, L],
    check: (i) => assert.deepEqual(i.images.map((im) => im.refs), [['1.0.0'], ['1.0.0']]) },
  // Four refs: a Docker v2s2 manifest, an odd descriptor media type, a nested index and a
  // Docker manifest list; two distinct manifests.
  { rel: 'go-containerregistry/pkg/v1/layout/testdata/test_index', flavour: 'oci-layout', platforms: [L, L],
    check: (i) => assert.deepEqual(i.images.map((im) => im.refs), [['1', '3', '4'], ['2']]) },
  { rel: 'regclient/testdata/testrepo', flavour: 'oci-layout',
    platforms: [
      ...Array(3).fill([L, 'linux/arm64', 'linux/arm/v7', 'linux/arm/v6']).flat(),
      L, 'linux/arm64', L, 'linux/arm64', 'linux/arm/v7', L, 'linux/arm64', 'linux/arm/v7', 'linux/arm/v6',
    ],
    check: (i) => {
      assert.ok(i.notes.some((n) => n.code === 'oci-index-loop'), 'the loop index is noted');
      assert.ok(i.notes.some((n) => n.code === 'oci-skipped-attestation'));
      assert.ok(i.notes.some((n) => n.code === 'oci-skipped-artifact'));
      const refs = new Set(i.images.flatMap((im) => im.refs));
      for (const r of ['b1', 'b2', 'b3', 'v1', 'v2', 'v3']) assert.ok(refs.has(r), r);
      assert.ok(!refs.has('a1') && !refs.has('loop'), 'artifacts are not images');
    } },
  { rel: 'stereoscope/pkg/image/oci/testdata/multiplatform_oci_dir', flavour: 'oci-layout', platforms: [L, 'linux/arm64'],
    check: (i) => assert.deepEqual(i.images[0]!.refs, ['latest', 'docker.io/library/multi-platform:latest']) },
  { rel: 'stereoscope/pkg/image/oci/testdata/valid_oci_dir', flavour: 'oci-layout', platforms: [L],
    check: (i) => assert.deepEqual(i.images[0]!.refs, ['latest', '1.0']) },
  { rel: 'trivy/pkg/fanal/test/testdata/test.oci', flavour: 'oci-layout', platforms: [L] },
];

const NOT_IMAGE = /^not a container image or layer tar \(expected docker-archive, OCI layout, oci-archive or a layer tar\)$/;
const BAD: Bad[] = [
  { rel: 'go-containerregistry/pkg/v1/tarball/testdata/null_manifest.tar', member: 'manifest.json', reason: /^expected a JSON array of images, got null$/ },
  { rel: 'go-containerregistry/pr-889/pkg/v1/tarball/testdata/sparse_foreign.tar',
    member: '015b6ec6d1bc15e26c868d36ef75577c7a0405609ea9abc028b69204b56e7325.tar.gz', reason: /^missing layer 1 of image 0/ },
  { rel: 'skopeo/systemtest/testdata/docker-two-images.tar.xz', member: '',
    reason: /^xz-compressed input is not supported; decompress it first \(xz -d\)$/ },
  { rel: 'stereoscope/pkg/image/oci/testdata/valid_manifest',
    member: 'blobs/sha256/f67dcc5fc786f04f0743abfe0ee5dae9bd8caf8efa6c8144f7f2a43889dc513b', reason: /is empty \(0 bytes\) but its descriptor declares 424 bytes/ },
  { rel: 'stereoscope/pkg/image/oci/testdata/invalid_file', member: 'index.json', reason: /^empty file, expected JSON$/ },
  { rel: 'stereoscope/pkg/image/oci/testdata/no_manifests', member: 'index.json', reason: /^is an image manifest, not an image index/ },
  { rel: 'trivy/pkg/fanal/test/testdata/test_bad_index_json.oci', member: 'index.json', reason: /^invalid JSON \(/ },
  { rel: 'trivy/pkg/fanal/test/testdata/test_index_json_dir.oci', member: 'index.json', reason: /^is a directory, expected a file$/ },
  { rel: 'trivy/pkg/fanal/test/testdata/test_index_json_dir.oci/test_bad_index_json.oci', member: 'index.json', reason: /^invalid JSON \(/ },
  { rel: 'trivy/pkg/fanal/test/testdata/test_invalid_oci_image.oci',
    member: 'blobs/sha256/bad744871f99e0ff8e6f253244836ed34c5d805fdb096d3a205ffaf5e9073cab',
    reason: /^missing blob sha256:bad744871f99e0ff8e6f253244836ed34c5d805fdb096d3a205ffaf5e9073cab/ },
  // The manifest lives in shared_blobs/, outside blobs/: a strict reader does not find it.
  { rel: 'containers-image/oci/layout/fixtures/delete_image_shared_blobs_dir',
    member: 'blobs/sha256/eaa95f3cfaac07c8a5153eb77c933269586ad0226c83405776be08547e4d2a18', reason: /^missing blob sha256:eaa95f3c/ },
  // Compression samples: not images at all.
  { rel: 'containers-image/pkg/compression/fixtures/Hello.xz', member: '', reason: /^xz-compressed input is not supported/ },
  { rel: 'containers-image/pkg/compression/fixtures/Hello.bz2', member: '', reason: /^bzip2-compressed input is not supported; decompress it first \(bzip2 -d\)$/ },
  { rel: 'containers-image/pkg/compression/fixtures/Hello.gz', member: '', reason: /^gzip-compressed, but what it holds is not a tar/ },
  { rel: 'containers-image/pkg/compression/fixtures/Hello.zst', member: '', reason: /^zstd-compressed, but what it holds is not a tar/ },
  { rel: 'containers-image/pkg/compression/fixtures/Hello.uncompressed', member: '', reason: NOT_IMAGE },
];

const limits = DEFAULT_LIMITS;

describe('every shared fixture', { skip: SKIP_SHARED }, () => {
  for (const g of GOOD) {
    it(`opens ${g.rel}`, async () => {
      const input = await openInput(join(sharedFixtures!, g.rel), { limits, label: g.rel });
      assert.equal(input.label, g.rel);
      assert.equal(input.flavour, g.flavour);
      assert.equal(input.wrapper, g.wrapper ?? 'none');
      assert.deepEqual(input.images.map((im) => platformString(im.platform)), g.platforms);
      await g.check?.(input);
    });
  }
  for (const b of BAD) {
    it(`refuses ${b.rel}`, async () => {
      await assert.rejects(openInput(join(sharedFixtures!, b.rel), { limits, label: b.rel }), (err: unknown) => {
        assert.ok(err instanceof InputError, `InputError, got ${String(err)}`);
        assert.equal(err.file, b.member ? `${b.rel}:${b.member}` : b.rel);
        assert.match(err.reason, b.reason);
        assert.ok(!/\n\s+at /.test(err.message), 'no stack in the message');
        return true;
      });
    });
  }

  it('the table covers every image-like input in the fixtures', () => {
    const root = sharedFixtures!;
    const found: string[] = [];
    const isLayout = (d: string) => {
      const names = readdirSync(d);
      return names.includes('index.json') || names.includes('oci-layout');
    };
    const walk = (d: string): void => {
      if (isLayout(d)) found.push(relative(root, d));
      for (const n of readdirSync(d)) {
        const p = join(d, n);
        if (statSync(p).isDirectory()) {
          // Inside a layout only nested layouts count (trivy's test_index_json_dir.oci).
          if (!isLayout(d) || isLayout(p)) walk(p);
        } else if (!isLayout(d) && !/\.(json|md)$/.test(n)) {
          found.push(relative(root, p));
        }
      }
    };
    walk(root);
    const covered = new Set([...GOOD.map((g) => g.rel), ...BAD.map((b) => b.rel)]);
    assert.deepEqual(found.filter((f) => !covered.has(f)).sort(), []);
    assert.ok(found.length >= 50, `walked ${found.length} inputs`);
  });
});
