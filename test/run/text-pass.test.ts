// The text pass re-reads both sides' layers at once: a unified diff when both reads succeed,
// one note (and no stray rejection, no read left running) when one side fails.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { DiffResult, DiffSide } from '../../src/diff/index.js';
import type { Finding } from '../../src/model/finding.js';
import { DEFAULT_LIMITS } from '../../src/model/limits.js';
import type { Layer } from '../../src/model/types.js';
import { attachTextDiffs } from '../../src/run/text-pass.js';
import { makeTar } from '../helpers/tar-writer.js';

/** A side whose layer 0 is `tar`, served slowly (a tick per 512 bytes), or failing halfway. */
function side(label: string, tar: Buffer, o: { failAt?: number; log?: string[] } = {}): DiffSide {
  const layer = {
    index: 0,
    open: async () => (async function* () {
      o.log?.push(`${label} open`);
      try {
        for (let at = 0; at < tar.length; at += 512) {
          await new Promise((r) => setImmediate(r));
          if (o.failAt !== undefined && at >= o.failAt) throw new Error(`${label} disk on fire`);
          yield tar.subarray(at, at + 512);
        }
      } finally {
        o.log?.push(`${label} closed`);
      }
    })(),
  } as unknown as Layer;
  return { label, image: { layers: [layer] }, scans: [] } as unknown as DiffSide;
}

function result(aIndex: number, bIndex: number, size: number): DiffResult {
  const finding = { kind: 'entry-content' } as Finding;
  return {
    findings: [finding],
    contentChanges: [{ path: 'etc/app.conf', aLayer: 0, bLayer: 0, aIndex, bIndex, aSize: size, bSize: size }],
  } as unknown as DiffResult;
}

const filler = Array.from({ length: 30 }, (_, i) => ({ name: `pad/${i}`, content: 'x'.repeat(3000) }));
const tarA = makeTar([...filler, { name: 'etc/app.conf', content: 'port=80\nbuilt=2024-01-01\n' }]);
const tarB = makeTar([...filler, { name: 'etc/app.conf', content: 'port=80\nbuilt=2024-06-30\n' }]);
const opts = { limits: DEFAULT_LIMITS, maxBytes: 1 << 20, maxFiles: 10 };

test('both sides are re-read at once and the changed file gets a unified diff', async () => {
  const log: string[] = [];
  const res = result(30, 30, 26);
  const notes = await attachTextDiffs(res, side('a', tarA, { log }), side('b', tarB, { log }), opts);
  assert.deepEqual(notes, []);
  assert.match(res.findings[0]!.detail ?? '', /-built=2024-01-01\n\+built=2024-06-30/);
  // Concurrent: b was opened before a was done.
  assert.deepEqual(log.slice(0, 2).sort(), ['a open', 'b open']);
});

test('a side that fails gives one note once the other side has stopped reading', async () => {
  for (const failing of ['a', 'b'] as const) {
    const log: string[] = [];
    const a = side('a', tarA, { log, failAt: failing === 'a' ? 2048 : undefined });
    const b = side('b', tarB, { log, failAt: failing === 'b' ? 2048 : undefined });
    const res = result(30, 30, 26);
    const notes = await attachTextDiffs(res, a, b, opts);
    assert.equal(notes.length, 1);
    assert.equal(notes[0]!.code, 'diff-text-pass-failed');
    assert.match(notes[0]!.message, new RegExp(`${failing} disk on fire`));
    assert.equal(res.findings[0]!.detail, undefined);
    assert.deepEqual(log.filter((l) => l.endsWith('closed')).sort(), ['a closed', 'b closed'], 'nothing still reading');
  }
});
