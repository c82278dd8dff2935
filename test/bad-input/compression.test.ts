// Bad-input corpus, part 2: gzip and zstd, as compressed bare layers and as compressed whole
// archives (a docker-archive `.tar.gz`, read through the compressed-tar container).
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { gzipWithHeader } from '../helpers/gzip-writer.js';
import { makeTar } from '../helpers/tar-writer.js';
import { dockerArchive, gz, patch, validLayer, zstdFrame } from './build.js';
import { runCase, type BadCase } from './harness.js';

const MIB = 1024 * 1024;

function fileCase(c: Omit<BadCase, 'build'> & { bytes: () => Buffer; inputName: string; args?: string[] }): BadCase {
  return {
    file: c.inputName,
    ...c,
    build: ({ dir }) => {
      writeFileSync(join(dir, c.inputName), c.bytes());
      return [...(c.args ?? []), c.inputName];
    },
  };
}

const layer = (): Buffer => validLayer([{ name: 'etc/data', content: 'some data\n'.repeat(200) }]);
const goodGz = (): Buffer => gz(layer());

/** A gzip of `tar` whose trailer word at `at` (0 = CRC-32, 4 = ISIZE) is corrupted. */
function badTrailer(at: 0 | 4): Buffer {
  const g = goodGz();
  const off = g.length - 8 + at;
  return patch(g, off, [g[off]! ^ 0xff]);
}

/** A tar holding one file of `size` zero bytes: compresses about 1000:1. */
function zerosTar(size: number): Buffer {
  return makeTar([{ name: 'zeros', content: Buffer.alloc(size) }]);
}

export const COMPRESSION_CASES: BadCase[] = [
  fileCase({
    name: 'gzip: bad CRC-32 in the member trailer',
    inputName: 'layer.tar.gz', bytes: () => badTrailer(0),
    exit: 2, message: /gzip member CRC-32 mismatch \(stored [0-9a-f]{8}, computed [0-9a-f]{8}\)/, offset: goodGz().length - 8,
  }),
  fileCase({
    name: 'gzip: bad ISIZE in the member trailer',
    inputName: 'layer.tar.gz', bytes: () => badTrailer(4),
    exit: 2, message: /gzip member ISIZE mismatch/, offset: goodGz().length - 4,
  }),
  fileCase({
    name: 'gzip: reserved FLG bits set',
    inputName: 'layer.tar.gz', bytes: () => gzipWithHeader(layer(), { extraFlags: 0x20 }),
    exit: 2, message: /reserved gzip FLG bits set \(0x20\)/, offset: 3,
  }),
  fileCase({
    name: 'gzip: header CRC16 (FHCRC) mismatch',
    inputName: 'layer.tar.gz',
    bytes: () => {
      const g = gzipWithHeader(layer(), { hcrc: true, name: 'layer.tar' });
      const at = 10 + 'layer.tar'.length + 1; // the CRC16 right after FNAME
      return patch(g, at, [g[at]! ^ 0xff]);
    },
    exit: 2, message: /gzip header CRC16 mismatch/, offset: 20,
  }),
  fileCase({
    name: 'gzip: trailing garbage after the last member',
    inputName: 'layer.tar.gz', bytes: () => Buffer.concat([goodGz(), Buffer.from('JUNK AFTER THE GZIP MEMBER')]),
    exit: 2, message: /trailing garbage after the last gzip member/, offset: goodGz().length,
  }),
  fileCase({
    name: 'gzip: non-zero data after trailing zero padding',
    inputName: 'layer.tar.gz', bytes: () => Buffer.concat([goodGz(), Buffer.alloc(100), Buffer.from('X')]),
    exit: 2, message: /non-zero data after the zero bytes/, offset: goodGz().length + 100,
  }),
  fileCase({
    name: 'gzip: trailing zero padding is a note, not an error',
    inputName: 'layer.tar.gz', args: ['--format', 'json'], bytes: () => Buffer.concat([goodGz(), Buffer.alloc(64)]),
    exit: [0, 1], message: /gzip-trailing-zeros/,
  }),
  fileCase({
    name: 'gzip: multi-member gzip (valid) is read whole',
    inputName: 'layer.tar.gz', args: ['--format', 'json'],
    bytes: () => {
      const t = layer();
      return Buffer.concat([gz(t.subarray(0, 700)), gzipWithHeader(t.subarray(700, 1600), { name: 'part2' }), gz(t.subarray(1600))]);
    },
    exit: [0, 1], message: /"field": "FNAME@\d+",\s+"value": "part2"/, // the second member's header was read
  }),
  fileCase({
    name: 'gzip: truncated inside the deflate data',
    inputName: 'layer.tar.gz', bytes: () => goodGz().subarray(0, 60),
    exit: 2, message: /gzip truncated/, offset: true,
  }),
  fileCase({
    name: 'gzip: truncated inside the trailer',
    inputName: 'layer.tar.gz', bytes: () => goodGz().subarray(0, goodGz().length - 3),
    exit: 2, message: /gzip truncated inside a member trailer/, offset: true,
  }),
  fileCase({
    name: 'gzip: corrupt deflate data',
    inputName: 'layer.tar.gz',
    bytes: () => { const g = goodGz(); return patch(g, 40, Buffer.alloc(16, 0xff)); },
    exit: 2, message: /corrupt deflate data|CRC-32 mismatch|invalid|gzip/, offset: true,
  }),
  fileCase({
    name: 'gzip bomb: 48 MiB from a tiny gzip, over a lowered --max-layer-bytes',
    inputName: 'bomb.tar.gz', args: ['--max-layer-bytes', '1000000'], bytes: () => gz(zerosTar(48 * MIB)),
    exit: 2, message: /exceeds the decompressed bytes per layer limit of 1000000 \(raise it with --max-layer-bytes\)/,
  }),
  fileCase({
    name: 'gzip bomb: past 64 MiB at more than a lowered --max-ratio',
    inputName: 'bomb.tar.gz', args: ['--max-ratio', '50'], bytes: () => gz(zerosTar(80 * MIB)),
    exit: 2, message: /exceeds the decompression ratio limit of 50 \(raise it with --max-ratio\)/,
  }),
  fileCase({
    name: 'gzip: compressed text, not a tar',
    inputName: 'text.gz', bytes: () => gz(Buffer.from('hello\n'.repeat(200))),
    exit: 2, message: /gzip-compressed, but what it holds is not a tar/,
  }),
  fileCase({
    name: 'gzip-wrapped docker archive: bad CRC-32',
    inputName: 'img.tar.gz',
    bytes: () => { const g = gz(dockerArchive()); return patch(g, g.length - 8, [g[g.length - 8]! ^ 1]); },
    exit: 2, message: /gzip member CRC-32 mismatch/, offset: true,
  }),
  fileCase({
    name: 'gzip-wrapped docker archive: trailing garbage',
    inputName: 'img.tar.gz', bytes: () => Buffer.concat([gz(dockerArchive()), Buffer.from('garbage')]),
    exit: 2, message: /trailing garbage after the last gzip member/, offset: true,
  }),
  fileCase({
    name: 'zstd: valid frame with a content checksum',
    inputName: 'layer.tar.zst', args: ['--format', 'json'], bytes: () => zstdFrame(layer(), { checksum: true }),
    exit: [0, 1], message: /"flavour": "layer"/,
  }),
  fileCase({
    name: 'zstd: content checksum mismatch (XXH64)',
    inputName: 'layer.tar.zst', bytes: () => zstdFrame(layer(), { badChecksum: true }),
    exit: 2, message: /zstd frame content checksum mismatch/, offset: zstdFrame(layer(), { checksum: true }).length - 4,
  }),
  fileCase({
    name: 'zstd: truncated frame',
    inputName: 'layer.tar.zst', bytes: () => zstdFrame(layer()).subarray(0, 700),
    exit: 2, message: /zstd truncated/, offset: true,
  }),
  fileCase({
    name: 'zstd: window larger than the decoder limit (1 GiB declared)',
    inputName: 'layer.tar.zst', bytes: () => zstdFrame(layer(), { windowLog: 30 }),
    exit: 2, message: /zstd frame window of 1073741824 bytes exceeds the 134217728-byte limit/, offset: 5,
  }),
  fileCase({
    name: 'zstd: a frame that needs a dictionary is refused, not mis-decoded',
    inputName: 'layer.tar.zst',
    // FHD 0x01: one Dictionary_ID byte after the window descriptor; id 5.
    bytes: () => { const f = zstdFrame(layer()); return Buffer.concat([f.subarray(0, 4), Buffer.from([0x01, f[5]!, 5]), f.subarray(6)]); },
    exit: 2, message: /zstd frame needs dictionary 5, which is not available/, offset: 6,
  }),
  fileCase({
    name: 'zstd: a block larger than the frame\'s block maximum (window 1 KiB, block 2000 bytes)',
    inputName: 'layer.tar.zst', bytes: () => zstdFrame(layer(), { windowLog: 10, blockSize: 2000 }),
    exit: 2, message: /zstd block of 2000 bytes exceeds the frame's block maximum of 1024/, offset: 6,
  }),
  fileCase({
    name: 'zstd: a single-segment frame declaring 1 GiB of content (its window) is refused',
    inputName: 'layer.tar.zst',
    // FHD 0xa0: Frame_Content_Size_Flag 2 (4 bytes), Single_Segment; no window descriptor.
    bytes: () => { const f = zstdFrame(layer()); const fcs = Buffer.alloc(4); fcs.writeUInt32LE(2 ** 30); return Buffer.concat([f.subarray(0, 4), Buffer.from([0xa0]), fcs, f.subarray(6)]); },
    exit: 2, message: /zstd frame window of 1073741824 bytes exceeds the 134217728-byte limit/, offset: 5,
  }),
  fileCase({
    name: 'zstd: trailing garbage after the last frame',
    inputName: 'layer.tar.zst', bytes: () => Buffer.concat([zstdFrame(layer()), Buffer.from('garbage!')]),
    exit: 2, message: /trailing garbage after the last zstd frame/, offset: zstdFrame(layer()).length,
  }),
  fileCase({
    name: 'zstd: thousands of 1-byte blocks in a 128 MiB window finish quickly (no quadratic window copy)',
    inputName: 'layer.tar.zst', args: ['--format', 'json'], timeoutMs: 30_000,
    bytes: () => zstdFrame(makeTar([{ name: 'f', content: 'x' }]), { windowLog: 27, blockSize: 1, checksum: true }),
    exit: [0, 1], message: /"flavour": "layer"/,
  }),
  fileCase({
    name: 'xz: recognised and refused with a hint',
    inputName: 'layer.tar.xz', bytes: () => Buffer.concat([Buffer.from([0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00]), Buffer.alloc(600)]),
    exit: 2, message: /xz-compressed input is not supported; decompress it first/,
  }),
];

describe('bad input: compression (built CLI)', () => {
  it('has distinct case names', () => {
    assert.equal(new Set(COMPRESSION_CASES.map((c) => c.name)).size, COMPRESSION_CASES.length);
  });
  for (const c of COMPRESSION_CASES) it(c.name, { timeout: 120_000 }, async () => void (await runCase(c)));
});
