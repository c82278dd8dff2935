// openInput: sniffing by content, refusing what must not be read, and the errors it gives.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { InputError, LimitError } from '../../src/errors.js';
import { DEFAULT_LIMITS } from '../../src/model/limits.js';
import type { OpenedInput } from '../../src/model/types.js';
import { openInput } from '../../src/sources/index.js';
import {
  buildImage, gzip, layerTar, packTar, sampleLayer, sha256, tempDir, writeDockerArchive, writeLegacyDockerArchive,
  writeOciArchive, zstdStored,
} from '../helpers/images.js';

const limits = DEFAULT_LIMITS;

async function readAll(src: AsyncIterable<Buffer>): Promise<Buffer> {
  const parts: Buffer[] = [];
  // Layer chunks are transient (Layer.open: the reader reuses its buffers): copied.
  for await (const c of src) parts.push(Buffer.from(c));
  return Buffer.concat(parts);
}

async function rejectsInput(p: Promise<unknown>, file: string, reason: RegExp, cls: typeof InputError = InputError): Promise<void> {
  await assert.rejects(p, (err: unknown) => {
    assert.ok(err instanceof cls, `${cls.name} expected, got ${String(err)}`);
    assert.equal((err as InputError).file, file);
    assert.match((err as InputError).reason, reason);
    return true;
  });
}

describe('openInput', () => {
  let tmp: { dir: string; cleanup(): Promise<void> };
  before(async () => { tmp = await tempDir(); });
  after(() => tmp.cleanup());
  const at = (n: string) => join(tmp.dir, n);

  it('a missing path', async () => {
    await rejectsInput(openInput(at('nope.tar'), { limits, label: 'nope.tar' }), 'nope.tar', /^no such file or directory$/);
  });

  it('refuses /dev/zero without reading it', { skip: !existsSync('/dev/zero') }, async () => {
    await rejectsInput(openInput('/dev/zero', { limits }), '/dev/zero', /is a device/);
  });

  it('refuses a FIFO without opening it (would block)', async (t) => {
    const fifo = at('pipe');
    try {
      execFileSync('mkfifo', [fifo]);
    } catch {
      return t.skip('mkfifo not available');
    }
    await rejectsInput(openInput(fifo, { limits, label: 'pipe' }), 'pipe', /named pipe \(FIFO\)/);
  });

  it('an empty file / a text file / gzip of text', async () => {
    await writeFile(at('empty'), '');
    await rejectsInput(openInput(at('empty'), { limits, label: 'empty' }), 'empty', /^is empty; not a container image/);
    await writeFile(at('text'), 'hello world\n'.repeat(100));
    await rejectsInput(openInput(at('text'), { limits, label: 'text' }), 'text',
      /^not a container image or layer tar \(expected docker-archive, OCI layout, oci-archive or a layer tar\)$/);
    await writeFile(at('text.gz'), gzip(Buffer.from('hello world\n'.repeat(100))));
    await rejectsInput(openInput(at('text.gz'), { limits, label: 'text.gz' }), 'text.gz', /^gzip-compressed, but what it holds is not a tar/);
  });

  it('corrupt gzip is an InputError naming the label', async () => {
    const good = gzip(await layerTar(sampleLayer('x').entries));
    await writeFile(at('trunc.gz'), good.subarray(0, good.length - 30));
    await rejectsInput(openInput(at('trunc.gz'), { limits, label: 'trunc.gz' }), 'trunc.gz', /corrupt gzip data|unexpected end/);
  });

  it('a directory that is not a layout, with a hint for an unpacked docker save', async () => {
    await mkdir(at('plain'));
    await rejectsInput(openInput(at('plain'), { limits, label: 'plain' }), 'plain', /^directory is not an OCI image layout/);
    await mkdir(at('unpacked'));
    await writeFile(at('unpacked/manifest.json'), '[]');
    await rejectsInput(openInput(at('unpacked'), { limits, label: 'unpacked' }), 'unpacked', /unpacked docker save/);
  });

  it('files are picked by content, not by name', async () => {
    // A docker archive named like a layer, and a layer named like an OCI archive.
    const a = await writeDockerArchive(tmp.dir, 'looks-like.layer.tar.gz', [{ tags: ['x:1'], layers: [sampleLayer('a')] }]);
    assert.equal((await openInput(a, { limits })).flavour, 'docker-archive');
    await writeFile(at('image.oci.tar'), await layerTar(sampleLayer('b').entries));
    assert.equal((await openInput(at('image.oci.tar'), { limits })).flavour, 'layer');
  });

  it('a bare layer: one image, one layer, the file bytes as stored', async () => {
    const tar = await layerTar(sampleLayer('l').entries);
    for (const [name, bytes] of [['l.tar', tar], ['l.tgz', gzip(tar)], ['l.tzst', zstdStored(tar)]] as const) {
      await writeFile(at(name), bytes);
      const input = await openInput(at(name), { limits, label: name });
      assert.equal(input.flavour, 'layer');
      assert.equal(input.wrapper, 'none');
      assert.equal(input.images.length, 1);
      const im = input.images[0]!;
      assert.equal(im.manifest, null);
      assert.equal(im.config, null);
      assert.equal(im.layers.length, 1);
      assert.equal(im.layers[0]!.blob.actualSize, bytes.length);
      assert.ok((await readAll(await im.layers[0]!.open())).equals(bytes), `${name}: stored bytes`);
    }
  });

  it('a gzip-wrapped archive: wrapper gzip, layers come out of the re-streamed archive', async () => {
    const spec = { tags: ['w:1'], layers: [sampleLayer('a'), sampleLayer('b', 'gzip')] };
    const built = await buildImage(spec);
    const p = await writeDockerArchive(tmp.dir, 'w.tar.gz', [spec], { wrap: 'gzip' });
    const input = await openInput(p, { limits, label: 'w.tar.gz' });
    assert.equal(input.wrapper, 'gzip');
    const layers = input.images[0]!.layers;
    for (const [i, l] of layers.entries()) {
      assert.equal(sha256(await readAll(await l.open())), built.layers[i]!.digest);
    }
    // Early exit from a stream does not break the next open.
    for await (const _ of await layers[0]!.open()) break;
    assert.equal(sha256(await readAll(await layers[1]!.open())), built.layers[1]!.digest);
  });

  it('docker ≥ 25: manifest.json lists the images, the OCI layout supplies Image.manifest', async () => {
    const p = await writeDockerArchive(tmp.dir, 'd25.tar', [{ tags: ['d:25'], layers: [sampleLayer('a', 'gzip')] }], { style: 'docker25' });
    const input = await openInput(p, { limits });
    const im = input.images[0]!;
    assert.ok(im.manifest);
    assert.equal(im.refs[0], 'd:25');
    assert.deepEqual(im.blobs.map((b) => b.role), ['manifest', 'config']);
    assert.equal(im.layers[0]!.mediaType, 'application/vnd.oci.image.layer.v1.tar+gzip');
    assert.equal(im.layers[0]!.blob.nameDigest, im.layers[0]!.blob.declaredDigest);
  });

  it('docker-archive-legacy: layers ordered by the parent chain, not by tar order', async () => {
    const spec = { layers: [sampleLayer('one'), sampleLayer('two'), sampleLayer('three')] };
    const built = await buildImage(spec);
    const p = await writeLegacyDockerArchive(tmp.dir, 'legacy.tar', spec, 'old/img:v1');
    const input = await openInput(p, { limits, label: 'legacy.tar' });
    assert.equal(input.flavour, 'docker-archive-legacy');
    const im = input.images[0]!;
    assert.deepEqual(im.refs, ['old/img:v1']);
    assert.deepEqual(im.refSources, [{ ref: 'old/img:v1', where: 'repositories' }]);
    for (const [i, l] of im.layers.entries()) {
      assert.equal(l.diffId, null);
      assert.equal(l.blob.nameDigest, null, 'a v1 id is not a digest');
      assert.equal(sha256(await readAll(await l.open())), built.layers[i]!.diffId, `layer ${i} in chain order`);
    }
    const history = im.config!.parsed['history'] as { created_by: string }[];
    assert.deepEqual(history.map((h) => h.created_by), [0, 1, 2].map((j) => `/bin/sh -c #(nop) layer ${j}`));
  });

  it('manifest.json problems name manifest.json', async () => {
    const mk = async (name: string, manifest: string) => {
      const p = at(name);
      await writeFile(p, await packTar([{ name: 'manifest.json', content: manifest }]));
      return openInput(p, { limits, label: name });
    };
    await rejectsInput(mk('a.tar', '[]'), 'a.tar:manifest.json', /^no images found/);
    await rejectsInput(mk('b.tar', '{"Config":1}'), 'b.tar:manifest.json', /^expected a JSON array of images, got an object$/);
    await rejectsInput(mk('c.tar', '[{"Config":"","RepoTags":[],"Layers":[]}]'), 'c.tar:manifest.json', /^image 0 has no "Config"$/);
    await rejectsInput(mk('d.tar', '[{"Config":"c.json","Layers":[]}]'), 'd.tar:c.json', /^missing config of image 0/);
    await rejectsInput(mk('e.tar', '[{not json'), 'e.tar:manifest.json', /^invalid JSON \(.*\)$/);
  });

  it('a config that is not a JSON object', async () => {
    const p = at('cfg.tar');
    await writeFile(p, await packTar([
      { name: 'c.json', content: '[1,2]' },
      { name: 'manifest.json', content: '[{"Config":"c.json","RepoTags":null,"Layers":[]}]' },
    ]));
    await rejectsInput(openInput(p, { limits, label: 'cfg.tar' }), 'cfg.tar:c.json', /^expected a JSON object, got an array$/);
  });

  it('JSON larger than --max-json-bytes is a LimitError naming the flag', async () => {
    const p = await writeDockerArchive(tmp.dir, 'big.tar', [{ tags: ['b:1'], layers: [sampleLayer('a')] }]);
    await assert.rejects(openInput(p, { limits: { ...limits, maxJsonBytes: 64 }, label: 'big.tar' }), (err: unknown) => {
      assert.ok(err instanceof LimitError);
      assert.match(err.message, /^big\.tar:manifest\.json: exceeds the JSON document size limit of 64 \(raise it with --max-json-bytes\)$/);
      return true;
    });
  });

  it('a wrapped archive that inflates past --max-layer-bytes is a LimitError', async () => {
    const p = await writeDockerArchive(tmp.dir, 'bomb.tar.gz', [{ tags: ['b:1'], layers: [sampleLayer('a')] }], { wrap: 'gzip' });
    await assert.rejects(openInput(p, { limits: { ...limits, maxLayerBytes: 4096 }, label: 'bomb.tar.gz' }), (err: unknown) => {
      assert.ok(err instanceof LimitError);
      assert.equal(err.file, 'bomb.tar.gz');
      assert.match(err.reason, /--max-layer-bytes/);
      return true;
    });
  });

  it('a corrupt tar header is an InputError with an offset', async () => {
    const tar = await layerTar(sampleLayer('c').entries);
    tar[512 * 3 + 148] ^= 0x01; // break the third entry's header checksum (dir, file+data, here)
    await writeFile(at('corrupt.tar'), tar);
    await assert.rejects(openInput(at('corrupt.tar'), { limits, label: 'corrupt.tar' }), (err: unknown) => {
      assert.ok(err instanceof InputError);
      assert.equal(err.file, 'corrupt.tar');
      assert.equal(typeof err.offset, 'number');
      return true;
    });
  });

  it('no message carries the temp path (labels only)', async () => {
    const p = at('x.tar');
    await writeFile(p, await packTar([{ name: 'manifest.json', content: 'null' }]));
    await assert.rejects(openInput(p, { limits, label: 'x.tar' }), (err: unknown) => {
      assert.ok(!(err as Error).message.includes(tmp.dir));
      return true;
    });
  });

  it('an oci-archive gzip-wrapped with a nested index', async () => {
    const p = await writeOciArchive(tmp.dir, 'n.tar.gz', [
      { platform: { os: 'linux', architecture: 'amd64' }, layers: [sampleLayer('a', 'gzip')] },
      { platform: { os: 'linux', architecture: 'arm64' }, layers: [sampleLayer('b', 'gzip')] },
    ], { nested: true, indexRef: 'multi', wrap: 'gzip' });
    const input: OpenedInput = await openInput(p, { limits, label: 'n.tar.gz' });
    assert.equal(input.flavour, 'oci-archive');
    assert.equal(input.wrapper, 'gzip');
    assert.deepEqual(input.images.map((im) => im.refs), [['multi'], ['multi']]);
    assert.deepEqual(input.images.map((im) => im.refSources[0]!.where), ['index.json org.opencontainers.image.ref.name', 'index.json org.opencontainers.image.ref.name']);
  });
});
