// Bad-input corpus, part 4: OCI archives and layout directories (index.json, descriptors,
// digests, blobs, nesting, symlinks and FIFOs in a layout), and digest mismatches that are
// findings (exit 1), not errors.
import { execFileSync } from 'node:child_process';
import { mkdirSync, symlinkSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { MT, descriptor, indexOf, json, ociManifest, sha256, sha256hex, validLayer } from './build.js';
import { runCase, type BadCase } from './harness.js';
import { BAD_DIGESTS, IMG, config, hasFinding, layer, manifestBlob, ociCase, ociDirCase } from './image-cases.js';

export const OCI_CASES: BadCase[] = [
  // ---- OCI ---------------------------------------------------------------------------------------
  ociCase({
    name: 'oci: index.json is null',
    parts: () => ({ index: null }),
    exit: 2, file: `${IMG}:index.json`, message: /expected a JSON object, got null/,
  }),
  ociCase({
    name: 'oci: "manifests" is an object',
    parts: () => ({ index: { schemaVersion: 2, manifests: {} } }),
    exit: 2, file: `${IMG}:index.json`, message: /"manifests" must be an array, got an object/,
  }),
  ociCase({
    name: 'oci: index.json is an image manifest',
    parts: () => ({ index: ociManifest(config, [layer]) }),
    exit: 2, file: `${IMG}:index.json`, message: /is an image manifest, not an image index/,
  }),
  ociCase({
    name: 'oci: index.json over a lowered --max-json-bytes',
    args: ['--max-json-bytes', '100'],
    parts: () => ({}),
    exit: 2, file: `${IMG}:index.json`, message: /exceeds the JSON document size limit of 100/,
  }),
  ...BAD_DIGESTS.map(([what, digest]) => ociCase({
    name: `oci: digest grammar violation in index.json (${what})`,
    parts: () => ({ index: indexOf([{ mediaType: MT.manifest, digest: what === 'not a string' ? 12345 : digest, size: 10 }]) }),
    exit: 2, file: `${IMG}:index.json`, message: /manifests\[0\] has an invalid digest .* \(expected sha256:<64 hex> or sha512:<128 hex>\)/,
  })),
  ociCase({
    name: 'oci: digest grammar violation in a manifest\'s layers (path traversal)',
    parts: () => {
      const m = ociManifest(config, [layer]);
      (m['layers'] as Record<string, unknown>[])[0]!['digest'] = 'sha256:../../../../etc/passwd';
      return { manifest: m };
    },
    exit: 2, message: /layers\[0\] has an invalid digest/,
  }),
  ociCase({
    name: 'oci: digest grammar violation in a manifest\'s config (upper case)',
    parts: () => {
      const m = ociManifest(config, [layer]);
      (m['config'] as Record<string, unknown>)['digest'] = sha256(config).toUpperCase();
      return { manifest: m };
    },
    exit: 2, message: /config has an invalid digest/,
  }),
  ociCase({
    name: 'oci: missing manifest blob',
    parts: () => ({ omit: [`blobs/sha256/${sha256hex(manifestBlob)}`] }),
    exit: 2, file: `${IMG}:blobs/sha256/${sha256hex(manifestBlob)}`, message: /missing blob sha256:[0-9a-f]{64} \(referenced by index.json\)/,
  }),
  ociCase({
    name: 'oci: missing layer blob',
    parts: () => ({ omit: [`blobs/sha256/${sha256hex(layer)}`] }),
    exit: 2, file: `${IMG}:blobs/sha256/${sha256hex(layer)}`, message: /missing blob/,
  }),
  ociCase({
    name: 'oci: config blob is a JSON array',
    parts: () => {
      const cfg = Buffer.from('[]');
      return { config: cfg, manifest: ociManifest(cfg, [layer]) };
    },
    exit: 2, message: /expected a JSON object, got an array/,
  }),
  ociCase({
    name: 'oci: manifest "layers" is not an array',
    parts: () => ({ manifest: { ...ociManifest(config, [layer]), layers: 'all of them' } }),
    exit: 2, message: /"layers" is missing or not an array/,
  }),
  ociCase({
    name: 'oci: a layer blob whose bytes do not match its digest is a finding (exit 1)',
    args: ['--format', 'json'],
    parts: () => ({ omit: [`blobs/sha256/${sha256hex(layer)}`], extra: [{ name: `blobs/sha256/${sha256hex(layer)}`, content: validLayer([{ name: 'tampered', content: 'x' }]) }] }),
    exit: 1, check: hasFinding('digest-mismatch'),
  }),
  ociCase({
    name: 'oci: a manifest blob whose bytes do not match its digest is a finding (exit 1)',
    args: ['--format', 'json'],
    parts: () => {
      const m = json({ ...ociManifest(config, [layer]), annotations: { tampered: 'yes' } });
      return {
        index: indexOf([descriptor(MT.manifest, manifestBlob)]),
        omit: [`blobs/sha256/${sha256hex(manifestBlob)}`],
        extra: [{ name: `blobs/sha256/${sha256hex(manifestBlob)}`, content: m }],
      };
    },
    exit: 1, check: hasFinding('digest-mismatch'),
  }),
  ociCase({
    name: 'oci: an index naming one manifest 20,000 times with distinct refs finishes (refs kept in sets)',
    timeoutMs: 60_000,
    args: ['--format', 'json'],
    parts: () => ({
      index: indexOf(Array.from({ length: 20_000 }, (_, i) => descriptor(MT.manifest, manifestBlob, { annotations: { 'org.opencontainers.image.ref.name': `t${i}` } }))),
    }),
    exit: [0, 1], message: /"t19999"/,
  }),
  ociCase({
    name: 'oci: index nesting deeper than --max-index-depth',
    args: ['--max-index-depth', '2'],
    parts: () => {
      const blobs: Buffer[] = [];
      let top = descriptor(MT.manifest, manifestBlob);
      for (let i = 0; i < 4; i++) {
        const idx = json(indexOf([top]));
        blobs.push(idx);
        top = descriptor(MT.index, idx);
      }
      return { index: indexOf([top]), blobs };
    },
    exit: 2, message: /exceeds the index nesting depth limit of 2 \(raise it with --max-index-depth\)/,
  }),
  ociCase({
    name: 'oci: a blob member that is a symlink out of the archive',
    parts: () => ({
      omit: [`blobs/sha256/${sha256hex(layer)}`],
      extra: [{ name: `blobs/sha256/${sha256hex(layer)}`, type: 'symlink', linkname: '../../../../../etc/passwd' }],
    }),
    exit: 2, message: /points outside the archive/,
  }),
  ociDirCase({
    name: 'oci layout dir: a blob symlinked outside the layout',
    parts: () => ({}),
    fix: (root) => {
      const p = join(root, 'blobs/sha256', sha256hex(layer));
      execFileSync('rm', [p]);
      symlinkSync('/etc/passwd', p);
    },
    exit: 2, file: `layout:blobs/sha256/${sha256hex(layer)}`, message: /symlink points outside the layout directory/,
  }),
  ociDirCase({
    name: 'oci layout dir: a blob symlink loop',
    parts: () => ({}),
    fix: (root) => {
      const p = join(root, 'blobs/sha256', sha256hex(layer));
      execFileSync('rm', [p]);
      symlinkSync('loop2', p);
      symlinkSync(sha256hex(layer), join(root, 'blobs/sha256/loop2'));
    },
    exit: 2, message: /symlink loop/,
  }),
  ociDirCase({
    name: 'oci layout dir: a blob that is a directory',
    parts: () => ({}),
    fix: (root) => {
      const p = join(root, 'blobs/sha256', sha256hex(layer));
      execFileSync('rm', [p]);
      mkdirSync(p);
    },
    exit: 2, message: /is a directory, expected a file/,
  }),
  ociDirCase({
    name: 'oci layout dir: a blob that is a FIFO is refused, not opened (no hang)',
    parts: () => ({}),
    timeoutMs: 20_000,
    fix: (root) => {
      const p = join(root, 'blobs/sha256', sha256hex(layer));
      execFileSync('rm', [p]);
      execFileSync('mkfifo', [p]);
    },
    exit: 2, message: /is not a regular file/,
  }),
  ociDirCase({
    name: 'oci layout dir: index.json symlinked outside the layout',
    parts: () => ({}),
    fix: (root) => {
      execFileSync('rm', [join(root, 'index.json')]);
      symlinkSync(resolve(root, '..', '..', 'home'), join(root, 'index.json'));
    },
    exit: 2, message: /symlink points outside the layout directory/,
  }),
];

describe('bad input: OCI structure (built CLI)', () => {
  it('has distinct case names', () => {
    assert.equal(new Set(OCI_CASES.map((c) => c.name)).size, OCI_CASES.length);
  });
  for (const c of OCI_CASES) it(c.name, async () => void (await runCase(c)));
});
