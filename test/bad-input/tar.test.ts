// Bad-input corpus, part 1: tar framing. Each input is a bare layer tar given to `repcheck lint`.
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { fixChecksum, makeTar, metaEntry, paxBody, rawHeader } from '../helpers/tar-writer.js';
import { patch, validLayer } from './build.js';
import { runCase, type BadCase } from './harness.js';

const MIB = 1024 * 1024;

/** A case whose one input is `bytes` written as `name` in the case dir. */
function layerCase(c: Omit<BadCase, 'build'> & { bytes: () => Buffer; inputName?: string; args?: string[] }): BadCase {
  const name = c.inputName ?? 'layer.tar';
  return {
    file: name,
    ...c,
    build: ({ dir }) => {
      writeFileSync(join(dir, name), c.bytes());
      return [...(c.args ?? []), name];
    },
  };
}

/** Header block `i` of a tar made of `blocks` 512-byte blocks, modified by `edit`, checksum fixed. */
function editHeader(tar: Buffer, at: number, edit: (h: Buffer) => void, fix = true): Buffer {
  const out = Buffer.from(tar);
  const h = out.subarray(at, at + 512);
  edit(h);
  if (fix) fixChecksum(h);
  return out;
}

const three = (): Buffer => validLayer([{ name: 'etc/b', content: 'b' }]); // headers at 0, 512, 1536

export const TAR_CASES: BadCase[] = [
  layerCase({
    name: 'tar: truncated inside a header block',
    bytes: () => three().subarray(0, 1536 + 200),
    exit: 2, message: /tar truncated inside a header block/, offset: 1536,
  }),
  layerCase({
    name: 'tar: truncated inside entry data',
    bytes: () => makeTar([{ name: 'f', content: Buffer.alloc(1000, 0x61) }]).subarray(0, 512 + 300),
    exit: 2, message: /tar truncated inside entry data \(700 bytes missing\)/, offset: 812,
  }),
  layerCase({
    name: 'tar: declared size (8 GiB, octal) far beyond the input',
    bytes: () => makeTar([{ name: 'f', content: 'abc', size: 8 * 1024 ** 3 }]),
    exit: 2, message: /tar truncated inside entry data/, offset: true,
  }),
  layerCase({
    name: 'tar: base-256 size beyond 2^53',
    bytes: () => makeTar([{ name: 'f', content: 'abc', size: 2 ** 60, base256: true }]),
    exit: 2, message: /base-256 number too large in tar header field size/, offset: 124,
  }),
  layerCase({
    name: 'tar: negative base-256 size',
    bytes: () => editHeader(makeTar([{ name: 'f', content: 'abc' }]), 0, (h) => h.fill(0xff, 124, 136)),
    exit: 2, message: /negative base-256 number in tar header field size/, offset: 124,
  }),
  layerCase({
    name: 'tar: base-256 uid (valid, overflowing octal) is read, not rejected',
    bytes: () => makeTar([{ name: 'f', content: 'abc', uid: 2 ** 40, base256: true }]),
    exit: [0, 1], args: ['--format', 'json'], message: /"uid": 1099511627776|1099511627776/,
  }),
  layerCase({
    name: 'tar: invalid octal digit in the size field',
    bytes: () => editHeader(makeTar([{ name: 'f', content: 'abc' }]), 0, (h) => h.write('0000000003x\0', 124, 'latin1')),
    exit: 2, message: /invalid octal number in tar header field size/, offset: 134,
  }),
  layerCase({
    name: 'tar: bad header checksum (second header)',
    bytes: () => editHeader(three(), 512, (h) => (h[0] = 0x5a), false),
    exit: 2, message: /tar header checksum mismatch/, offset: 512,
  }),
  layerCase({
    name: 'tar: unknown header magic',
    bytes: () => editHeader(three(), 512, (h) => h.write('ustaR\x0000', 257, 'latin1')),
    exit: 2, message: /unknown tar header magic/, offset: 512 + 257,
  }),
  layerCase({
    name: 'tar: a lone zero block followed by a header',
    bytes: () => Buffer.concat([rawHeader({ name: 'a', typeflag: '5', size: 0, format: 'ustar' }), Buffer.alloc(512), makeTar([{ name: 'b', type: 'dir' }])]),
    exit: 2, message: /lone zero block followed by a header/, offset: 512,
  }),
  layerCase({
    name: 'tar: missing end-of-archive marker is a note ("possibly truncated"), not an error',
    bytes: () => makeTar([{ name: 'f', content: 'abc' }], { endBlocks: 0 }),
    exit: [0, 1], args: ['--format', 'json'], message: /tar-no-end-marker[\s\S]*possibly truncated/,
  }),
  layerCase({
    name: 'tar: non-zero data after the end marker is reported',
    bytes: () => Buffer.concat([makeTar([{ name: 'f', content: 'abc' }]), Buffer.from('GARBAGE AFTER THE END')]),
    exit: [0, 1], args: ['--format', 'json'], message: /tar-trailing-garbage/,
  }),
  layerCase({
    name: 'tar: an extended header with no entry after it',
    bytes: () => Buffer.concat([metaEntry('x', paxBody({ path: 'x' }), 'pax'), Buffer.alloc(1024)]),
    exit: 2, message: /zero block where the entry of an extended header should be/, offset: 1024,
  }),
  layerCase({
    name: 'tar: PAX length bomb (512 MiB declared, 30 bytes there)',
    bytes: () => {
      const h = rawHeader({ name: 'PaxHeaders/x', typeflag: 'x', size: 512 * MIB, format: 'ustar' });
      return Buffer.concat([h, paxBody({ path: 'x' }), Buffer.alloc(1024)]);
    },
    exit: 2, message: /exceeds the PAX\/long-name header size limit of 1048576 \(raise it with --max-header-bytes\)/, offset: 0,
  }),
  layerCase({
    name: 'tar: PAX header over a lowered --max-header-bytes',
    args: ['--max-header-bytes', '100'],
    bytes: () => makeTar([{ name: 'f', content: 'x', pax: { comment: 'c'.repeat(200) } }]),
    exit: 2, message: /exceeds the PAX\/long-name header size limit of 100 \(raise it with --max-header-bytes\)/, offset: 0,
  }),
  layerCase({
    name: 'tar: PAX record length that does not match its record',
    bytes: () => Buffer.concat([metaEntry('x', Buffer.from('99 path=abc\n'), 'pax'), makeTar([{ name: 'f', content: 'x' }])]),
    exit: 2, message: /PAX record length 99 does not match its content/, offset: 512,
  }),
  layerCase({
    name: 'tar: PAX record without a decimal length',
    bytes: () => Buffer.concat([metaEntry('x', Buffer.from('ab path=abc\n'), 'pax'), makeTar([{ name: 'f', content: 'x' }])]),
    exit: 2, message: /malformed PAX record length/, offset: 512,
  }),
  layerCase({
    name: 'tar: PAX keyword that is not UTF-8',
    bytes: () => {
      const rec = Buffer.concat([Buffer.from('10 '), Buffer.from([0xff, 0xfe]), Buffer.from('=abc\n')]);
      return Buffer.concat([metaEntry('x', rec, 'pax'), makeTar([{ name: 'f', content: 'x' }])]);
    },
    exit: 2, message: /PAX keyword is not valid UTF-8/, offset: 512,
  }),
  layerCase({
    name: 'tar: NUL inside a PAX path',
    bytes: () => makeTar([{ name: 'f', content: 'x', pax: { path: 'a\0b' } }]),
    exit: 2, message: /NUL inside a PAX path/, offset: 0,
  }),
  layerCase({
    name: 'tar: PAX size that is not a decimal integer',
    bytes: () => makeTar([{ name: 'f', content: 'x', pax: { size: '12abc' } }]),
    exit: 2, message: /PAX size is not a decimal integer/, offset: 0,
  }),
  layerCase({
    name: 'tar: PAX size far beyond the input',
    bytes: () => makeTar([{ name: 'f', content: 'x', pax: { size: '99999999999' } }]),
    exit: 2, message: /tar truncated inside entry data/, offset: true,
  }),
  layerCase({
    name: 'tar: GNU long-name chain (L after L after L) is read, bounded, and noted',
    args: ['--format', 'json'],
    bytes: () => {
      const ls = Array.from({ length: 50 }, (_, i) => metaEntry('L', Buffer.from(`long/name/${i}/${'n'.repeat(150)}\0`), 'gnu'));
      return Buffer.concat([...ls, makeTar([{ name: 'short', content: 'x', format: 'gnu' }])]);
    },
    exit: [0, 1], message: /tar-repeated-long-name/,
  }),
  layerCase({
    name: 'tar: GNU long-name chain whose total passes --max-header-bytes',
    args: ['--max-header-bytes', '10000'],
    bytes: () => {
      const ls = Array.from({ length: 5 }, () => metaEntry('L', Buffer.concat([Buffer.alloc(4000, 0x6e), Buffer.alloc(1)]), 'gnu'));
      return Buffer.concat([...ls, makeTar([{ name: 'short', content: 'x', format: 'gnu' }])]);
    },
    exit: 2, message: /exceeds the PAX\/long-name header size limit of 10000 \(raise it with --max-header-bytes\)/, offset: true,
  }),
  layerCase({
    name: 'tar: global PAX headers with more records than the fixed bound (each would apply to every entry)',
    bytes: () => makeTar([{ name: 'f', content: 'x' }], { global: Object.fromEntries(Array.from({ length: 65 }, (_, i) => [`k${i}`, 'v'])) }),
    exit: 2, message: /global PAX headers set more than 64 records/, offset: 512,
  }),
  layerCase({
    name: 'tar: NUL inside a GNU long name',
    bytes: () => Buffer.concat([metaEntry('L', Buffer.from('evil\0name\0'), 'gnu'), makeTar([{ name: 'x', content: 'x', format: 'gnu' }])]),
    exit: 2, message: /NUL inside a GNU long name/, offset: true,
  }),
  layerCase({
    name: 'tar: more entries than --max-entries',
    args: ['--max-entries', '2'],
    bytes: () => three(),
    exit: 2, message: /exceeds the entries per layer limit of 2 \(raise it with --max-entries\)/, offset: 1536,
  }),
  {
    name: 'tar: traversal and absolute names, links pointing outside: data to report, never followed',
    exit: [0, 1],
    message: /tar-absolute-path[\s\S]*tar-hardlink-outside[\s\S]*tar-path-traversal[\s\S]*?\\"\.\.\/\.\.\/repcheck-escape-marker\\"/,
    build: ({ dir }) => {
      writeFileSync(join(dir, 'layer.tar'), makeTar([
        { name: '../../repcheck-escape-marker', content: 'escaped\n' },
        { name: '/repcheck-escape-marker-abs', content: 'absolute\n' },
        { name: 'link', type: 'symlink', linkname: '../../../repcheck-escape-marker-link' },
        { name: 'link/through', content: 'through a symlink\n' },
        { name: 'hard', type: 'hardlink', linkname: '../../../etc/passwd' },
      ]));
      return ['--format', 'json', 'layer.tar'];
    },
    mustNotExist: ({ dir }) => [
      resolve(dir, '../../repcheck-escape-marker'),
      '/repcheck-escape-marker-abs',
      resolve(dir, '../../../repcheck-escape-marker-link'),
      join(dir, 'link'),
    ],
  },
  layerCase({
    name: 'tar: an empty (0-byte) input file',
    bytes: () => Buffer.alloc(0),
    exit: 2, message: /is empty; not a container image/,
  }),
  layerCase({
    name: 'tar: a file that is neither a tar nor compressed',
    bytes: () => Buffer.from('just some text\n'.repeat(100)),
    exit: 2, message: /not a container image or layer tar/,
  }),
];

describe('bad input: tar framing (built CLI)', () => {
  it('has distinct case names', () => {
    assert.equal(new Set(TAR_CASES.map((c) => c.name)).size, TAR_CASES.length);
  });
  for (const c of TAR_CASES) it(c.name, async () => void (await runCase(c)));
  // `patch` is used by the other corpus files; keep the import honest here too.
  it('patch helper writes bytes at an offset', () => assert.deepEqual([...patch(Buffer.alloc(3), 1, [7])], [0, 7, 0]));
});
