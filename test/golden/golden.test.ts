// Replays every golden case against the built CLI. UPDATE_GOLDEN=1 rewrites them instead.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fixture, sharedFixtures } from '../helpers/paths.js';
import { formatGolden, listGoldenFiles, parseGolden, runCli, writeGolden } from './harness.js';
import { buildRecipes } from './recipes.js';

const update = process.env.UPDATE_GOLDEN === '1';
let work = '';

before(async () => {
  work = mkdtempSync(join(tmpdir(), 'repcheck-golden-'));
  await buildRecipes(work);
  symlinkSync(fixture('real'), join(work, 'real'));
  if (sharedFixtures) symlinkSync(sharedFixtures, join(work, 'shared'));
});
after(() => rmSync(work, { recursive: true, force: true }));

describe('golden', () => {
  for (const file of listGoldenFiles()) {
    const c = parseGolden(file);
    const needsShared = c.args.some((a) => a.startsWith('shared/'));
    test(c.name, { skip: needsShared && !sharedFixtures ? '../shared/fixtures is not present' : false }, () => {
      const r = runCli(c.args, work, c.env);
      if (update) {
        writeGolden(file, formatGolden(c, r));
        return;
      }
      assert.equal(r.stdout, c.stdout, `${c.name}: stdout differs (UPDATE_GOLDEN=1 to rewrite, then review the diff)`);
      assert.equal(r.stderr, c.stderr, `${c.name}: stderr differs`);
      assert.equal(r.exit, c.exit, `${c.name}: exit code differs`);
    });
  }
});
