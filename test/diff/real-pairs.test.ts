// Real-tool pairs (test/fixtures/real/pairs, made by make-pairs.sh with GNU tar, gzip, pigz,
// python's zlib, umoci, skopeo, buildah): the built CLI must name exactly the cause each pair
// was made to have, and no other.
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { test } from 'node:test';
import { runCli } from '../golden/harness.js';
import { fixture } from '../helpers/paths.js';

const dir = fixture('real/pairs');

/** pair → [verdict, exact set of kinds]. */
const EXPECTED: Record<string, [string, string[]]> = {
  'compression-level': ['differs', ['compression-level']],
  compressor: ['differs', ['compressor']],
  'compressor-pigz': ['differs', ['compressor']],
  'compressor-rsyncable': ['differs', ['compressor']],
  'config-created': ['differs', ['config-created']],
  'config-other': ['differs', ['config-other']],
  'entry-content': ['differs', ['entry-content']],
  'entry-link': ['differs', ['entry-link']],
  'entry-mode': ['differs', ['entry-mode']],
  'entry-mtime': ['differs', ['entry-mtime']],
  'entry-mtime-dirs': ['differs', ['entry-mtime']],
  'entry-order': ['differs', ['entry-order']],
  'entry-owner': ['differs', ['entry-owner']],
  'entry-pax': ['differs', ['entry-pax']],
  'entry-pax-atime': ['differs', ['entry-pax']],
  'entry-pax-keyword': ['differs', ['entry-pax']],
  'entry-set': ['differs', ['entry-set']],
  'entry-type': ['differs', ['entry-type']],
  'entry-type-hardlink': ['differs', ['entry-type']],
  'entry-xattrs': ['differs', ['entry-xattrs']],
  // Adding xattrs turns ustar headers into PAX ones: both are real differences.
  'entry-xattrs-added': ['differs', ['entry-xattrs', 'tar-format']],
  'gzip-header': ['differs', ['gzip-header']],
  'gzip-mtime': ['differs', ['gzip-mtime']],
  'gzip-name': ['differs', ['gzip-name']],
  'gzip-name-stdin': ['differs', ['gzip-name']],
  'gzip-os': ['differs', ['gzip-os']],
  // Go's pgzip (via skopeo) writes OS=255 and a constant MTIME where gzip -n writes 0.
  'gzip-os-go': ['differs', ['gzip-mtime', 'gzip-os']],
  'history-created': ['differs', ['history-created']],
  'history-other': ['differs', ['history-other']],
  identical: ['equivalent', []],
  // Names are not part of the image: reported, but the images are equivalent.
  'image-ref': ['equivalent', ['image-ref']],
  'image-ref-oci': ['equivalent', ['image-ref']],
  'layer-compression': ['differs', ['layer-compression']],
  'layer-compression-none': ['differs', ['layer-compression']],
  'layer-order': ['differs', ['layer-order']],
  'layer-set': ['differs', ['layer-set']],
  'manifest-other': ['differs', ['manifest-other']],
  'tar-format': ['differs', ['tar-format']],
};

const files = readdirSync(dir);
const pairs = [...new Set(files.map((f) => f.replace(/\.[ab]\..*$/, '')))].sort();

test('every real pair has an expectation', () => {
  assert.deepEqual(pairs, Object.keys(EXPECTED).sort());
});

for (const name of pairs) {
  test(`real pair ${name}`, () => {
    const a = files.find((f) => f.startsWith(`${name}.a.`))!;
    const b = files.find((f) => f.startsWith(`${name}.b.`))!;
    const r = runCli(['diff', '--format', 'json', a, b], dir);
    assert.notEqual(r.exit, 2, r.stderr);
    const report = JSON.parse(r.stdout) as { verdict: string; findings: { kind: string }[] };
    const [verdict, kinds] = EXPECTED[name]!;
    assert.deepEqual([...new Set(report.findings.map((f) => f.kind))].sort(), kinds);
    assert.equal(report.verdict, verdict);
  });
}

test('the same file twice is identical and costs no scan', () => {
  const r = runCli(['diff', '--format', 'json', 'entry-content.a.tar', 'entry-content.a.tar'], dir);
  assert.equal(r.exit, 0);
  assert.equal((JSON.parse(r.stdout) as { verdict: string }).verdict, 'identical');
});
