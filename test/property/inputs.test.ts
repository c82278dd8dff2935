// Property tests, fixed seed (REPCHECK_PROPERTY_SEED, default 42), REPCHECK_PROPERTY_RUNS runs
// each (default 200; set e.g. 5000 for a longer run on demand). See properties.ts for what each
// run must satisfy and runner.ts for the hang and memory watchdog.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { describe, it } from 'node:test';
import { ZstdInflater } from '../../src/gzip/zstd.js';
import { SEEDS, ZSTD_FIXTURE, zstdFixtureTar } from './fixtures.js';
import { PROPERTIES, RUNS, SEED } from './properties.js';
import { runProperty } from './runner.js';

const sha = (b: Buffer): string => createHash('sha256').update(b).digest('hex');

describe(`property: mutated inputs end in a report or a clean error (seed ${SEED}, ${RUNS} runs each)`, () => {
  it('the zstd fixture decompresses to its recipe', () => {
    const out: Buffer[] = [];
    const z = new ZstdInflater({ onData: (c) => out.push(Buffer.from(c)) });
    z.write(ZSTD_FIXTURE);
    z.end();
    assert.equal(sha(Buffer.concat(out)), sha(zstdFixtureTar()));
    assert.ok(Object.keys(SEEDS).length >= 6);
  });

  it('the watchdog stops a synchronous hang and names the input', async () => {
    let saved = '';
    await assert.rejects(
      runProperty('selftest', { worker: new URL('./selftest-worker.js', import.meta.url), runTimeoutMs: 500 }),
      (err: Error) => {
        assert.match(err.message, /a run took longer than 500 ms \(a hang\) \(run 0; its input is saved as (\S+hang\.bin)/);
        saved = /saved as (\S+hang\.bin)/.exec(err.message)![1]!;
        return true;
      },
    );
    rmSync(dirname(saved), { recursive: true, force: true });
  });

  for (const name of Object.keys(PROPERTIES)) {
    it(name, { timeout: 30 * 60_000 }, async (t) => {
      const r = await runProperty(name);
      t.diagnostic(`${name}: ${r.runs} runs in ${r.ms} ms, peak RSS ${r.peakRssMb} MiB`);
      assert.ok(r.runs >= RUNS, `${r.runs} runs`);
    });
  }
});
