// The progress bar: drawn on a terminal's stderr with byte counts per input, silent otherwise.
import assert from 'node:assert/strict';
import { mock, test } from 'node:test';
import type { Io } from '../../src/cli/main.js';
import { startProgress } from '../../src/cli/progress-bar.js';
import type { Image } from '../../src/model/types.js';
import { ProgressTracker } from '../../src/run/progress.js';

function io(stderrIsTTY: boolean) {
  const err: string[] = [];
  const x: Io = { stdout: () => {}, stderr: (s) => err.push(s), env: {}, stdoutIsTTY: false, stderrIsTTY };
  return { x, err };
}

function image(chunks: number[], declared: number | null): Image {
  return {
    id: '0', refs: [], platform: null, manifest: null, config: null, blobs: [], refSources: [],
    layers: [{
      index: 0, mediaType: null, diffId: null,
      blob: { role: 'layer', location: 'l', nameDigest: null, declaredDigest: null, declaredSize: declared, actualDigest: null, actualSize: null },
      open: async () => (async function* () { for (const n of chunks) yield Buffer.alloc(n); })(),
    }],
  };
}

test('no bar unless stderr is a terminal, and never with --quiet or a machine format', () => {
  assert.equal(startProgress(io(false).x, false, 'text').tracker, undefined);
  assert.equal(startProgress(io(true).x, true, 'text').tracker, undefined);
  assert.equal(startProgress(io(true).x, false, 'json').tracker, undefined);
  assert.equal(startProgress(io(true).x, false, 'sarif').tracker, undefined);
});

test('the tracker counts the bytes each input yields against the declared sizes', async () => {
  const t = new ProgressTracker();
  const [im] = t.track('a.tar', [image([100, 50], 150)]);
  assert.deepEqual(t.items, [{ label: 'a.tar', done: 0, total: 150 }]);
  for await (const _ of await im!.layers[0]!.open()) void _;
  assert.equal(t.items[0]!.done, 150);
  t.track('b.tar', [image([1], null)]);
  assert.equal(t.items[1]!.total, null, 'an unknown size makes the total unknown');
});

test('on a terminal the bar redraws on its timer and clears the line when stopped', async () => {
  mock.timers.enable({ apis: ['setInterval'] });
  try {
    const { x, err } = io(true);
    const bar = startProgress(x, false, 'text', 60);
    const [im] = bar.tracker!.track('build-a/image.tar', [image([512, 512], 2048)]);
    for await (const _ of await im!.layers[0]!.open()) void _;
    mock.timers.tick(100);
    assert.equal(err.length, 1);
    assert.match(err[0]!, /^\r.*build-a\/image\.tar.*50%.*1\.0 KiB\/2\.0 KiB\x1b\[K$/);
    bar.stop();
    assert.equal(err.at(-1), '\r\x1b[K');
  } finally {
    mock.timers.reset();
  }
});
