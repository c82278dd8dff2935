// The bundled example (`npm run example`, the README's first command): the careless image build
// depends on the clock, the time zone and the umask, and repcheck must name exactly those; the
// fixed build (REPRODUCIBLE=1, a pinned SOURCE_DATE_EPOCH) must be byte-identical.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { repoRoot } from '../helpers/paths.js';
import { buildScript, host } from './helpers.js';

const examples = join(repoRoot, 'examples');

test('example: the careless build is diagnosed with time, timezone and umask', async (t) => {
  const h = await host();
  const run = await buildScript(examples, { command: ['sh', 'build-image.sh'] });
  t.diagnostic(`${run.report.build!.builds} builds`);
  assert.deepEqual(run.left, []);
  assert.equal(run.report.verdict, 'differs');
  assert.equal(run.report.gate.failed, true);
  if (h.faketime.ok) {
    // With the clock held equal, nothing differs without a variation.
    assert.equal(run.report.build!.intrinsic, false);
    assert.deepEqual(run.causes, [['time'], ['timezone'], ['umask']]);
  } else {
    // Without faketime the clock differs in every pair: what it changes (BUILD_INFO, created,
    // mtimes) is masked as intrinsic, and the time zone only changes those same things.
    assert.equal(run.report.build!.intrinsic, true);
    assert.deepEqual(run.causes, [['umask']]);
  }
  const kinds = new Set(run.report.findings.map((f) => f.kind));
  for (const k of ['entry-mode', 'entry-content', 'config-created']) assert.ok(kinds.has(k as never), k);
});

test('example: the fixed build is byte-identical under every variation', async () => {
  const run = await buildScript(examples, {
    command: ['sh', 'build-image.sh'],
    env: { REPRODUCIBLE: '1', SOURCE_DATE_EPOCH: '1700000000' },
  });
  assert.deepEqual(run.left, []);
  assert.equal(run.report.verdict, 'identical');
  assert.equal(run.report.gate.failed, false);
  assert.equal(run.report.build!.builds, 2);
  const sde = run.report.build!.variations.find((v) => v.id === 'source-date-epoch')!;
  assert.equal(sde.applied, false);
});
