// render/checks.ts is a table (render imports model only); keep it equal to the registries.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { COMPARATORS } from '../../src/diff/index.js';
import { RULES } from '../../src/lint/index.js';
import { KINDS } from '../../src/model/kinds.js';
import { CHECKS, checksOf } from '../../src/render/checks.js';
import { diffReport, lintReport } from './reports.js';

const sorted = (ks: readonly string[]) => [...new Set(ks)].sort();

test('checks: the lint table is the kinds of the lint rules', () => {
  assert.deepEqual(sorted(CHECKS.lint), sorted(RULES.flatMap((r) => r.kinds)));
});

test('checks: the diff table is the kinds of the diff comparators', () => {
  assert.deepEqual(sorted(CHECKS.diff), sorted(COMPARATORS.flatMap((c) => c.kinds)));
  assert.deepEqual(CHECKS.build, CHECKS.diff);
});

test('checks: a report lists its mode’s checks in catalog order, plus kinds it mentions', () => {
  const lint = checksOf(lintReport());
  assert.deepEqual(lint, KINDS.filter((k) => lint.includes(k)), 'catalog order');
  assert.ok(lint.includes('entry-order'), 'an ignored kind is listed (as skipped)');
  const r = diffReport();
  r.findings.push({ ...r.findings[0]!, kind: 'future-kind' as never });
  assert.equal(checksOf(r).at(-1), 'future-kind', 'unknown kinds come last');
});
