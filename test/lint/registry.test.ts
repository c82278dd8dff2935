// Meta-tests: the rules folder, the registry array, the tests and the catalog stay in step.
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { RULES } from '../../src/lint/index.js';
import { KIND_INFO, KINDS, hintFor, kindInfo, severityFor } from '../../src/model/kinds.js';
import { repoRoot } from '../helpers/paths.js';

const ruleFiles = readdirSync(join(repoRoot, 'src', 'lint', 'rules'))
  .filter((f) => f.endsWith('.ts') && f !== 'index.ts')
  .map((f) => f.slice(0, -3))
  .sort();

describe('lint rule registry', () => {
  it('lists exactly the files in src/lint/rules/, each under its file name', () => {
    assert.deepEqual(RULES.map((r) => r.id).sort(), ruleFiles);
  });

  it('has unique ids and only declares catalogued kinds', () => {
    assert.equal(new Set(RULES.map((r) => r.id)).size, RULES.length);
    for (const r of RULES) {
      assert.ok(r.kinds.length > 0, `${r.id} declares no kind`);
      for (const k of r.kinds) assert.ok((KINDS as readonly string[]).includes(k), `${r.id}: unknown kind ${k}`);
    }
  });

  it('has a test file for every rule (one that fires, one that stays silent)', () => {
    const tests = readdirSync(join(repoRoot, 'test', 'lint', 'rules'))
      .filter((f) => f.endsWith('.test.ts'))
      .map((f) => f.slice(0, -'.test.ts'.length))
      .sort();
    assert.deepEqual(tests, ruleFiles);
  });
});

describe('kind catalog', () => {
  it('has a complete entry for every kind', () => {
    assert.deepEqual(Object.keys(KIND_INFO).sort(), [...KINDS].sort());
    for (const k of KINDS) {
      const info = kindInfo(k);
      for (const field of ['title', 'cause', 'fix'] as const)
        assert.ok(typeof info[field] === 'string' && info[field].trim().length > 0, `${k}.${field} is empty`);
      assert.ok(['error', 'warning', 'info'].includes(info.severity), `${k}.severity`);
      for (const [shape, s] of Object.entries(info.shapes ?? {})) {
        assert.ok(s.fix === undefined || s.fix.trim().length > 0, `${k}/${shape}.fix is empty`);
        assert.ok(s.title === undefined || (s.title.trim().length > 0 && s.title.length <= 90), `${k}/${shape}.title is empty or too long`);
        assert.ok(s.severity !== undefined || s.fix !== undefined || s.title !== undefined, `${k}/${shape} overrides nothing`);
      }
    }
  });

  it('keeps prose short enough for a CI log', () => {
    for (const k of KINDS) {
      const info = kindInfo(k);
      assert.ok(info.title.length <= 60, `${k}: title too long`);
      assert.ok(info.cause.length <= 300, `${k}: cause too long`);
      assert.ok(info.fix.length <= 400, `${k}: fix too long`);
    }
  });

  it('resolves shape hints and severities, falling back to the kind', () => {
    assert.equal(severityFor('gzip-mtime', 'constant'), 'info');
    assert.equal(severityFor('gzip-mtime', 'timestamp'), 'warning');
    assert.equal(severityFor('gzip-mtime'), 'warning');
    assert.notEqual(hintFor('gzip-mtime', 'constant'), hintFor('gzip-mtime'));
    assert.equal(hintFor('gzip-mtime', 'no-such-shape'), KIND_INFO['gzip-mtime'].fix);
  });
});
