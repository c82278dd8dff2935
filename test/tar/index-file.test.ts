// The on-disk indexer must agree with the push parser (one decoder, two drivers), and skip data.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_LIMITS } from '../../src/model/limits.js';
import { readRange } from '../../src/io/read.js';
import { indexTarFile } from '../../src/tar/index-file.js';
import { makeTar, rawHeader } from '../helpers/tar-writer.js';
import { sharedFixtures, SKIP_SHARED } from '../helpers/paths.js';
import { collect } from './collect.js';

const dir = mkdtempSync(join(tmpdir(), 'repcheck-index-'));
test.after(() => rmSync(dir, { recursive: true, force: true }));

async function readAll(it: AsyncIterable<Buffer>): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const c of it) parts.push(c);
  return Buffer.concat(parts);
}

async function agree(path: string): Promise<number> {
  const buf = readFileSync(path);
  let want: ReturnType<typeof collect> | null = null;
  let wantErr: unknown = null;
  try {
    want = collect(buf);
  } catch (e) {
    wantErr = e;
  }
  let got: Awaited<ReturnType<typeof indexTarFile>> | null = null;
  let gotErr: unknown = null;
  try {
    got = await indexTarFile(path, DEFAULT_LIMITS);
  } catch (e) {
    gotErr = e;
  }
  if (wantErr || gotErr) {
    assert.equal((gotErr as Error)?.message, (wantErr as Error)?.message, path);
    return 0;
  }
  assert.deepEqual(got!.members.map((m) => m.header), want!.entries.map((e) => e.header), path);
  assert.deepEqual(got!.end, want!.end, path);
  for (const [i, m] of got!.members.entries()) {
    const data = await readAll(readRange(path, m.dataOffset, want!.entries[i]!.data.length));
    assert.ok(data.equals(want!.entries[i]!.data), `${path} member ${i} data`);
  }
  return got!.members.length;
}

test('indexTarFile agrees with TarParser on made tars, incl. errors', async () => {
  const cases: Record<string, Buffer> = {
    plain: makeTar([{ name: 'a', content: 'x'.repeat(700) }, { name: 'd/', type: 'dir' }], { padTo: 10240 }),
    pax: makeTar([{ name: 'p', pax: { mtime: '1.5', path: 'q'.repeat(300) }, content: 'z' }], { global: { a: 'b' } }),
    gnu: makeTar([{ name: 'g'.repeat(200), linkname: 'l'.repeat(150), type: 'symlink', format: 'gnu' }]),
    trailing: Buffer.concat([makeTar([{ name: 'a' }]), Buffer.from('junk')]),
    noMarker: makeTar([{ name: 'a', content: 'x' }], { endBlocks: 0 }),
    truncData: makeTar([{ name: 'a', content: Buffer.alloc(2000) }]).subarray(0, 1500),
    truncPad: makeTar([{ name: 'a', content: Buffer.alloc(2000) }]).subarray(0, 2520),
    truncHeader: makeTar([{ name: 'a' }, { name: 'b' }]).subarray(0, 700),
    loneZero: Buffer.concat([makeTar([{ name: 'a' }], { endBlocks: 1 }), makeTar([{ name: 'b' }])]),
  };
  for (const [name, buf] of Object.entries(cases)) {
    const p = join(dir, `${name}.tar`);
    writeFileSync(p, buf);
    await agree(p);
  }
});

test('indexTarFile skips data: a 1 GiB member in a sparse file is indexed without reading it', async () => {
  const size = 2 ** 30;
  const p = join(dir, 'big.tar');
  writeFileSync(p, rawHeader({ name: 'big', typeflag: '0', size, format: 'ustar' }));
  truncateSync(p, 512 + size + 1024);
  const t0 = performance.now();
  const { members, end } = await indexTarFile(p, DEFAULT_LIMITS);
  assert.equal(members.length, 1);
  assert.equal(members[0]!.dataOffset, 512);
  assert.equal(end.endMarker, true);
  // Reading 1 GiB (even of holes) takes far longer than this.
  assert.ok(performance.now() - t0 < 200, `took ${performance.now() - t0} ms`);
  assert.equal(statSync(p).size, 512 + size + 1024);
});

test('readRange: exact byte range; nothing for length 0', async () => {
  const p = join(dir, 'range.bin');
  writeFileSync(p, Buffer.from('0123456789'));
  assert.equal((await readAll(readRange(p, 3, 4))).toString(), '3456');
  assert.equal((await readAll(readRange(p, 3, 0))).length, 0);
});

test('indexTarFile agrees with TarParser on every shared-fixture tar', { skip: SKIP_SHARED }, async () => {
  const files: string[] = [];
  const walk = (d: string): void => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      if (e.isDirectory()) walk(join(d, e.name));
      else if (e.name.endsWith('.tar')) files.push(join(d, e.name));
    }
  };
  walk(sharedFixtures!);
  assert.ok(files.length >= 20, `found ${files.length} tars`);
  let members = 0;
  for (const f of files) members += await agree(f);
  assert.ok(members > 100);
});
