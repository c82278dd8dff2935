import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { crc32, crc32Table } from '../../src/gzip/crc32.js';
import { crc32Bitwise } from '../helpers/gzip-writer.js';

test('crc32: known vector, and the table fallback equals the chosen one, incrementally too', () => {
  assert.equal(crc32(Buffer.from('123456789')), 0xcbf43926);
  assert.equal(crc32Table(Buffer.from('123456789')), 0xcbf43926);
  assert.equal(crc32Bitwise(Buffer.from('123456789')), 0xcbf43926);
  const data = randomBytes(100_000);
  const whole = crc32(data);
  assert.equal(crc32Table(data), whole);
  assert.equal(crc32(data.subarray(60_000), crc32(data.subarray(0, 60_000))), whole);
  assert.equal(crc32Table(data.subarray(60_000), crc32Table(data.subarray(0, 60_000))), whole);
  assert.equal(crc32(Buffer.alloc(0)), 0);
});
