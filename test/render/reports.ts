// Synthetic reports for the renderer tests: fixed, no clocks, with hostile names (controls, bidi
// overrides, `</script>`, U+2028, Markdown and workflow-command metacharacters) in the places
// untrusted names reach.
import { hintFor, KIND_INFO, type Kind } from '../../src/model/kinds.js';
import { diffFix, diffTitle } from '../../src/model/kinds-diff.js';
import type { Finding } from '../../src/model/finding.js';
import type { DiffPair, EntryDelta, EntryFacts, LayerSideFacts, Report, ReportFinding } from '../../src/model/report.js';

const TOOL = { name: 'repcheck', version: '0.1.0' };

/** A finding as run/report.ts attaches prose to it: lint wording, or diff wording in a diff. */
function rf(f: Omit<Finding, 'origin'> & { origin?: string; input?: string }, mode: 'lint' | 'diff' = 'lint'): ReportFinding {
  const title = KIND_INFO[f.kind as Kind].title;
  return {
    origin: f.kind,
    ...f,
    title: mode === 'lint' ? title : diffTitle(f.kind, title, f.shape),
    hint: (mode === 'lint' ? undefined : diffFix(f.kind, f.shape)) ?? hintFor(f.kind, f.shape),
  };
}
const df = (f: Parameters<typeof rf>[0]) => rf(f, 'diff');

export const HOSTILE = 'app/evil\u202egnp.exe</script><b>&"\'|`x`%0A:,\u2028\nline2\u001b[31m';

export function lintReport(): Report {
  return {
    schemaVersion: 1,
    tool: TOOL,
    mode: 'lint',
    inputs: [
      {
        label: 'real/layer-naive.tar.gz',
        flavour: 'layer',
        wrapper: 'none',
        images: [{ id: '0', refs: [], platform: null, layers: 1, configDigest: null, manifestDigest: null }],
      },
    ],
    epoch: { value: 1700000000, source: 'env' },
    findings: [
      rf({
        kind: 'digest-mismatch', severity: 'error', input: 'real/layer-naive.tar.gz', layer: 0, path: null, field: 'digest',
        a: 'sha256:1111111111111111111111111111111111111111111111111111111111111111',
        b: 'sha256:2222222222222222222222222222222222222222222222222222222222222222', count: 1, examples: [],
      }),
      rf({
        kind: 'entry-mtime', severity: 'warning', input: 'real/layer-naive.tar.gz', layer: 0, path: null, field: 'mtime',
        shape: 'after-epoch', value: 1767323045, count: 10,
        examples: [
          { path: 'app', value: 1767323045 },
          { path: 'app/run.sh', value: 1767323045 },
          { path: HOSTILE, value: 1767323045 },
          { path: 'app/m.txt', value: 1767323045 },
          { path: 'app/zeta.txt', value: 1767323045 },
        ],
      }),
      rf({
        kind: 'entry-owner', severity: 'warning', input: 'real/layer-naive.tar.gz', layer: 0, path: null, field: 'owner',
        shape: 'build-user', value: ['1000:1000 (builder:builder)'], count: 2,
        examples: [{ path: 'app', value: '1000:1000 (builder:builder)' }, { path: 'app/run.sh', value: '1000:1000 (builder:builder)' }],
      }),
      rf({
        kind: 'gzip-name', severity: 'warning', input: 'real/layer-naive.tar.gz', layer: 0, path: null, field: 'FNAME',
        value: 'layer-naive.tar', count: 1, examples: [{ field: 'FNAME@0', value: 'layer-naive.tar' }],
      }),
      rf({
        kind: 'shadowed-path', severity: 'info', input: 'real/layer-naive.tar.gz', layer: 0, path: 'etc/app.conf', field: null,
        shape: 'overwritten', count: 1, examples: [],
      }),
    ],
    suppressed: { 'kind:entry-order': 4 },
    notes: [{ code: 'trailing-bytes', input: 'real/layer-naive.tar.gz', layer: 0, message: '1024 bytes after the end-of-archive marker' }],
    worst: 'error',
    gate: { failOn: 'warning', failed: true },
  };
}

export function facts(over: Partial<EntryFacts> = {}): EntryFacts {
  return {
    index: 0, type: 'file', mode: 0o644, uid: 0, gid: 0, uname: '', gname: '', mtime: 1700000000, size: 10,
    sha256: 'aa'.repeat(32), linkTarget: null, format: 'ustar', ...over,
  };
}

function side(index: number, over: Partial<LayerSideFacts> = {}): LayerSideFacts {
  return {
    index,
    storedDigest: `sha256:${String(index).repeat(64).slice(0, 64)}`,
    diffId: `sha256:${'d'.repeat(63)}${index}`,
    size: 1234567 + index,
    mediaType: 'application/vnd.oci.image.layer.v1.tar+gzip',
    compression: 'gzip',
    gzip: { mtime: 0, xfl: 0, os: 3, flags: 0, name: null, memberCount: 1 },
    zstdFrames: null,
    ...over,
  };
}

const DIFF_TEXT = [
  '--- a/etc/build-info',
  '+++ b/etc/build-info',
  '@@ -1,3 +1,3 @@',
  ' name=app',
  '-built=2024-01-01T10:00:00Z',
  '+built=2024-01-01T10:07:31Z',
  '\thost=<runner-1> & "co"',
  '',
].join('\n');

/** A diff report with one pair; `entries` extra synthetic entry deltas (for the browser test). */
export function diffReport(extraEntries = 0): Report {
  const entries: EntryDelta[] = [
    { layer: 1, path: 'etc/build-info', kinds: ['entry-content', 'entry-mtime'], a: facts({ index: 3, mtime: 1704103200, sha256: 'ab'.repeat(32) }), b: facts({ index: 3, mtime: 1704103651, sha256: 'cd'.repeat(32) }) },
    { layer: 1, path: 'usr/lib/python3/__pycache__/x.cpython-311.pyc', kinds: ['entry-set'], a: null, b: facts({ index: 9, size: 2048 }) },
    { layer: 1, path: HOSTILE, kinds: ['entry-mode', 'entry-owner'], a: facts({ index: 4, mode: 0o755, uid: 1000, gid: 1000, uname: 'builder', gname: 'builder' }), b: facts({ index: 4, mode: 0o775 }) },
    { layer: 1, path: 'var/cache/ldconfig/aux-cache', kinds: ['entry-mtime'], a: facts({ index: 7, mtime: 1704103300 }), b: facts({ index: 7, mtime: 1704103700 }) },
    { layer: 1, path: 'var/log/dpkg.log', kinds: ['entry-content', 'entry-mtime'], a: facts({ index: 8, mtime: 1704103310 }), b: facts({ index: 8, mtime: 1704103710, sha256: 'ef'.repeat(32) }) },
    { layer: 2, path: 'app/link', kinds: ['entry-link'], a: facts({ index: 0, type: 'symlink', sha256: null, size: 0, linkTarget: '/tmp/build-1/x' }), b: facts({ index: 0, type: 'symlink', sha256: null, size: 0, linkTarget: '/tmp/build-2/x' }) },
  ];
  for (let i = 0; i < extraEntries; i++) {
    const layer = 3 + (i % 3);
    const dir = i % 1000 === 7 ? 'opt/needle' : `usr/share/doc/pkg-${Math.floor(i / 100)}`;
    entries.push({
      layer,
      path: `${dir}/file-${String(i).padStart(5, '0')}.txt`,
      kinds: i % 2 ? ['entry-mtime'] : ['entry-mtime', 'entry-content'],
      a: facts({ index: i, mtime: 1700000000 + i }),
      b: facts({ index: i, mtime: 1700003600 + i, sha256: i % 2 ? 'aa'.repeat(32) : 'bb'.repeat(32) }),
    });
  }
  const pair: DiffPair = {
    a: { input: 'build-1/image.tar', image: '0', refs: ['example.com/app:1.0'], platform: 'linux/amd64' },
    b: { input: 'build-2/image.tar', image: '0', refs: ['example.com/app:1.0'], platform: 'linux/amd64' },
    verdict: 'differs',
    level: 'content',
    layers: [
      { how: 'diffid', same: 'stored', a: side(0), b: side(0) },
      { how: 'position', same: 'differs', a: side(1), b: side(1, { storedDigest: `sha256:${'e'.repeat(64)}`, diffId: `sha256:${'f'.repeat(64)}`, size: 1300000 }) },
      { how: 'diffid', same: 'content', a: side(2, { gzip: { mtime: 1704103200, xfl: 0, os: 3, flags: 8, name: 'layer.tar', memberCount: 1 } }), b: side(2, { storedDigest: `sha256:${'9'.repeat(64)}`, gzip: { mtime: 0, xfl: 4, os: 255, flags: 0, name: null, memberCount: 1 } }) },
      { how: 'only-b', same: null, a: null, b: side(3, { compression: 'zstd', gzip: null, zstdFrames: 2, mediaType: 'application/vnd.oci.image.layer.v1.tar+zstd' }) },
    ],
    entries,
  };
  return {
    schemaVersion: 1,
    tool: TOOL,
    mode: 'diff',
    verdict: 'differs',
    inputs: ['build-1/image.tar', 'build-2/image.tar'].map((label) => ({
      label,
      flavour: 'oci-archive',
      wrapper: 'none',
      images: [{ id: '0', refs: ['example.com/app:1.0'], platform: 'linux/amd64', layers: 3, configDigest: `sha256:${'c'.repeat(64)}`, manifestDigest: `sha256:${'m'.repeat(64)}` }],
    })),
    pairs: [pair],
    findings: [
      df({
        kind: 'entry-content', severity: 'warning', layer: 1, path: 'etc/build-info', field: 'sha256', count: 1, examples: [],
        a: 'ab'.repeat(32), b: 'cd'.repeat(32), detail: DIFF_TEXT,
      }),
      df({
        kind: 'entry-mtime', severity: 'warning', layer: null, path: null, field: 'mtime', shape: 'clock', count: 3 + extraEntries,
        value: { window: 451 },
        examples: [
          { layer: 1, path: 'etc/build-info', a: 1704103200, b: 1704103651 },
          { layer: 1, path: 'var/cache/ldconfig/aux-cache', a: 1704103300, b: 1704103700 },
          { layer: 1, path: 'var/log/dpkg.log', a: 1704103310, b: 1704103710 },
        ],
      }),
      df({
        kind: 'entry-mode', severity: 'warning', layer: 1, path: HOSTILE, field: 'mode', a: 0o755, b: 0o775, count: 1, examples: [],
      }),
      df({
        kind: 'entry-set', severity: 'warning', layer: 1, path: null, field: null, shape: 'added', count: 1,
        examples: [{ path: 'usr/lib/python3/__pycache__/x.cpython-311.pyc', b: 'file' }],
      }),
      df({ kind: 'gzip-os', severity: 'info', layer: 2, path: null, field: 'OS', a: 3, b: 255, count: 1, examples: [] }),
      df({ kind: 'layer-set', severity: 'warning', layer: null, path: null, field: null, shape: 'added', count: 1, examples: [{ layer: 3, b: `sha256:${'3'.repeat(64)}` }] }),
    ],
    suppressed: { 'kind:entry-owner': 1 },
    notes: [{ code: 'diff-no-manifest', message: 'a has no manifest: compared configs and layers only' }],
    worst: 'warning',
    gate: { failOn: 'warning', failed: true },
  };
}

/** A clean diff: identical images. */
export function identicalReport(): Report {
  const r = diffReport();
  return {
    ...r,
    verdict: 'identical',
    pairs: [{ ...r.pairs![0]!, verdict: 'identical', level: 'same', entries: [], layers: [r.pairs![0]!.layers[0]!] }],
    findings: [],
    suppressed: {},
    notes: [],
    worst: null,
    gate: { failOn: 'warning', failed: false },
  };
}
