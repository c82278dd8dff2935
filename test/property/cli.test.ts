// The same mutations through the BUILT CLI (fewer runs: each is a process): the exit code is
// 0 or 1 with a report, or 2 with one clean error line; never 3, never a hang (timeout), never
// a write outside the case's temp dir. REPCHECK_PROPERTY_CLI_RUNS (default 30) for more.
import assert from 'node:assert/strict';
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { assertOneErrorLine, makeCaseDirs, removeCaseDirs, runCliTimed } from '../bad-input/harness.js';
import { SEEDS } from './fixtures.js';
import { applyMutations, fixTarChecksums, mutationsArb } from './mutate.js';
import { SEED } from './properties.js';

const CLI_RUNS = Number(process.env.REPCHECK_PROPERTY_CLI_RUNS ?? 30);
const KINDS = [
  ['tar', 'layer.tar'], ['gzip', 'layer.tar.gz'], ['zstd', 'layer.tar.zst'], ['docker', 'img.tar'], ['oci', 'img.oci.tar'],
] as const;

describe(`property: the built CLI on mutated inputs (seed ${SEED}, ${CLI_RUNS} runs)`, () => {
  it('exit 0/1 with a report or exit 2 with one line; never 3; no hang', { timeout: 60 * 60_000 }, () => {
    const bases = KINDS.map(([k, file]) => ({ base: SEEDS[k](), file }));
    const arb = fc.nat({ max: KINDS.length - 1 }).chain((i) => fc.record({
      i: fc.constant(i),
      muts: mutationsArb(bases[i]!.base),
      fix: fc.boolean(),
      json: fc.boolean(),
    }));
    fc.assert(fc.property(arb, ({ i, muts, fix, json }) => {
      const { base, file } = bases[i]!;
      let b = applyMutations(base, muts);
      if (fix) b = fixTarChecksums(b);
      const d = makeCaseDirs();
      try {
        writeFileSync(join(d.dir, file), b);
        const r = runCliTimed([...(json ? ['--format', 'json'] : []), file], d.dir, { TMPDIR: d.tmp, HOME: d.home }, 60_000);
        assert.equal(r.timedOut, false, 'timed out');
        assert.ok([0, 1, 2].includes(r.exit), `exit ${r.exit}: ${r.stderr}`);
        if (r.exit === 2) {
          assertOneErrorLine(r.stderr, file);
        } else {
          assert.equal(r.stderr, '');
          if (json) JSON.parse(r.stdout);
          else assert.match(r.stdout, /^input /);
        }
        assert.deepEqual(readdirSync(d.tmp), []);
        assert.deepEqual(readdirSync(d.home), []);
        assert.deepEqual(readdirSync(d.dir), [file]);
      } finally {
        removeCaseDirs(d);
      }
    }), { seed: SEED, numRuns: CLI_RUNS, endOnFailure: true });
  });
});
