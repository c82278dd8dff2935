// Bad-input corpus, part 3: docker-archive structure (manifest.json, configs, layer members,
// in-archive symlinks and hardlinks, repositories, the legacy v1 layout), and findings that are
// findings (exit 1), not errors.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { makeTar, type TarEntrySpec } from '../helpers/tar-writer.js';
import { CONFIG_NAME, configFor, layerName, validLayer } from './build.js';
import { runCase, type BadCase } from './harness.js';
import { IMG, dockerCase, hasFinding, layer } from './image-cases.js';

export const DOCKER_CASES: BadCase[] = [
  // ---- manifest.json ---------------------------------------------------------------------------
  dockerCase({
    name: 'docker: manifest.json is null',
    parts: () => ({ manifest: null }),
    exit: 2, file: `${IMG}:manifest.json`, message: /expected a JSON array of images, got null/,
  }),
  dockerCase({
    name: 'docker: manifest.json is an object, not an array',
    parts: () => ({ manifest: { Config: CONFIG_NAME, Layers: [layerName(0)] } }),
    exit: 2, file: `${IMG}:manifest.json`, message: /expected a JSON array of images, got an object/,
  }),
  dockerCase({
    name: 'docker: manifest.json is not JSON',
    parts: () => ({ manifest: Buffer.from('[{"Config": "config.json", ') }),
    exit: 2, file: `${IMG}:manifest.json`, message: /invalid JSON/,
  }),
  dockerCase({
    name: 'docker: manifest.json is an empty file',
    parts: () => ({ manifest: Buffer.alloc(0) }),
    exit: 2, file: `${IMG}:manifest.json`, message: /empty file, expected JSON/,
  }),
  dockerCase({
    name: 'docker: Layers holds numbers',
    parts: () => ({ manifest: [{ Config: CONFIG_NAME, Layers: [1, 2] }] }),
    exit: 2, file: `${IMG}:manifest.json`, message: /image 0 has no valid "Layers" list/,
  }),
  dockerCase({
    name: 'docker: Config is a number',
    parts: () => ({ manifest: [{ Config: 7, Layers: [layerName(0)] }] }),
    exit: 2, file: `${IMG}:manifest.json`, message: /image 0 has no "Config"/,
  }),
  dockerCase({
    name: 'docker: deeply nested arrays in manifest.json (beyond the nesting bound)',
    parts: () => ({ manifest: Buffer.from('['.repeat(100_000) + ']'.repeat(100_000)) }),
    exit: 2, file: `${IMG}:manifest.json`, message: /invalid JSON \(nested deeper than 512 levels\)/,
  }),
  dockerCase({
    name: 'docker: manifest.json over a lowered --max-json-bytes',
    args: ['--max-json-bytes', '64'],
    parts: () => ({}),
    exit: 2, file: `${IMG}:manifest.json`, message: /exceeds the JSON document size limit of 64 \(raise it with --max-json-bytes\)/,
  }),
  dockerCase({
    name: 'docker: manifest.json is a directory',
    parts: () => ({ omit: ['manifest.json'], extra: [{ name: 'manifest.json/', type: 'dir' }] }),
    exit: 2, file: `${IMG}:manifest.json`, message: /is a directory, expected a file/,
  }),
  dockerCase({
    name: 'docker: manifest.json is a symlink out of the archive (relative)',
    parts: () => ({ omit: ['manifest.json'], extra: [{ name: 'manifest.json', type: 'symlink', linkname: '../../../../etc/passwd' }] }),
    exit: 2, file: `${IMG}:manifest.json`, message: /points outside the archive/,
  }),
  dockerCase({
    name: 'docker: manifest.json is a symlink to an absolute path',
    parts: () => ({ omit: ['manifest.json'], extra: [{ name: 'manifest.json', type: 'symlink', linkname: '/etc/passwd' }] }),
    exit: 2, file: `${IMG}:manifest.json`, message: /points outside the archive \(absolute target\)/,
  }),
  dockerCase({
    name: 'docker: manifest.json symlink loop',
    parts: () => ({
      omit: ['manifest.json'],
      extra: [{ name: 'manifest.json', type: 'symlink', linkname: 'a' }, { name: 'a', type: 'symlink', linkname: 'manifest.json' }],
    }),
    exit: 2, file: `${IMG}:manifest.json`, message: /symlink loop/,
  }),
  // ---- members named by manifest.json ------------------------------------------------------------
  dockerCase({
    name: 'docker: a Layers entry climbing out of the archive',
    parts: () => ({ manifest: [{ Config: CONFIG_NAME, Layers: ['../../../../etc/passwd'] }] }),
    exit: 2, file: `${IMG}:../../../../etc/passwd`, message: /points outside the archive/,
  }),
  dockerCase({
    name: 'docker: an absolute Config resolves inside the archive only',
    parts: () => ({ manifest: [{ Config: '/etc/passwd', Layers: [layerName(0)] }] }),
    exit: 2, file: `${IMG}:etc/passwd`, message: /missing config of image 0/,
  }),
  dockerCase({
    name: 'docker: a layer symlink chain longer than --max-symlink-hops',
    args: ['--max-symlink-hops', '3'],
    parts: () => ({
      manifest: [{ Config: CONFIG_NAME, Layers: ['s0'] }],
      extra: [0, 1, 2, 3, 4].map((i): TarEntrySpec => ({ name: `s${i}`, type: 'symlink', linkname: i < 4 ? `s${i + 1}` : layerName(0) })),
    }),
    exit: 2, file: `${IMG}:s0`, message: /exceeds the symlink hops limit of 3 \(raise it with --max-symlink-hops\)/,
  }),
  dockerCase({
    name: 'docker: a layer member that is a symlink out of the archive',
    parts: () => ({ omit: [layerName(0)], extra: [{ name: layerName(0), type: 'symlink', linkname: '../../../etc/passwd' }] }),
    exit: 2, file: `${IMG}:${layerName(0)}`, message: /points outside the archive/,
  }),
  dockerCase({
    name: 'docker: a layer member that is a hardlink out of the archive',
    parts: () => ({ omit: [layerName(0)], extra: [{ name: layerName(0), type: 'hardlink', linkname: '../outside/layer.tar' }] }),
    exit: 2, file: `${IMG}:${layerName(0)}`, message: /points outside the archive/,
  }),
  dockerCase({
    name: 'docker: a layer symlink loop',
    parts: () => ({
      omit: [layerName(0)],
      extra: [{ name: layerName(0), type: 'symlink', linkname: '../l1/layer.tar' }, { name: 'l1/layer.tar', type: 'symlink', linkname: '../l0/layer.tar' }],
    }),
    exit: 2, file: `${IMG}:${layerName(0)}`, message: /symlink loop/,
  }),
  dockerCase({
    name: 'docker: deduplicated layer symlink inside the archive (valid) is followed',
    args: ['--format', 'json'],
    parts: () => ({
      manifest: [{ Config: CONFIG_NAME, Layers: ['dup/layer.tar'] }],
      extra: [{ name: 'dup/layer.tar', type: 'symlink', linkname: `../${layerName(0)}` }],
    }),
    exit: [0, 1], message: /"flavour": "docker-archive"/,
  }),
  dockerCase({
    name: 'docker: a layer member that is a directory',
    parts: () => ({ omit: [layerName(0)], extra: [{ name: `${layerName(0)}/`, type: 'dir' }] }),
    exit: 2, file: `${IMG}:${layerName(0)}`, message: /is a directory, expected a file/,
  }),
  dockerCase({
    name: 'docker: missing layer member',
    parts: () => ({ omit: [layerName(0)] }),
    exit: 2, file: `${IMG}:${layerName(0)}`, message: /missing layer 0 of image 0/,
  }),
  dockerCase({
    name: 'docker: missing config member',
    parts: () => ({ omit: [CONFIG_NAME] }),
    exit: 2, file: `${IMG}:${CONFIG_NAME}`, message: /missing config of image 0/,
  }),
  dockerCase({
    name: 'docker: config is a JSON array',
    parts: () => ({ config: Buffer.from('[1,2,3]') }),
    exit: 2, file: `${IMG}:${CONFIG_NAME}`, message: /expected a JSON object, got an array/,
  }),
  dockerCase({
    name: 'docker: config is null',
    parts: () => ({ config: Buffer.from('null') }),
    exit: 2, file: `${IMG}:${CONFIG_NAME}`, message: /expected a JSON object, got null/,
  }),
  dockerCase({
    name: 'docker: config with numbers as strings and diff_ids as numbers is read, not fatal',
    args: ['--format', 'json'],
    parts: () => ({ config: configFor([layer], (c) => { c['created'] = 12345; (c['rootfs'] as Record<string, unknown>)['diff_ids'] = [42]; }) }),
    exit: [0, 1], message: /"flavour": "docker-archive"/,
  }),
  dockerCase({
    name: 'docker: layer empty (0 bytes)',
    parts: () => ({ layers: [Buffer.alloc(0)] }),
    exit: 2, file: `${IMG}:${layerName(0)}`, message: /layer 0 of image 0 is empty \(0 bytes\), not a tar/,
  }),
  dockerCase({
    name: 'docker: a corrupt layer inside a valid archive names the member and the offset',
    parts: () => ({ layers: [validLayer([{ name: 'x', content: 'x' }]).subarray(0, 1536 + 100)] }),
    exit: 2, file: `${IMG}:${layerName(0)}`, message: /tar truncated inside a header block/, offset: 1536,
  }),
  dockerCase({
    name: 'docker: a layer whose second header is corrupt (the scan stops mid-stream, then exits)',
    parts: () => {
      const l = Buffer.from(validLayer([{ name: 'big', content: Buffer.alloc(300_000, 0x61) }, { name: 'z', content: 'z' }]));
      l[512 + 100] = 0x39; // a '9' in the second header's mode: invalid octal, checksum left stale
      return { layers: [l] };
    },
    exit: 2, file: `${IMG}:${layerName(0)}`, message: /tar header checksum mismatch|invalid octal/, offset: 512,
  }),
  dockerCase({
    name: 'docker: diff_id mismatch is a finding (exit 1), not an error',
    args: ['--format', 'json'],
    parts: () => ({ config: configFor([validLayer([{ name: 'other', content: 'x' }])]) }),
    exit: 1, check: hasFinding('digest-mismatch'),
  }),
  dockerCase({
    name: 'docker: member names with terminal escapes and bidi overrides are escaped in the error line',
    parts: () => ({ manifest: [{ Config: CONFIG_NAME, Layers: ['\u001b]0;pwned\u0007\u202eevil.tar'] }] }),
    exit: 2, message: /\\x1b\]0;pwned\\x07\\u\{202e\}evil\.tar: missing layer 0 of image 0/,
  }),
  dockerCase({
    name: 'docker: manifest.json naming more layers in all than the fixed bound',
    parts: () => ({ manifest: [{ Config: CONFIG_NAME, Layers: Array.from({ length: 100_001 }, () => layerName(0)) }] }),
    exit: 2, file: `${IMG}:manifest.json`, message: /its images name more than 100000 layers in all/,
  }),
  dockerCase({
    name: 'docker: 20,000 images sharing one config and layer: read once, not once per image',
    timeoutMs: 60_000,
    parts: () => ({ manifest: Array.from({ length: 20_000 }, (_, i) => ({ Config: CONFIG_NAME, RepoTags: [`x/y:${i}`], Layers: [layerName(0)] })) }),
    args: ['--format', 'json', '--image', '19999'],
    exit: [0, 1], message: /"refs": \[\s+"x\/y:19999"/,
  }),
  dockerCase({
    name: 'docker: repositories tagging a top layer that 5,000 images share (refs x images) is bounded',
    timeoutMs: 60_000,
    parts: () => ({
      manifest: Array.from({ length: 5000 }, (_, i) => ({ Config: CONFIG_NAME, RepoTags: [`x/y:${i}`], Layers: [layerName(0)] })),
      extra: [{ name: 'repositories', content: JSON.stringify({ 'x/y': Object.fromEntries(Array.from({ length: 5000 }, (_, i) => [String(i), 'l0'])) }) }],
    }),
    exit: 2, file: `${IMG}:repositories`, message: /attaches more than 100000 references/,
  }),
  {
    name: 'docker-legacy: a v1 parent chain that loops',
    exit: 2, message: /the v1 parent chain loops/,
    build: ({ dir }) => {
      const a = 'a'.repeat(64);
      const b = 'b'.repeat(64);
      writeFileSync(join(dir, IMG), makeTar([
        { name: 'repositories', content: JSON.stringify({ 'x/y': { latest: a } }) },
        { name: `${a}/json`, content: JSON.stringify({ id: a, parent: b }) },
        { name: `${a}/layer.tar`, content: layer },
        { name: `${b}/json`, content: JSON.stringify({ id: b, parent: a }) },
        { name: `${b}/layer.tar`, content: layer },
      ]));
      return [IMG];
    },
  },
];

describe('bad input: docker-archive structure (built CLI)', () => {
  it('has distinct case names', () => {
    assert.equal(new Set(DOCKER_CASES.map((c) => c.name)).size, DOCKER_CASES.length);
  });
  for (const c of DOCKER_CASES) it(c.name, async () => void (await runCase(c)));
});
