// Waivers: suppress and count; a path glob narrows them; an expired one stops applying and says so.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { applyWaivers, type Waiver } from '../../src/config/index.js';
import { diffReport, lintReport } from '../render/reports.js';

const TODAY = '2025-06-01';

test('waivers: a kind waiver suppresses every finding of the kind, counted, and the gate follows', () => {
  const r = lintReport();
  const w: Waiver[] = [
    { kind: 'digest-mismatch', reason: 'known vendor blob' },
    { kind: 'entry-mtime', reason: 'fixed in next release' },
    { kind: 'entry-owner', reason: 'x' },
    { kind: 'gzip-name', reason: 'x' },
    { kind: 'config-created', reason: 'unused' },
  ];
  const out = applyWaivers(r, w, TODAY);
  assert.deepEqual(out.findings.map((f) => f.kind), ['shadowed-path']);
  assert.deepEqual(out.suppressed, {
    'kind:entry-order': 4,
    'waiver:digest-mismatch': 1,
    'waiver:entry-mtime': 10,
    'waiver:entry-owner': 2,
    'waiver:gzip-name': 1,
    'waiver:config-created': 0,
  });
  assert.equal(out.worst, 'info');
  assert.deepEqual(out.gate, { failOn: 'warning', failed: false });
  assert.equal(r.findings.length, 5, 'the input report is not changed');
});

test('waivers: a path glob takes only matching occurrences of an aggregated finding', () => {
  const r = lintReport(); // entry-mtime: count 10, 5 examples (app, app/run.sh, app/evil…, app/m.txt, app/zeta.txt)
  const out = applyWaivers(r, [{ kind: 'entry-mtime', path: 'app/*.txt', reason: 'data files' }], TODAY);
  const f = out.findings.find((x) => x.kind === 'entry-mtime')!;
  assert.equal(f.count, 8);
  assert.deepEqual(f.examples.map((e) => e.path?.slice(0, 8)), ['app', 'app/run.', 'app/evil']);
  assert.equal(out.suppressed['waiver:entry-mtime:app/*.txt'], 2);
  // A finding with one path is taken whole when the path matches.
  const shadow = applyWaivers(r, [{ kind: 'shadowed-path', path: 'etc/**', reason: 'dpkg' }], TODAY);
  assert.ok(!shadow.findings.some((x) => x.kind === 'shadowed-path'));
  assert.equal(shadow.suppressed['waiver:shadowed-path:etc/**'], 1);
});

test('waivers: in a diff, the entry table proves every occurrence matches the glob', () => {
  // entry-mtime: 33 occurrences = etc/build-info, var/cache/…, var/log/… and 30 synthetic entries
  // (29 under usr/share/doc, 1 under opt/needle); the finding's examples are the first three.
  const r = diffReport(30);
  const none = applyWaivers(r, [{ kind: 'entry-mtime', path: 'usr/share/doc/**', reason: 'docs' }], TODAY);
  assert.equal(none.findings.find((x) => x.kind === 'entry-mtime')!.count, 33, 'no example matches: nothing is known to match');
  assert.equal(none.suppressed['waiver:entry-mtime:usr/share/doc/**'], 0);
  const some = applyWaivers(r, [{ kind: 'entry-mtime', path: 'var/**', reason: 'caches' }], TODAY);
  const f = some.findings.find((x) => x.kind === 'entry-mtime')!;
  assert.equal(f.count, 31, 'only the matching examples are taken');
  assert.deepEqual(f.examples.map((e) => e.path), ['etc/build-info']);
  const whole = applyWaivers(r, [{ kind: 'entry-mtime', path: '**', reason: 'everything' }], TODAY);
  assert.ok(!whole.findings.some((x) => x.kind === 'entry-mtime'), 'every entry-mtime entry matches: the finding goes');
  assert.equal(whole.suppressed['waiver:entry-mtime:**'], 33);
});

test('waivers: an expired waiver stops applying and the report says so', () => {
  const r = lintReport();
  const w: Waiver[] = [
    { kind: 'entry-mtime', reason: 'until the base image is rebuilt', expires: '2025-05-31' },
    { kind: 'gzip-name', reason: 'last day still counts', expires: TODAY },
  ];
  const out = applyWaivers(r, w, TODAY);
  assert.ok(out.findings.some((f) => f.kind === 'entry-mtime'), 'expired: the finding is back');
  assert.ok(!out.findings.some((f) => f.kind === 'gzip-name'), 'expires today: still applies');
  assert.equal(out.suppressed['waiver:entry-mtime'], undefined);
  const note = out.notes.find((n) => n.code === 'waiver-expired')!;
  assert.match(note.message, /waiver waiver:entry-mtime expired on 2025-05-31 and no longer applies \(its reason: until the base image is rebuilt\)/);
  assert.equal(out.gate.failed, true);
  assert.throws(() => applyWaivers(r, w, '1 June'), /today must be YYYY-MM-DD/);
});
