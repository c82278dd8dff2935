// The small pieces of build/: the variation registry, locale choice, affinity lists, how a
// build's argv is composed, the bounded log tail, difference signatures.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { commandLine, emptySetup } from '../../src/build/build-once.js';
import { parseCpuList } from '../../src/build/host.js';
import { LogTail } from '../../src/build/log-tail.js';
import { beyond, differenceSignatures, summarizeSignatures } from '../../src/build/signatures.js';
import { pickLocales, VARIATION_IDS, VARIATIONS, type CheckContext, type HostFacts } from '../../src/build/variations/index.js';
import type { Report } from '../../src/model/report.js';
import { repoRoot } from '../helpers/paths.js';

const HOST: HostFacts = {
  isRoot: true,
  faketime: { ok: true },
  disorderfs: { ok: true, multiUser: true },
  creationOrderVisible: false,
  locales: ['C', 'C.utf8', 'POSIX', 'en_US.utf8'],
  cpus: [0, 1, 2, 3],
  uts: { ok: true },
};
const ctx = (host: Partial<HostFacts> = {}, pinned: string[] = []): CheckContext => ({ host: { ...HOST, ...host }, pinned: new Set(pinned) });

test('variations: one file per variation, each in the registry, ids exactly as documented', () => {
  const files = readdirSync(join(repoRoot, 'src', 'build', 'variations'))
    .filter((f) => f.endsWith('.ts') && f !== 'index.ts' && f !== 'types.ts')
    .map((f) => f.replace(/\.ts$/, ''))
    .sort();
  assert.deepEqual(files, [...VARIATION_IDS].sort());
  assert.deepEqual(VARIATIONS.map((v) => v.id), [
    'build-path', 'time', 'timezone', 'locale', 'umask', 'home', 'user', 'file-order', 'cpus', 'hostname', 'source-date-epoch',
  ]);
  for (const v of VARIATIONS) assert.ok(v.title && v.hint.length > 40, v.id);
});

test('variations: each says why it cannot run (missing tool, not root, pinned with --env)', () => {
  const reason = (id: string, c: CheckContext) => {
    const a = VARIATIONS.find((v) => v.id === id)!.check(c);
    return a.applied ? null : a.reason;
  };
  assert.match(reason('timezone', ctx({}, ['TZ']))!, /pinned with --env TZ/);
  assert.match(reason('locale', ctx({}, ['LC_ALL']))!, /pinned with --env LC_ALL/);
  assert.match(reason('source-date-epoch', ctx({}, ['SOURCE_DATE_EPOCH']))!, /pinned/);
  assert.match(reason('hostname', ctx({ uts: { ok: false, reason: 'needs root' } }))!, /needs root/);
  assert.match(reason('cpus', ctx({ cpus: [3] }))!, /only one CPU/);
  assert.match(reason('cpus', ctx({ cpus: null }))!, /taskset/);
  assert.match(reason('file-order', ctx({ disorderfs: { ok: false, reason: 'disorderfs is not installed' } }))!, /ext4 hashes names/);
  assert.equal(reason('file-order', ctx({ disorderfs: { ok: false, reason: 'x' }, creationOrderVisible: true })), null);
  const time = VARIATIONS.find((v) => v.id === 'time')!.check(ctx({ faketime: { ok: false, installed: false, reason: 'faketime is not installed' } }));
  assert.ok(time.applied && time.uncontrolled && /not held equal/.test(time.detail));
});

test('pickLocales: C.UTF-8 as the base, a locale with other collation as the other; says when there is none', () => {
  assert.deepEqual(pickLocales(['C', 'C.utf8', 'POSIX', 'de_DE.utf8', 'en_US.utf8']), { base: 'C.utf8', other: 'en_US.utf8', collationDiffers: true });
  assert.deepEqual(pickLocales(['C', 'C.utf8', 'POSIX']), { base: 'C.utf8', other: 'C', collationDiffers: false });
  assert.deepEqual(pickLocales(['C', 'POSIX']), { base: 'C', other: 'POSIX', collationDiffers: false });
  assert.equal(pickLocales(['C.utf8', 'sv_SE.utf8']).other, 'sv_SE.utf8');
});

test('parseCpuList: taskset affinity lists', () => {
  assert.deepEqual(parseCpuList('0-3,6,8-9'), [0, 1, 2, 3, 6, 8, 9]);
  assert.deepEqual(parseCpuList('0'), [0]);
});

test('commandLine: faketime (an offset from the start second), taskset, unshare, the prelude shell, then the command', () => {
  const s = emptySetup();
  for (const v of VARIATIONS) v.apply(s, true, ctx());
  const start = 1_800_000_000;
  const argv = commandLine(s, ['make', 'all'], start);
  // Varied: a day and 7 s after 2024-01-01, as an offset (no date to parse, so no time zone).
  assert.deepEqual(argv.slice(0, 8), ['faketime', '-f', String(1704067200 + 86407 - start), 'taskset', '-c', '0', 'unshare', '--uts']);
  assert.deepEqual(argv.slice(8, 10), ['sh', '-c']);
  assert.equal(argv[10], 'printf %s other-host-b > /proc/sys/kernel/hostname && umask 002 && exec "$@"');
  assert.deepEqual(argv.slice(11), ['repcheck-build', 'make', 'all']);
  assert.equal(s.env.TZ, '<+14>-14');
  assert.equal(s.slot, 'build-b');
  // Base: no taskset, the base fake clock, the base names; the offset follows the start second.
  const b = emptySetup();
  for (const v of VARIATIONS) v.apply(b, false, ctx());
  assert.deepEqual(commandLine(b, ['x'], start).slice(0, 5), ['faketime', '-f', String(1704067200 - start), 'unshare', '--uts']);
  assert.deepEqual(commandLine(b, ['x'], 1704067100).slice(0, 3), ['faketime', '-f', '+100']);
  assert.equal(b.slot, 'a');
  assert.equal(commandLine(emptySetup(), ['x'], start).join(' '), 'x');
});

test('LogTail: keeps a bounded tail and drops the partial first line', () => {
  const t = new LogTail(32);
  for (let i = 0; i < 20; i++) t.push(Buffer.from(`line ${i}\n`));
  assert.ok(t.droppedBytes > 0);
  const lines = t.lines(100).split('\n');
  assert.equal(lines.at(-1), 'line 19');
  assert.ok(lines.every((l) => /^line \d+$/.test(l)));
  assert.equal(t.lines(2), 'line 18\nline 19');
  const big = new LogTail(8);
  big.push(Buffer.from('x'.repeat(100) + '\nend\n'));
  assert.equal(big.lines(), 'end');
});

function report(findings: Partial<Report['findings'][number]>[], entries: { path: string; kinds: string[] }[] = []): Report {
  return {
    findings: findings.map((f) => ({ layer: null, path: null, field: null, count: 1, examples: [], ...f })),
    pairs: entries.length ? [{ entries: entries.map((e) => ({ layer: 0, a: null, b: null, ...e })) }] : [],
  } as unknown as Report;
}

test('signatures: what differs, without the values; the control masks what it already shows', () => {
  const control = report([{ kind: 'entry-mtime' }, { kind: 'gzip-mtime', layer: 0, field: 'MTIME' }], [{ path: 'app/x', kinds: ['entry-mtime'] }]);
  const varied = report(
    [{ kind: 'entry-mtime' }, { kind: 'entry-mode' }, { kind: 'gzip-mtime', layer: 0, field: 'MTIME' }],
    [{ path: 'app/x', kinds: ['entry-mtime', 'entry-mode'] }, { path: 'app', kinds: ['entry-mode'] }],
  );
  assert.deepEqual([...differenceSignatures(control)].sort(), ['entry-mtime app/x', 'gzip-mtime layer 0 MTIME']);
  const extra = beyond(varied, differenceSignatures(control));
  assert.deepEqual(extra, ['entry-mode app', 'entry-mode app/x']);
  assert.deepEqual(summarizeSignatures(extra), { kinds: ['entry-mode'], paths: ['app', 'app/x'] });
  // Findings from a file comparison (no pairs) carry their path.
  assert.deepEqual([...differenceSignatures(report([{ kind: 'entry-content', path: 'artifact' }]))], ['entry-content artifact']);
});
