// The README stays true to the code: its first commands, every option, every finding kind.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { OPTIONS } from '../../src/cli/options.js';
import { KINDS } from '../../src/model/kinds.js';
import { repoRoot } from '../helpers/paths.js';
import { kindsTable, optionsTable, replaceSection } from './readme-tables.js';

const readme = readFileSync(join(repoRoot, 'README.md'), 'utf8');

test('README begins with exactly the two set-up commands', () => {
  const firstBlock = /```sh\n([\s\S]*?)```/.exec(readme)![1]!.trim().split('\n');
  assert.deepEqual(firstBlock, ['npm ci && npm run example', 'npm ci && npm test']);
});

test('.ci/run runs the README test command', () => {
  const ci = readFileSync(join(repoRoot, '.ci', 'run'), 'utf8');
  assert.match(ci, /^npm ci\b/m);
  assert.match(ci, /^npm test\b/m);
});

test('the README option and kind tables match the code (UPDATE_GOLDEN=1 rewrites them)', () => {
  let want = replaceSection(readme, 'options', optionsTable());
  want = replaceSection(want, 'kinds', kindsTable());
  if (process.env.UPDATE_GOLDEN === '1' && want !== readme) writeFileSync(join(repoRoot, 'README.md'), want);
  else assert.equal(readme, want, 'README tables are stale: UPDATE_GOLDEN=1 npm test, then review the diff');
  for (const o of OPTIONS) assert.ok(want.includes(o.flags));
  for (const k of KINDS) assert.ok(want.includes(`\`${k}\``));
});

test('npm pack ships the executable and the built CLI', () => {
  const r = spawnSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: repoRoot, encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  const files = (JSON.parse(r.stdout) as { files: { path: string }[] }[])[0]!.files.map((f) => f.path);
  assert.ok(files.includes('bin/repcheck.js'));
  assert.ok(files.includes('dist/cli.mjs'), 'the bundled CLI bin/repcheck.js loads');
  assert.ok(files.includes('dist/src/cli/main.js'));
  assert.ok(!files.some((f) => f.startsWith('test/') || f.startsWith('dist/test/')), 'tests are not shipped');
  const pkg = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { bin: Record<string, string> };
  assert.equal(pkg.bin.repcheck, 'bin/repcheck.js');
  assert.match(readFileSync(join(repoRoot, 'bin', 'repcheck.js'), 'utf8'), /^#!\/usr\/bin\/env node\n/);
});
