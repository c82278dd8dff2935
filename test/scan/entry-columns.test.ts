// Records kept in columns during the scan (entry-columns.ts) come back exactly as entryRecord()
// makes them; a capture pass stops reading once its last wanted entry is behind it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { DEFAULT_LIMITS } from '../../src/model/limits.js';
import type { EntryRecord } from '../../src/model/types.js';
import { entryRecord, scanLayer } from '../../src/scan/index.js';
import { EntryColumns } from '../../src/scan/entry-columns.js';
import { TarParser } from '../../src/tar/parser.js';
import { makeTar, type TarEntrySpec } from '../helpers/tar-writer.js';
import { split } from '../tar/collect.js';

const source = (b: Buffer, chunk = 4096) => async (): Promise<AsyncIterable<Buffer>> => (async function* () { yield* split(b, chunk); })();

/** The records as the scanner made them before columns: entryRecord() plus the content sha256. */
function reference(tar: Buffer): EntryRecord[] {
  const out: EntryRecord[] = [];
  let h: ReturnType<typeof createHash> | null = null;
  const p = new TarParser({
    limits: DEFAULT_LIMITS,
    onEntry(hd) {
      const r = entryRecord(hd, out.length);
      if (hd.type === 'file' || hd.type === 'contiguous') {
        h = createHash('sha256');
      }
      out.push(r);
    },
    onData(c) {
      h?.update(c);
    },
    onEntryEnd() {
      if (h) out[out.length - 1]!.sha256 = h.digest('hex');
      h = null;
    },
  });
  p.write(tar);
  p.end();
  return out;
}

const corner: TarEntrySpec[] = [
  { name: './etc/', type: 'dir', mode: 0o755 },
  { name: './etc/passwd', content: 'root:x:0:0::/root:/bin/sh\n', uid: 0, gid: 0, uname: 'root', gname: 'root' },
  { name: 'empty', content: '' },
  { name: 'usr/bin/tool', content: Buffer.alloc(70_000, 7), mode: 0o4755, uid: 2 ** 40, gid: 5, base256: true },
  { name: 'link', type: 'symlink', linkname: '../etc/passwd' },
  { name: 'hard', type: 'hardlink', linkname: './etc/passwd' },
  { name: 'with-pax', content: 'x', format: 'pax', pax: { mtime: '1700000000.25', 'SCHILY.xattr.user.a': 'b', atime: '1' } },
  { name: 'gnu-ÿ-name', content: 'gnu', format: 'gnu' },
  { name: `deep/${'d'.repeat(120)}/file`, content: 'long', format: 'pax' },
  { name: 'ünïcödé/файл', content: 'utf8' },
];

test('records from columns equal entryRecord() + content sha256, corner cases included', async () => {
  const tar = makeTar(corner);
  const want = reference(tar);
  for (const blob of [tar, gzipSync(tar)]) {
    const s = await scanLayer(source(blob, 333), { limits: DEFAULT_LIMITS });
    assert.deepStrictEqual(s.entries, want);
    assert.equal(JSON.stringify(s.entries), JSON.stringify(want), 'same keys in the same order');
  }
});

test('columns grow past their first capacity; paths with lone surrogates and astral characters survive', () => {
  const c = new EntryColumns();
  const recs: EntryRecord[] = [];
  for (let i = 0; i < 5000; i++) {
    // records() decodes blocks of 4,096 entries: two-byte and one-byte paths on both sides of
    // the boundary, short ones (V8 copies them) and long ones (V8 slices them).
    const path = i % 7 === 0 ? `odd/\udcff${i}` : i % 19 === 0 ? `ü/файл-😀-${i}` : i % 3 === 0 ? `d${i}` : `dir${i % 13}/file-${i}.txt`;
    const r: EntryRecord = {
      index: i, path, rawPath: i % 11 === 0 ? `./${path}` : path, type: i % 5 === 0 ? 'symlink' : 'file',
      linkTarget: i % 5 === 0 ? `t${i}` : null, mode: 0o644, uid: i, gid: 0, uname: 'u', gname: '', mtime: 1.5 + i,
      size: i * 10, pax: i % 17 === 0 ? { atime: '1' } : {}, xattrs: {}, format: 'ustar',
      sha256: i % 5 === 0 ? null : createHash('sha256').update(String(i)).digest('hex'),
    };
    recs.push(r);
    // The scanner hands over a digest as bytes or as a latin1 string of them.
    const bytes = r.sha256 === null ? null : Buffer.from(r.sha256, 'hex');
    c.push(r, bytes === null ? null : i % 2 === 0 ? bytes : bytes.toString('latin1'));
  }
  assert.deepStrictEqual(c.records(), recs);
});

test('a capture pass hands over the wanted entries and stops reading after the last one', async () => {
  const entries: TarEntrySpec[] = [];
  for (let i = 0; i < 400; i++) entries.push({ name: `f${i}`, content: `file ${i}\n`.repeat(50) });
  const tar = makeTar(entries);
  for (const blob of [tar, gzipSync(tar)]) {
    const got = new Map<number, string>();
    const s = await scanLayer(source(blob, 1024), {
      limits: DEFAULT_LIMITS,
      capture: { indexes: new Set([3, 40]), maxBytes: 1 << 20, onContent: (i, b) => void got.set(i, b.toString()) },
    });
    assert.deepEqual([...got.keys()], [3, 40]);
    assert.equal(got.get(40), 'file 40\n'.repeat(50));
    assert.ok(s.storedSize < blob.length / 2, `read ${s.storedSize} of ${blob.length} bytes`);
    assert.equal(s.diffId, null, 'a capture pass takes no digests');
    assert.equal(s.entries.at(-1)?.index, 40);
  }
});

test('a capture pass for entries that are not there reads to the end without failing', async () => {
  const tar = makeTar([{ name: 'a', content: 'a' }, { name: 'b', type: 'dir' }]);
  const got: number[] = [];
  const s = await scanLayer(source(gzipSync(tar)), {
    limits: DEFAULT_LIMITS,
    capture: { indexes: new Set([1, 9]), maxBytes: 10, onContent: (i) => void got.push(i) },
  });
  assert.deepEqual(got, [], 'a directory has no content to hand over');
  assert.equal(s.entries.length, 2);
});
