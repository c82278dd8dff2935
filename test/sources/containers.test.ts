// Containers and the OCI walker under hostile or odd input: paths that try to leave the input,
// links that loop, digests that are not digests, indexes nested too deep or in a cycle.
import assert from 'node:assert/strict';
import { mkdir, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { InputError, LimitError } from '../../src/errors.js';
import { DEFAULT_LIMITS } from '../../src/model/limits.js';
import { DirContainer } from '../../src/sources/dir-container.js';
import { nameDigest, parseDigest } from '../../src/sources/digest.js';
import { openInput } from '../../src/sources/index.js';
import { TarFileContainer } from '../../src/sources/tar-container.js';
import { CompressedTarContainer } from '../../src/sources/compressed-tar-container.js';
import { gzip, packTar, sha256, tempDir, writeOciLayoutDir, sampleLayer, type TarEntry } from '../helpers/images.js';

const limits = DEFAULT_LIMITS;

async function readAll(src: AsyncIterable<Buffer>): Promise<Buffer> {
  const parts: Buffer[] = [];
  // Layer chunks are transient (Layer.open: the reader reuses its buffers): copied.
  for await (const c of src) parts.push(Buffer.from(c));
  return Buffer.concat(parts);
}

describe('digest grammar', () => {
  it('accepts sha256/sha512 lowercase hex of the exact length only', () => {
    assert.ok(parseDigest(`sha256:${'a'.repeat(64)}`));
    assert.ok(parseDigest(`sha512:${'0'.repeat(128)}`));
    for (const bad of [`sha256:${'A'.repeat(64)}`, `sha256:${'a'.repeat(63)}`, 'sha256:../../etc/passwd',
      `md5:${'a'.repeat(32)}`, `sha256:${'a'.repeat(64)}/x`, 42, null, `sha512:${'a'.repeat(64)}`]) {
      assert.equal(parseDigest(bad), null, String(bad));
    }
  });
  it('name digests: only names that encode the stored blob digest', () => {
    const h = 'ab'.repeat(32);
    assert.equal(nameDigest(`${h}.tar.gz`, 'layer'), `sha256:${h}`);
    assert.equal(nameDigest(`${h}.tar`, 'layer'), `sha256:${h}`);
    assert.equal(nameDigest(`sha256:${h}`, 'config'), `sha256:${h}`);
    assert.equal(nameDigest(`blobs/sha256/${h}`, 'layer'), `sha256:${h}`);
    assert.equal(nameDigest(`${h}.json`, 'config'), `sha256:${h}`);
    assert.equal(nameDigest(`${h}.json`, 'layer'), null);
    assert.equal(nameDigest(`${h}/layer.tar`, 'layer'), null, 'v1 ids are not digests');
  });
});

describe('DirContainer stays inside its directory', () => {
  let tmp: { dir: string; cleanup(): Promise<void> };
  before(async () => {
    tmp = await tempDir();
    await mkdir(join(tmp.dir, 'root/sub'), { recursive: true });
    await writeFile(join(tmp.dir, 'secret'), 'secret');
    await writeFile(join(tmp.dir, 'root/sub/file'), 'inside');
    await symlink('../secret', join(tmp.dir, 'root/escape'));
    await symlink('/etc/hostname', join(tmp.dir, 'root/abs'));
    await symlink('sub/file', join(tmp.dir, 'root/ok'));
    await symlink('loop2', join(tmp.dir, 'root/loop1'));
    await symlink('loop1', join(tmp.dir, 'root/loop2'));
  });
  after(() => tmp.cleanup());

  it('never looks up a name with `..`, an absolute name, or an empty segment', () => {
    const c = new DirContainer('L', join(tmp.dir, 'root'), limits);
    for (const n of ['../secret', 'sub/../../secret', '/etc/passwd', 'sub//file', '']) {
      assert.equal(c.resolve(n), null, n);
      assert.equal(c.stat(n), null, n);
    }
  });
  it('follows symlinks inside, refuses those that leave', async () => {
    const c = new DirContainer('L', join(tmp.dir, 'root'), limits);
    assert.equal(c.resolve('ok'), 'sub/file');
    assert.equal((await c.readSmall('ok')).toString(), 'inside');
    assert.equal(c.stat('ok')?.kind, 'symlink');
    assert.throws(() => c.resolve('escape'), (e: unknown) => e instanceof InputError && e.file === 'L:escape' && /outside the layout directory/.test(e.reason));
    assert.throws(() => c.resolve('abs'), /outside the layout directory/);
    assert.throws(() => c.resolve('loop1'), /symlink loop/);
    await assert.rejects(c.readSmall('sub'), /is a directory, expected a file/);
  });
  it('refuses a FIFO inside the layout (it would block)', async (t) => {
    const { execFileSync } = await import('node:child_process');
    try {
      execFileSync('mkfifo', [join(tmp.dir, 'root/fifo')]);
    } catch {
      return t.skip('mkfifo not available');
    }
    const c = new DirContainer('L', join(tmp.dir, 'root'), limits);
    await assert.rejects(c.readSmall('fifo'), (e: unknown) => e instanceof InputError && e.file === 'L:fifo' && e.reason === 'is not a regular file');
    await assert.rejects(c.open('fifo'), /is not a regular file/);
  });
});

describe('archive symlinks are followed inside the archive only', () => {
  let tmp: { dir: string; cleanup(): Promise<void> };
  const entries: TarEntry[] = [
    { name: 'a/', type: 'directory' },
    { name: 'a/data', content: 'payload' },
    { name: 'b/', type: 'directory' },
    { name: 'b/link', type: 'symlink', linkname: '../a/data' },
    { name: 'b/link2', type: 'symlink', linkname: 'link' },
    { name: 'hard', type: 'link', linkname: 'a/data' },
    { name: 'cyc1', type: 'symlink', linkname: 'cyc2' },
    { name: 'cyc2', type: 'symlink', linkname: 'cyc1' },
    { name: 'abs', type: 'symlink', linkname: '/etc/passwd' },
    { name: 'up', type: 'symlink', linkname: '../../etc/passwd' },
    { name: 'dangling', type: 'symlink', linkname: 'nowhere' },
    // A chain of 10 hops: over the default limit of 8.
    ...Array.from({ length: 10 }, (_, i): TarEntry => ({ name: `h${i}`, type: 'symlink', linkname: i === 9 ? 'a/data' : `h${i + 1}` })),
  ];
  before(async () => {
    tmp = await tempDir();
    const tar = await packTar(entries);
    await writeFile(join(tmp.dir, 'x.tar'), tar);
    await writeFile(join(tmp.dir, 'x.tar.gz'), gzip(tar));
  });
  after(() => tmp.cleanup());

  for (const kind of ['tar', 'tar.gz'] as const) {
    it(`${kind}: relative, chained and hard links resolve; loops, escapes and long chains do not`, async () => {
      const path = join(tmp.dir, `x.${kind}`);
      const c = kind === 'tar' ? await TarFileContainer.open('X', path, limits) : await CompressedTarContainer.open('X', path, 'gzip', limits);
      assert.equal(c.resolve('b/link'), 'a/data');
      assert.equal(c.resolve('./b/link2'), 'a/data');
      assert.equal(c.resolve('hard'), 'a/data');
      assert.equal((await readAll(await c.open('b/link2'))).toString(), 'payload');
      assert.equal((await c.readSmall('hard')).toString(), 'payload');
      assert.equal(c.resolve('dangling'), null);
      assert.throws(() => c.resolve('cyc1'), (e: unknown) => e instanceof InputError && e.file === 'X:cyc1' && /symlink loop/.test(e.reason));
      assert.throws(() => c.resolve('abs'), /outside the archive/);
      assert.throws(() => c.resolve('up'), /outside the archive/);
      assert.throws(() => c.resolve('h0'), (e: unknown) => e instanceof LimitError && /--max-symlink-hops/.test(e.message));
    });
  }
  it('maxSymlinkHops is honoured both ways', async () => {
    const c = await TarFileContainer.open('X', join(tmp.dir, 'x.tar'), { ...limits, maxSymlinkHops: 10 });
    assert.equal(c.resolve('h0'), 'a/data');
  });
});

describe('OCI walker', () => {
  let tmp: { dir: string; cleanup(): Promise<void> };
  before(async () => { tmp = await tempDir(); });
  after(() => tmp.cleanup());

  /** A layout dir with the given index.json and extra blobs (digest hex → bytes). */
  async function layout(name: string, index: unknown, blobs: Record<string, Buffer> = {}): Promise<string> {
    const root = join(tmp.dir, name);
    await mkdir(join(root, 'blobs/sha256'), { recursive: true });
    await writeFile(join(root, 'oci-layout'), '{"imageLayoutVersion":"1.0.0"}');
    await writeFile(join(root, 'index.json'), JSON.stringify(index));
    for (const [h, b] of Object.entries(blobs)) await writeFile(join(root, 'blobs/sha256', h), b);
    return root;
  }

  it('a digest that is not a digest is an InputError, never a path', async () => {
    const root = await layout('bad-digest', { schemaVersion: 2, manifests: [{ mediaType: 'application/vnd.oci.image.manifest.v1+json', digest: 'sha256:../../../../etc/passwd', size: 1 }] });
    await assert.rejects(openInput(root, { limits, label: 'bd' }), (e: unknown) => {
      assert.ok(e instanceof InputError);
      assert.equal(e.file, 'bd:index.json');
      assert.match(e.reason, /^manifests\[0\] has an invalid digest "sha256:\.\.\/\.\.\/\.\.\/\.\.\/etc\/passwd"/);
      return true;
    });
  });

  it('manifests: [] and manifests: null → no images found', async () => {
    await assert.rejects(openInput(await layout('empty', { schemaVersion: 2, manifests: [] }), { limits, label: 'e' }),
      (e: unknown) => e instanceof InputError && e.file === 'e' && /^no images found/.test(e.reason));
    await assert.rejects(openInput(await layout('null', { schemaVersion: 2, manifests: null }), { limits, label: 'n' }),
      (e: unknown) => e instanceof InputError && e.file === 'n' && e.reason === 'no images found (index.json lists no manifests)');
  });

  it('an index cycle (blobs that lie about their digest) is a note, not a hang', async () => {
    const h = 'c'.repeat(64);
    const loop = Buffer.from(JSON.stringify({ schemaVersion: 2, mediaType: 'application/vnd.oci.image.index.v1+json',
      manifests: [{ mediaType: 'application/vnd.oci.image.index.v1+json', digest: `sha256:${h}`, size: 10 }] }));
    const root = await layout('cycle', { schemaVersion: 2, manifests: [{ mediaType: 'application/vnd.oci.image.index.v1+json', digest: `sha256:${h}`, size: 10 }] }, { [h]: loop });
    await assert.rejects(openInput(root, { limits, label: 'cy' }), /no images found/);
    // With a real image beside it, the input opens and the cycle is noted.
    const img = await writeOciLayoutDir(tmp.dir, 'cycle2', [{ layers: [sampleLayer('a')] }]);
    const { readFile } = await import('node:fs/promises');
    const idx = JSON.parse(await readFile(join(img, 'index.json'), 'utf8')) as { manifests: unknown[] };
    idx.manifests.push({ mediaType: 'application/vnd.oci.image.index.v1+json', digest: `sha256:${h}`, size: 10 });
    await writeFile(join(img, 'index.json'), JSON.stringify(idx));
    await writeFile(join(img, 'blobs/sha256', h), loop);
    const input = await openInput(img, { limits, label: 'cy2' });
    assert.equal(input.images.length, 1);
    assert.ok(input.notes.some((n) => n.code === 'oci-index-cycle'));
  });

  it('nesting deeper than maxIndexDepth is a LimitError', async () => {
    const img = await writeOciLayoutDir(tmp.dir, 'deep', [{ layers: [sampleLayer('a')] }]);
    const { readFile } = await import('node:fs/promises');
    let top = JSON.parse(await readFile(join(img, 'index.json'), 'utf8')) as { manifests: unknown[] };
    for (let i = 0; i < 4; i++) {
      const blob = Buffer.from(JSON.stringify({ schemaVersion: 2, mediaType: 'application/vnd.oci.image.index.v1+json', manifests: top.manifests }));
      await writeFile(join(img, 'blobs/sha256', sha256(blob).slice(7)), blob);
      top = { manifests: [{ mediaType: 'application/vnd.oci.image.index.v1+json', digest: sha256(blob), size: blob.length }] };
    }
    await writeFile(join(img, 'index.json'), JSON.stringify({ schemaVersion: 2, ...top }));
    assert.equal((await openInput(img, { limits: { ...limits, maxIndexDepth: 4 } })).images.length, 1);
    await assert.rejects(openInput(img, { limits: { ...limits, maxIndexDepth: 3 }, label: 'deep' }),
      (e: unknown) => e instanceof LimitError && /--max-index-depth/.test(e.message));
  });

  it('a missing layer blob names its digest', async () => {
    const img = await writeOciLayoutDir(tmp.dir, 'nolayer', [{ layers: [sampleLayer('gone')] }]);
    const { rm, readdir, readFile } = await import('node:fs/promises');
    // Remove the one blob that is a tar (the layer).
    for (const f of await readdir(join(img, 'blobs/sha256'))) {
      const b = await readFile(join(img, 'blobs/sha256', f));
      if (b[0] !== 0x7b) await rm(join(img, 'blobs/sha256', f));
    }
    await assert.rejects(openInput(img, { limits, label: 'nl' }), (e: unknown) =>
      e instanceof InputError && /^nl:blobs\/sha256\/[0-9a-f]{64}$/.test(e.file) && /^missing blob sha256:[0-9a-f]{64} \(referenced by layer 0 of blobs\/sha256\//.test(e.reason));
  });
});
