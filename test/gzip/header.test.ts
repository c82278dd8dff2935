// RFC 1952 member headers, field by field.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseGzipHeader } from '../../src/gzip/header.js';
import { gzipHeaderBytes } from '../helpers/gzip-writer.js';

test('fixed fields: MTIME (LE), XFL, OS, FLG', () => {
  const h = parseGzipHeader(gzipHeaderBytes({ mtime: 0x5f000001, xfl: 2, os: 255 }), 100)!;
  assert.deepEqual(h.header, { offset: 100, mtime: 0x5f000001, xfl: 2, os: 255, flags: 0, name: null, comment: null, extra: null, headerCrc: false });
  assert.equal(h.length, 10);
});

test('each optional field: FEXTRA (hex), FNAME and FCOMMENT (latin-1), FTEXT', () => {
  const bytes = gzipHeaderBytes({ extra: Buffer.from([0xab, 0x01]), name: 'caf\u00e9.tar', comment: 'hi', ftext: true });
  const h = parseGzipHeader(bytes, 0)!;
  assert.equal(h.header.extra, 'ab01');
  assert.equal(h.header.name, 'café.tar');
  assert.equal(h.header.comment, 'hi');
  assert.equal(h.header.flags, 1 | 4 | 8 | 16);
  assert.equal(h.length, bytes.length);
  assert.equal(parseGzipHeader(gzipHeaderBytes({ name: '' }), 0)!.header.name, '');
});

test('FHCRC: CRC16 of the header verified; a wrong one is an error at its offset', () => {
  const bytes = gzipHeaderBytes({ name: 'x', hcrc: true });
  const h = parseGzipHeader(bytes, 0)!;
  assert.equal(h.header.headerCrc, true);
  assert.equal(h.length, bytes.length);
  const bad = Buffer.from(bytes);
  bad[bad.length - 1] ^= 0xff;
  assert.throws(() => parseGzipHeader(bad, 50), (e: Error & { offset?: number }) => /CRC16 mismatch/.test(e.message) && e.offset === 50 + bytes.length - 2);
});

test('reserved FLG bits 5-7 and CM != 8 are rejected with offsets; bad magic too', () => {
  for (const bit of [0x20, 0x40, 0x80]) {
    assert.throws(() => parseGzipHeader(gzipHeaderBytes({ extraFlags: bit }), 7), (e: Error & { offset?: number }) => /reserved/.test(e.message) && e.offset === 10);
  }
  assert.throws(() => parseGzipHeader(gzipHeaderBytes({ cm: 7 }), 0), (e: Error & { offset?: number }) => /compression method 7/.test(e.message) && e.offset === 2);
  assert.throws(() => parseGzipHeader(Buffer.from([0x1f, 0x8c]), 0), /bad magic/);
});

test('incomplete headers return null at every cut point; an unterminated name hits the limit', () => {
  const bytes = gzipHeaderBytes({ extra: Buffer.alloc(5, 1), name: 'n', comment: 'c', hcrc: true });
  for (let i = 0; i < bytes.length; i++) assert.equal(parseGzipHeader(bytes.subarray(0, i), 0), null, `cut at ${i}`);
  assert.notEqual(parseGzipHeader(bytes, 0), null);
  const endless = Buffer.concat([gzipHeaderBytes({ name: '' }).subarray(0, 10), Buffer.alloc(100, 0x41)]);
  assert.throws(() => parseGzipHeader(endless, 0, 64), (e: Error & { limit?: string }) => e.limit === 'maxHeaderBytes');
});
