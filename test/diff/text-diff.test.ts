import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mentionsTimeOrTempPath, textDiff } from '../../src/diff/index.js';

const B = (s: string) => Buffer.from(s, 'utf8');

test('textDiff: a unified diff with a/ and b/ names', () => {
  const d = textDiff('etc/build-info', B('name=app\nbuilt=2024-01-01 10:00:00\nend\n'), B('name=app\nbuilt=2024-01-02 11:30:00\nend\n'), 1 << 20);
  assert.ok(d);
  assert.match(d, /^--- a\/etc\/build-info/);
  assert.match(d, /\n\+\+\+ b\/etc\/build-info/);
  assert.match(d, /\n-built=2024-01-01 10:00:00\n\+built=2024-01-02 11:30:00\n/);
  assert.match(d, /@@ -1,3 \+1,3 @@/);
});

test('textDiff: null for binary (NUL, invalid UTF-8) and for too big; empty when equal', () => {
  assert.equal(textDiff('x', Buffer.from([0x61, 0x00, 0x62]), B('ab'), 100), null);
  assert.equal(textDiff('x', B('ab'), Buffer.from([0xff, 0xfe, 0x41]), 100), null);
  assert.equal(textDiff('x', B('a'.repeat(101)), B('b'), 100), null);
  assert.equal(textDiff('x', B('same\n'), B('same\n'), 100), '');
  assert.notEqual(textDiff('x', B('é\n'), B('è\n'), 100), null);
});

test('mentionsTimeOrTempPath: hints from changed lines only', () => {
  const patch = [
    '--- a/f',
    '+++ b/f',
    '@@ -1,3 +1,3 @@',
    ' context 2020-01-01T00:00:00 untouched',
    '-cache=/tmp/build.Ab12Cd/x',
    '+cache=/tmp/build.Zz99Yy/x',
    '-stamp 1700000000',
    '+stamp 1700003600',
  ].join('\n');
  assert.deepEqual(mentionsTimeOrTempPath(patch), ['epoch timestamps', 'temp paths (/tmp/…)']);
  assert.deepEqual(mentionsTimeOrTempPath('-built Tue Jan 2 10:00:00 2024\n+built Wed Jan 3 09:00:00 2024\n'), ['dates/times']);
  assert.deepEqual(mentionsTimeOrTempPath(' 2024-01-01 10:00\n-a\n+b\n'), []);
});
