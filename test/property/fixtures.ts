// Seeds for the property tests: valid inputs of every kind, built in code, plus one committed
// binary: a zstd frame with COMPRESSED blocks (Huffman literals, FSE sequences), which no JS
// encoder here can make and which is where a decoder's loops live.
//
// Recipe of ZSTD_FIXTURE: zstdFixtureTar() below written to fixture.tar, then
//   zstd -q -19 --check fixture.tar -o fixture.tar.zst      (Zstandard CLI v1.5.4)
//   base64 -w0 fixture.tar.zst
// The test "the zstd fixture decompresses to its recipe" checks it still matches.
import { makeTar } from '../helpers/tar-writer.js';
import { dockerArchive, gz, ociArchive, validLayer, zstdFrame } from '../bad-input/build.js';
import { gzipWithHeader } from '../helpers/gzip-writer.js';

export function zstdFixtureTar(): Buffer {
  const lines = Array.from({ length: 60 }, (_, i) => 'line ' + (i % 7) + ': the quick brown fox jumps over the lazy dog ' + (i * 37 % 11)).join('\n') + '\n';
  return makeTar([
    { name: 'etc/', type: 'dir', mode: 0o755 },
    { name: 'etc/motd', content: lines },
    { name: 'etc/os-release', content: 'NAME=repcheck\nID=repcheck\nVERSION_ID=1\n'.repeat(5) },
    { name: 'bin/sh', type: 'symlink', linkname: 'busybox' },
  ]);
}

export const ZSTD_FIXTURE = Buffer.from(
  'KLUv/WQAGx0LABJPLx9AkxsPmI3BEmPWd1xtRuFeIm70lpkid5rdmQyPI0YGGSppaia5bd+xG8Kn6kOpJKcbiIRhoSgwCAZHMk1qqsxLUDgMEC/248ezRtOaF6DSZ8Jmc7wl5Pi430HeEnJ83O8gbwk5Pu53kLeEHB/3O8hbQo6Pu5/dQ+6wn3SwHV4IdaxmE1nXvNCtlUkW2Qx9LAVDL2klU5VZdlLYBngnpbJ42/tzu7uH8B0YnTTmdkVYzZpv44+Rm3vk9kzYDF6oUbBFI4UpqKTdUEmSgqQxQhAQFoFCkCAIAUIwQoAQ/CMsAWwJisgH/TWQZfc7FP2AJeidDCS6GGVruW9C3SgyR6T8KQcgMT1RpYLWgi2lqCKIorSWkqArsSgIKYWMhaI1BEWIKNVISEGF+lREikIGy+8P7qU36yO/b9U/azOvbOXUwlewtJk6a2zVvwFzI71KgD+B6fIg4+AhMiwITYGhXApjoGrs',
  'base64',
);

/** A layer that uses every header feature the walker knows: PAX, GNU long names, links, base-256. */
export function richLayer(): Buffer {
  return Buffer.concat([
    makeTar([
      { name: 'etc/', type: 'dir', mode: 0o755 },
      { name: 'etc/hosts', content: '127.0.0.1 localhost\n', uid: 0, gid: 0, uname: 'root', gname: 'root' },
      { name: 'etc/pax', content: 'pax data\n', pax: { mtime: '1.5', 'SCHILY.xattr.user.k': 'v', comment: 'hi' } },
      { name: `usr/share/${'long-'.repeat(30)}name`, content: 'long\n', format: 'gnu' },
      { name: 'usr/bin/tool', content: '#!/bin/sh\n', mode: 0o755, uid: 2 ** 33, base256: true },
      { name: 'usr/bin/link', type: 'symlink', linkname: 'tool' },
      { name: 'usr/bin/hard', type: 'hardlink', linkname: 'usr/bin/tool' },
      { name: 'dev/null', type: 'char', devmajor: 1, devminor: 3 },
    ], { global: { comment: 'global' } }),
  ]);
}

export const SEEDS = {
  tar: (): Buffer => richLayer(),
  gzip: (): Buffer => {
    const t = richLayer();
    return Buffer.concat([gzipWithHeader(t.subarray(0, 3072), { name: 'layer.tar', hcrc: true, mtime: 7 }), gz(t.subarray(3072))]);
  },
  zstdRaw: (): Buffer => zstdFrame(richLayer(), { checksum: true, blockSize: 1500 }),
  zstd: (): Buffer => Buffer.from(ZSTD_FIXTURE),
  docker: (): Buffer => dockerArchive({ layers: [validLayer(), gz(validLayer([{ name: 'x', content: 'x' }]))] }),
  dockerGz: (): Buffer => gz(dockerArchive()),
  oci: (): Buffer => ociArchive(),
};
