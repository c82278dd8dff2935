// PAX extended headers: record syntax, fractional mtime, xattrs, global headers, limits.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parsePaxRecords } from '../../src/tar/pax.js';
import { DEFAULT_LIMITS } from '../../src/model/limits.js';
import { makeTar, metaEntry, paxRecord } from '../helpers/tar-writer.js';
import { collect, throwsAt } from './collect.js';

test('PAX x: fields override the header; fractional mtime; every record kept', () => {
  const tar = makeTar([{
    name: 'short', content: 'data', pax: {
      path: 'a/very/long/' + 'x'.repeat(200), mtime: '1700000000.123456789', atime: '1700000001.5', ctime: '1700000002',
      uid: '4000000000', gid: '5', uname: 'üser', gname: 'grp', 'SCHILY.xattr.user.k': 'v', 'LIBARCHIVE.xattr.user.k': 'dg==',
    },
  }]);
  const [e] = collect(tar).entries;
  const h = e!.header;
  assert.equal(h.format, 'pax');
  assert.equal(h.name, 'a/very/long/' + 'x'.repeat(200));
  assert.equal(h.mtime, 1700000000.123456789);
  assert.equal(h.uid, 4000000000);
  assert.equal(h.uname, 'üser');
  assert.equal(h.pax.atime, '1700000001.5');
  assert.equal(h.pax['SCHILY.xattr.user.k'], 'v');
  assert.equal(h.pax['LIBARCHIVE.xattr.user.k'], 'dg==');
  assert.equal(h.offset, 0);
  assert.equal(e!.data.toString(), 'data');
});

test('PAX size overrides the header size field (the data length follows it)', () => {
  const tar = makeTar([{ name: 'f', content: 'hello', size: 0, pax: { size: '5' } }, { name: 'g', content: 'x' }]);
  const [f, g] = collect(tar).entries;
  assert.equal(f!.header.size, 5);
  assert.equal(f!.data.toString(), 'hello');
  assert.equal(g!.header.name, 'g');
});

test('PAX g: applies to all following entries; x overrides; an empty value deletes', () => {
  const tar = makeTar([
    { name: 'a' },
    { name: 'b', pax: { mtime: '5.5' } },
    { name: 'c', pax: { comment: '' } },
  ], { global: { mtime: '42', comment: 'from global' } });
  const [a, b, c] = collect(tar).entries;
  assert.equal(a!.header.mtime, 42);
  assert.equal(a!.header.format, 'ustar'); // a global header alone does not make an entry "pax"
  assert.equal(a!.header.pax.comment, 'from global');
  assert.equal(a!.header.offset, 1024); // after the global header and its body, not at 0
  assert.equal(b!.header.mtime, 5.5);
  assert.equal(b!.header.pax.comment, 'from global');
  assert.equal(c!.header.pax.comment, undefined);
  assert.equal(c!.header.mtime, 42);
});

test('PAX records: exact lengths, multi-digit lengths, values containing "=" and newlines', () => {
  const body = Buffer.concat([paxRecord('a', 'x=y'), paxRecord('b', 'line1\nline2'), paxRecord('k', 'v'.repeat(200))]);
  const recs = parsePaxRecords(body, 0, []);
  assert.deepEqual(recs.map((r) => [r.key, r.value.length]), [['a', 3], ['b', 11], ['k', 200]]);
  assert.equal(paxRecord('k', 'v'.repeat(200)).toString().split(' ')[0], '207');
});

test('PAX records: wrong lengths, missing "=", bad numbers are errors with offsets', () => {
  throwsAt(() => parsePaxRecords(Buffer.from('11 path=abc\n'), 1000, []), /does not match/, 1000); // length 12 really
  throwsAt(() => parsePaxRecords(Buffer.from('13 path=abc\n'), 1000, []), /does not match/, 1000);
  throwsAt(() => parsePaxRecords(Buffer.from('11 pathabc\n'), 0, []), /no keyword=value/, 0);
  throwsAt(() => parsePaxRecords(Buffer.from('x path=a\n'), 0, []), /malformed PAX record length/, 0);
  throwsAt(() => parsePaxRecords(Buffer.from('6 k=v\n7 k=v\n'), 0, []), /does not match/, 6);
  const bad = makeTar([{ name: 'f', pax: { mtime: '12:00' } }]);
  throwsAt(() => collect(bad), /PAX mtime is not a decimal time/, 0);
  const badSize = makeTar([{ name: 'f', pax: { size: '-1' } }]);
  throwsAt(() => collect(badSize), /PAX size is not a decimal integer/, 0);
});

test('PAX: binary xattr values are kept as latin-1 and noted; a non-UTF-8 keyword is an error', () => {
  const tar = makeTar([{ name: 'bin', pax: { 'SCHILY.xattr.security.capability': Buffer.from([1, 0, 0, 2, 0xff, 0xfe]) } }]);
  const [e] = collect(tar).entries;
  assert.equal(e!.header.pax['SCHILY.xattr.security.capability'], '\x01\x00\x00\x02\xff\xfe');
  assert.deepEqual(e!.header.notes, ['latin1:pax:SCHILY.xattr.security.capability']);
  const body = Buffer.from('7 \xff\xfe=v\n', 'latin1');
  throwsAt(() => parsePaxRecords(body, 0, []), /not valid UTF-8/, 0);
});

test('NUL inside a PAX path or inside a GNU long name is an error', () => {
  throwsAt(() => collect(makeTar([{ name: 'f', pax: { path: 'a\0b' } }])), /NUL inside a PAX path/, 0);
  const L = metaEntry('L', Buffer.from('abc\0def\0'), 'gnu');
  throwsAt(() => collect(Buffer.concat([L, makeTar([{ name: 'x', format: 'gnu' }])])), /NUL inside a GNU long name/, 512 + 3);
});

test('PAX / GNU long headers larger than maxHeaderBytes hit the limit', () => {
  const tar = makeTar([{ name: 'f', pax: { comment: 'c'.repeat(600) } }]);
  const limits = { ...DEFAULT_LIMITS, maxHeaderBytes: 512 };
  assert.throws(() => collect(tar, [tar.length], limits), (e: Error & { limit?: string; offset?: number }) =>
    e.name === 'FormatLimitError' && e.limit === 'maxHeaderBytes' && e.offset === 0);
  assert.equal(collect(tar).entries.length, 1);
});

test('an extended header followed by the end marker (no entry) is an error', () => {
  const tar = Buffer.concat([metaEntry('x', paxRecord('path', 'p'), 'ustar'), Buffer.alloc(1024)]);
  throwsAt(() => collect(tar), /zero block where the entry of an extended header should be/, 1024);
  const eof = metaEntry('x', paxRecord('path', 'p'), 'ustar');
  throwsAt(() => collect(eof), /ends after an extended header/, 1024);
});
