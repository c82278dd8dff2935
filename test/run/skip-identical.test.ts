// Issue 6, target 3: layers with the same verified stored digest on both sides cost a sha256 of
// the stored bytes, never a decompression. Counted with scanStats (in-process diffPaths).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_LIMITS } from '../../src/model/limits.js';
import { diffPaths, type DiffOptions } from '../../src/run/diff.js';
import { scanStats } from '../../src/scan/index.js';
import { tempDir, writeDockerArchive, type DockerArchiveOptions, type LayerSpec, type TarEntry } from '../helpers/images.js';

const T = 1_700_000_000;

function layer(tag: string, n: number, over: (e: TarEntry, i: number) => TarEntry = (e) => e): LayerSpec {
  const entries: TarEntry[] = [{ name: `${tag}/`, type: 'directory', mtime: T }];
  for (let i = 0; i < n; i++) entries.push(over({ name: `${tag}/f${i}.txt`, content: `${tag} file ${i}\n`.repeat(20), mtime: T }, i));
  return { compression: 'gzip', entries };
}

/** Three gzip layers per image: the first two byte-identical on both sides, the third edited. */
function pair(edit: (e: TarEntry, i: number) => TarEntry): [LayerSpec[], LayerSpec[]] {
  const base = [layer('base', 40), layer('deps', 30)];
  return [[...base, layer('app', 20)], [...base, layer('app', 20, edit)]];
}

const opts: DiffOptions = { limits: DEFAULT_LIMITS, ignore: [], failOn: 'warning' };

async function counted(
  a: LayerSpec[], b: LayerSpec[], style: DockerArchiveOptions['style'], o: Partial<DiffOptions> = {},
  tamperB?: { layer: number; entries: TarEntry[] },
) {
  const t = await tempDir();
  try {
    const pa = await writeDockerArchive(t.dir, 'a.tar', [{ layers: a, tags: ['t/app:1'] }], { style });
    const pb = await writeDockerArchive(t.dir, 'b.tar', [{ layers: b, tags: ['t/app:1'], ...(tamperB ? { tamper: tamperB } : {}) }], { style });
    const before = { ...scanStats };
    const report = await diffPaths(pa, pb, { ...opts, ...o });
    return {
      report,
      decompressions: scanStats.decompressions - before.decompressions,
      tarWalks: scanStats.tarWalks - before.tarWalks,
    };
  } finally {
    await t.cleanup();
  }
}

const mtimeOnly = (e: TarEntry, i: number): TarEntry => (i % 3 === 0 ? { ...e, mtime: T + 3600 } : e);

for (const style of ['ggcr', 'docker25', 'docker'] as const) {
  test(`${style}: 3 layers, 2 shared: exactly the differing pair is decompressed`, async () => {
    const [a, b] = pair(mtimeOnly);
    const r = await counted(a, b, style);
    assert.equal(r.decompressions, 2, 'one decompression per side, for the differing layer only');
    assert.equal(r.tarWalks, 2);
    assert.equal(r.report.verdict, 'differs');
    assert.deepEqual(r.report.findings.map((f) => [f.kind, f.layer, f.count]), [['entry-mtime', 2, 7]]);
  });
}

test('identical pairs of layers are never decompressed, even by the text-diff pass', async () => {
  const [a, b] = pair((e, i) => (i === 5 ? { ...e, content: 'changed\n' } : e));
  const r = await counted(a, b, 'ggcr');
  // The scan (2) and the bounded second pass that fetches the changed file on each side (2).
  assert.equal(r.decompressions, 4);
  const f = r.report.findings.find((x) => x.kind === 'entry-content');
  assert.ok(f?.detail?.includes('+changed'), 'the text pass still found the changed file');
  const without = await counted(a, b, 'ggcr', { textDiffBytes: 0 });
  assert.equal(without.decompressions, 2);
});

test('a layer whose name claims the shared digest but whose bytes differ is scanned fully', async () => {
  // B's layer 0 is named after the original blob digest, but holds another tar: the stored
  // hash refutes the claim, so both layer 0s are scanned after all (2 + 2).
  const [a, b] = pair(mtimeOnly);
  const tampered = layer('base', 40, (e, i) => (i === 0 ? { ...e, content: 'tampered\n' } : e)).entries;
  const r = await counted(a, b, 'ggcr', { textDiffBytes: 0 }, { layer: 0, entries: tampered });
  assert.equal(r.decompressions, 4);
  assert.ok(r.report.findings.some((f) => f.kind === 'entry-content' && f.layer === 0), 'the tampered file is found');
});
