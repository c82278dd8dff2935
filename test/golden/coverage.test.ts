// Every lint rule's and every diff comparator's kinds have a golden case where they fire and
// one where they stay silent, and the recorded JSON really shows that (so a golden rewritten
// blindly cannot hide a rule that stopped firing).
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { COMPARATORS } from '../../src/diff/index.js';
import { RULES } from '../../src/lint/index.js';
import { goldenDir, parseGolden } from './harness.js';

function kindsIn(stdout: string): Set<string> {
  const report = JSON.parse(stdout) as { findings: { kind: string }[] };
  return new Set(report.findings.map((f) => f.kind));
}

const checks: [string, string, readonly string[]][] = [
  ...RULES.map((r) => ['lint', `lint rule ${r.id}`, r.kinds] as [string, string, readonly string[]]),
  ...COMPARATORS.map((c) => ['diff', `diff comparator ${c.id}`, c.kinds] as [string, string, readonly string[]]),
];

for (const [dir, who, kinds] of checks) {
  for (const kind of kinds) {
    test(`${who}: golden cases for ${kind}`, () => {
      const fires = join(goldenDir, dir, `${kind}.fires.golden`);
      const silent = join(goldenDir, dir, `${kind}.silent.golden`);
      assert.ok(existsSync(fires), `missing ${fires}`);
      assert.ok(existsSync(silent), `missing ${silent}`);
      const f = parseGolden(fires);
      const s = parseGolden(silent);
      assert.ok(f.args.includes('json') && s.args.includes('json'), 'coverage cases must use --format json');
      assert.ok(kindsIn(f.stdout).has(kind), `${kind}.fires: the recorded report has no ${kind} finding`);
      assert.ok(!kindsIn(s.stdout).has(kind), `${kind}.silent: the recorded report has a ${kind} finding`);
    });
  }
}
