// Safe output (issue 5, promise 7), from the built CLI: names with control characters, bidi
// overrides, zero-width characters and bytes that are not UTF-8 are escaped in text output and
// kept with full fidelity in JSON; very long names are shortened in text.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { printable } from '../../src/io/printable.js';
import { safeText, shortText } from '../../src/render/escape.js';
import { surrogateEscape } from '../../src/tar/text.js';
import { makeTar } from '../helpers/tar-writer.js';
import { makeCaseDirs, removeCaseDirs, runCliTimed } from './harness.js';

const RAW_NOT_UTF8 = Buffer.from([0x63, 0x9b, 0x33, 0x31, 0x6d, 0xff, 0xc3, 0xa9]); // c CSI "31m" 0xff é
const LONG = `long/${'d'.repeat(2000)}/end-of-the-long-name`;
const NAMES = {
  esc: 'red\u001b[31mtext\u001b]0;title\u0007',
  bidi: 'evil\u202egnp.exe',
  zeroWidth: 'bin/s\u200bh',
  newline: 'two\nlines',
  c1: 'c1\u0085next',
};

const TERMINAL_UNSAFE = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u061c\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]|[\ud800-\udfff]/u;

function run(args: string[]): { text: string; json: string } {
  const d = makeCaseDirs();
  try {
    // Two layers: a finding shows at most five example paths.
    writeFileSync(join(d.dir, 'evil1.tar'), makeTar(
      Object.values(NAMES).map((name) => ({ name: 'x', content: 'x', mtime: 1000, pax: { path: name } })),
    ));
    writeFileSync(join(d.dir, 'evil2.tar'), makeTar([
      { name: 'x', content: 'x', mtime: 1000, pax: { path: RAW_NOT_UTF8 } },
      { name: 'x', content: 'x', mtime: 1000, pax: { path: LONG } },
    ]));
    const env = { TMPDIR: d.tmp, HOME: d.home, SOURCE_DATE_EPOCH: '0' };
    const text = runCliTimed([...args, '-v', 'evil1.tar', 'evil2.tar'], d.dir, env);
    const json = runCliTimed([...args, '--format', 'json', 'evil1.tar', 'evil2.tar'], d.dir, env);
    assert.equal(text.exit, 1, text.stderr);
    assert.equal(json.exit, 1, json.stderr);
    return { text: text.stdout, json: json.stdout };
  } finally {
    removeCaseDirs(d);
  }
}

describe('safe output (built CLI)', () => {
  const { text, json } = run([]);

  it('text: no control, bidi or invisible character reaches the terminal', () => {
    for (const line of text.split('\n')) assert.doesNotMatch(line, TERMINAL_UNSAFE, JSON.stringify(line));
  });

  it('text: each name is shown escaped', () => {
    for (const shown of [
      'red\\x1b[31mtext\\x1b]0;title\\x07', 'evil\\u{202e}gnp.exe', 'bin/s\\u{200b}h', 'two\\x0alines', 'c1\\x85next',
      'c\\x9b31m\\xffé', // the bytes that are not UTF-8 as \xNN, the valid é as itself
    ]) {
      assert.ok(text.includes(shown), `${shown} in:\n${text}`);
    }
  });

  it('text: a very long name is shortened in the middle, both ends kept', () => {
    const line = text.split('\n').find((l) => l.includes('long/ddd'));
    assert.ok(line, text);
    assert.ok(line.includes('…') && line.includes('end-of-the-long-name'), line);
    assert.ok(line.length < 200, `${line.length} characters`);
  });

  it('JSON: full fidelity (JSON.stringify escapes; the parsed paths are the names themselves)', () => {
    const paths = new Set<string>();
    const walk = (v: unknown): void => {
      if (Array.isArray(v)) v.forEach(walk);
      else if (v && typeof v === 'object') {
        for (const [k, x] of Object.entries(v)) {
          if (k === 'path' && typeof x === 'string') paths.add(x);
          walk(x);
        }
      }
    };
    walk(JSON.parse(json));
    for (const name of Object.values(NAMES)) assert.ok(paths.has(name), JSON.stringify(name));
    assert.ok(paths.has(LONG), 'the long name, whole');
    assert.ok(paths.has(surrogateEscape(RAW_NOT_UTF8)), 'the bytes that are not UTF-8, recoverable');
    assert.doesNotMatch(json, /[\u0000-\u0009\u000b-\u001f]/, 'JSON.stringify escapes C0 controls');
  });

  it('the error-message escaper (io/printable) and the renderer escaper (render/escape) agree', () => {
    const samples = [
      ...Object.values(NAMES), surrogateEscape(RAW_NOT_UTF8), '\ud800 lone high', 'ok \ud83d\ude00 pair', '\ufeffbom', '\u2028sep',
      Array.from({ length: 0x300 }, (_, i) => String.fromCharCode(i)).join(''),
    ];
    for (const s of samples) {
      assert.equal(printable(s), safeText(s), JSON.stringify(s));
      assert.equal(printable(printable(s)), printable(s), 'idempotent');
    }
    // shortText never cuts a surrogate pair or an escape in half.
    const emoji = '\ud83d\ude00'.repeat(100);
    assert.doesNotMatch(shortText(emoji, 21), /[\ud800-\udfff]/u); // in u-mode: lone surrogates only
    const escs = '\u001b'.repeat(100);
    assert.match(shortText(escs, 21), /^(\\x1b)+…(\\x1b)+$/);
  });
});
