// Header decoding per dialect: ustar (prefix), GNU (base-256, L/K), v7, PAX; checksums; octal.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isUtf8 } from 'node:buffer';
import { pathBytes } from '../../src/tar/path.js';
import { decodeBlock, parseNumeric } from '../../src/tar/header.js';
import { surrogateEscape } from '../../src/tar/text.js';
import { fixChecksum, makeTar, rawHeader } from '../helpers/tar-writer.js';
import { collect, throwsAt } from './collect.js';

test('ustar: fields, prefix joined with "/", magic ustar\\000', () => {
  const long = 'p'.repeat(120) + '/' + 'n'.repeat(90);
  const tar = makeTar([
    { name: 'etc/hosts', content: 'x', mode: 0o4755, uid: 7, gid: 8, uname: 'u', gname: 'g', mtime: 1700000000 },
    { name: long },
  ], { format: 'ustar' });
  const [a, b] = collect(tar).entries;
  assert.deepEqual(
    { ...a!.header, pax: undefined },
    { offset: 0, name: 'etc/hosts', linkname: '', type: 'file', typeflag: '0', mode: 0o4755, uid: 7, gid: 8, uname: 'u', gname: 'g',
      mtime: 1700000000, size: 1, devmajor: 0, devminor: 0, format: 'ustar', pax: undefined, notes: [] },
  );
  assert.equal(a!.data.toString(), 'x');
  assert.equal(b!.header.name, long);
  assert.equal(b!.header.offset, 1024);
});

test('mode keeps setuid/setgid/sticky but drops file-type bits some writers store', () => {
  const block = rawHeader({ name: 'd', typeflag: '5', size: 0, mode: 0o41777, format: 'ustar' });
  assert.equal(decodeBlock(block, 0, 0).mode, 0o1777);
});

test('gnu: magic "ustar  \\0", no prefix field, base-256 uid/size/mtime', () => {
  const big = 2 ** 40 + 5;
  const tar = makeTar([{ name: 'f', format: 'gnu', uid: 3_000_000_000, gid: 9, mtime: big, base256: true }]);
  const [e] = collect(tar).entries;
  assert.equal(e!.header.format, 'gnu');
  assert.equal(e!.header.uid, 3_000_000_000);
  assert.equal(e!.header.mtime, big);
  // A size field > 8 GiB in base-256: decode only the header (the data would not fit in a test).
  const block = rawHeader({ name: 'huge', typeflag: '0', size: 2 ** 35, format: 'gnu', base256: true });
  assert.equal(decodeBlock(block, 0, 0).size, 2 ** 35);
});

test('base-256: negative mtime is allowed, negative size is not', () => {
  const block = rawHeader({ name: 'f', typeflag: '0', size: 0, mtime: -1000, format: 'gnu', base256: true });
  assert.equal(decodeBlock(block, 0, 0).mtime, -1000);
  const b = Buffer.alloc(12, 0xff);
  throwsAt(() => parseNumeric(b, 0, 12, 'size', 124), /negative base-256/, 124);
});

test('gnu: L and K long name / long link; the entry offset is the first meta block', () => {
  const name = 'd/'.repeat(80) + 'file';
  const link = 't/'.repeat(70) + 'target';
  const tar = makeTar([{ name: 'first' }, { name, type: 'symlink', linkname: link, format: 'gnu' }]);
  const [, e] = collect(tar).entries;
  assert.equal(e!.header.name, name);
  assert.equal(e!.header.linkname, link);
  assert.equal(e!.header.type, 'symlink');
  assert.equal(e!.header.offset, 512); // the K block, not the real header 3 blocks later
});

test('v7: no magic, typeflag \\0; a name ending in "/" is a directory; no owner names', () => {
  const tar = makeTar([{ name: 'dir/', format: 'v7', uname: 'ignored' }, { name: 'dir/f', format: 'v7', content: 'abc' }], {});
  const [d, f] = collect(tar).entries;
  assert.equal(d!.header.format, 'v7');
  assert.equal(d!.header.type, 'dir');
  assert.equal(d!.header.typeflag, '\0');
  assert.equal(d!.header.uname, '');
  assert.equal(f!.header.type, 'file');
  assert.equal(f!.data.toString(), 'abc');
});

test('typeflags map to entry types; unknown ones are "other" with their data skipped', () => {
  const tar = makeTar([
    { name: 'h', type: 'hardlink', linkname: 'f' }, { name: 's', type: 'symlink', linkname: '../x' },
    { name: 'c', type: 'char', devmajor: 1, devminor: 3 }, { name: 'b', type: 'block' },
    { name: 'p', type: 'fifo' }, { name: 'k', type: 'contiguous', content: 'zz' },
    { name: 'vol', typeflag: 'V', content: 'label data' }, { name: 'after' },
  ]);
  const got = collect(tar).entries.map((e) => [e.header.type, e.header.typeflag, e.data.length]);
  assert.deepEqual(got, [
    ['hardlink', '1', 0], ['symlink', '2', 0], ['char', '3', 0], ['block', '4', 0], ['fifo', '6', 0],
    ['contiguous', '7', 2], ['other', 'V', 10], ['file', '0', 0],
  ]);
  assert.equal(collect(tar).entries[2]!.header.devminor, 3);
});

test('a size on a header-only type announces no data (Go archive/tar semantics) and is noted', () => {
  const tar = Buffer.concat([
    rawHeader({ name: 'd/', typeflag: '5', size: 4096, format: 'ustar' }),
    makeTar([{ name: 'next', content: 'n' }]),
  ]);
  const [d, n] = collect(tar).entries;
  assert.equal(d!.header.size, 4096);
  assert.deepEqual(d!.header.notes, ['size-on-header-only-type']);
  assert.equal(n!.header.name, 'next');
});

test('checksum: mismatch is an error at the header offset; the historic signed sum is accepted', () => {
  const tar = makeTar([{ name: 'a' }, { name: 'b' }]);
  tar[512 + 10] ^= 1; // corrupt the second header's name: checksum no longer matches
  throwsAt(() => collect(tar), /checksum mismatch/, 512);

  // A name byte >= 0x80 makes signed and unsigned sums differ; store the signed one.
  const block = rawHeader({ name: 'caf\u00e9', typeflag: '0', size: 0, format: 'ustar' });
  block.fill(0x20, 148, 156);
  let signed = 0;
  for (const b of block) signed += b < 128 ? b : b - 256;
  block.write(signed.toString(8).padStart(6, '0') + '\0 ', 148, 'latin1');
  assert.equal(decodeBlock(block, 0, 0).name, 'café');
});

test('checksum: the word-at-a-time sum equals a byte loop, for any bytes, at any offset', () => {
  // Fixed-seed random blocks (all-0xff names included: the largest lane sums) at odd offsets
  // inside a bigger buffer, with the unsigned sum computed byte by byte and stored.
  let seed = 42;
  const rnd = () => ((seed = (seed * 1103515245 + 12345) >>> 0) >>> 16) & 0xff;
  for (let round = 0; round < 200; round++) {
    const block = rawHeader({ name: 'x', typeflag: '0', size: 0, format: 'ustar' });
    const fill = round === 0 ? () => 0xff : rnd;
    for (let i = 0; i < 100; i++) block[i] = fill() || 1; // name: never NUL
    for (let i = 345; i < 500; i++) block[i] = round === 0 ? 0xff : rnd(); // prefix
    block.fill(0x20, 148, 156);
    let sum = 0;
    for (const b of block) sum += b;
    block.write(sum.toString(8).padStart(6, '0') + '\0 ', 148, 'latin1');
    const off = 1 + (round % 7);
    const buf = Buffer.alloc(512 + off + 3);
    block.copy(buf, off);
    assert.doesNotThrow(() => decodeBlock(buf, off, 0), `round ${round}`);
    buf[off + (round % 148)] ^= 0x01;
    assert.throws(() => decodeBlock(buf, off, 0), /checksum mismatch/, `round ${round}, corrupted`);
  }
});

test('octal: leading spaces, space/NUL terminators accepted; junk is an error at the field', () => {
  const b = Buffer.from(' 0755 \0\0');
  assert.equal(parseNumeric(b, 0, 8, 'mode', 100), 0o755);
  assert.equal(parseNumeric(Buffer.from('\0\0\0\0\0\0\0\0'), 0, 8, 'mode', 0), 0);
  assert.equal(parseNumeric(Buffer.from('0000777\0'), 0, 8, 'mode', 0), 0o777);
  throwsAt(() => parseNumeric(Buffer.from('0009\0\0\0\0'), 0, 8, 'mode', 100), /invalid octal/, 103);
  throwsAt(() => parseNumeric(Buffer.from('07 7\0\0\0\0'), 0, 8, 'mode', 100), /invalid octal/, 103);
  const block = rawHeader({ name: 'x', typeflag: '0', size: 0, format: 'ustar' });
  block.write('12x', 124, 'latin1');
  fixChecksum(block);
  throwsAt(() => decodeBlock(block, 0, 1024), /invalid octal number in tar header field size/, 1024 + 126);
});

test('unknown magic is an error', () => {
  const block = rawHeader({ name: 'x', typeflag: '0', size: 0, format: 'ustar' });
  block.write('ustaR', 257, 'latin1');
  fixChecksum(block);
  throwsAt(() => decodeBlock(block, 0, 0), /unknown tar header magic/, 257);
});

test('invalid UTF-8 in a name is kept byte for byte (surrogateescape) and noted', () => {
  const block = rawHeader({ name: 'x', typeflag: '0', size: 0, format: 'ustar' });
  // 0xff is never UTF-8; the valid "é" (c3 a9) around it stays readable.
  Buffer.from([0x66, 0xff, 0x67, 0xc3, 0xa9, 0]).copy(block, 0);
  fixChecksum(block);
  const h = decodeBlock(block, 0, 0);
  assert.equal(h.name, 'f\udcffg\u00e9');
  assert.deepEqual(h.notes, ['latin1:name']);
  assert.deepEqual([...pathBytes(h.name)], [0x66, 0xff, 0x67, 0xc3, 0xa9]);
});

test('surrogateEscape: valid UTF-8 decoded, every invalid byte kept; pathBytes inverts it', () => {
  const cases: number[][] = [
    [0xe2, 0x82, 0xac], // € (valid)
    [0xf0, 0x9f, 0x98, 0x80], // 😀 (valid, astral)
    [0xc0, 0xaf], // overlong '/'
    [0xed, 0xa0, 0x80], // an encoded UTF-16 surrogate
    [0xf4, 0x90, 0x80, 0x80], // past U+10FFFF
    [0xe2, 0x82], // truncated sequence
    [0x80, 0xbf, 0xfe, 0xff], // lone continuation bytes
  ];
  for (const c of cases) {
    const b = Buffer.from([0x61, ...c, 0x62]);
    const s = surrogateEscape(b);
    assert.deepEqual([...pathBytes(s)], [...b], JSON.stringify(s));
    if (isUtf8(b)) assert.equal(s, b.toString('utf8'));
    else assert.match(s, /[\udc80-\udcff]/);
  }
});
