import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { detectCompression, detectUnsupported, unsupportedMessage } from '../../src/io/sniff.js';
import { makeTar } from '../helpers/tar-writer.js';
import { sharedFixtures, SKIP_SHARED } from '../helpers/paths.js';

test('detectCompression by magic: gzip, zstd, else none', () => {
  assert.equal(detectCompression(gzipSync('x')), 'gzip');
  assert.equal(detectCompression(Buffer.from([0x28, 0xb5, 0x2f, 0xfd, 0x04])), 'zstd');
  assert.equal(detectCompression(makeTar([{ name: 'a' }])), 'none');
  assert.equal(detectCompression(Buffer.from([0x1f])), 'none');
  assert.equal(detectCompression(Buffer.alloc(0)), 'none');
});

test('detectUnsupported: xz and bzip2 (with block magic), not a tar named BZh1', () => {
  assert.equal(detectUnsupported(Buffer.from([0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00, 0, 4])), 'xz');
  assert.equal(detectUnsupported(Buffer.from('425a683931415926535900', 'hex')), 'bzip2');
  assert.equal(detectUnsupported(Buffer.from('425a683917724538509000', 'hex')), 'bzip2'); // empty bzip2 stream
  assert.equal(detectUnsupported(makeTar([{ name: 'BZh1file' }])), null);
  assert.equal(detectUnsupported(gzipSync('x')), null);
  assert.equal(unsupportedMessage('xz'), 'xz-compressed input is not supported; decompress it first');
});

test('real samples: containers/image compression fixtures', { skip: SKIP_SHARED }, () => {
  const f = (n: string): Buffer => readFileSync(join(sharedFixtures!, 'containers-image/pkg/compression/fixtures', n));
  assert.equal(detectUnsupported(f('Hello.xz')), 'xz');
  assert.equal(detectUnsupported(f('Hello.bz2')), 'bzip2');
  assert.equal(detectCompression(f('Hello.gz')), 'gzip');
  assert.equal(detectCompression(f('Hello.zst')), 'zstd');
  assert.equal(detectCompression(f('Hello.uncompressed')), 'none');
  assert.equal(detectUnsupported(f('Hello.uncompressed')), null);
  assert.equal(detectUnsupported(readFileSync(join(sharedFixtures!, 'skopeo/systemtest/testdata/docker-two-images.tar.xz'))), 'xz');
});
