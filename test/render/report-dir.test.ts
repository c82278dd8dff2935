// planReportDir: archive paths never become filesystem paths; both sides of a file share a name.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { planReportDir, reportDirIndex, sanitizeBasename, type ReportDirFile } from '../../src/render/report-dir.js';
import { diffReport } from './reports.js';

const report = diffReport();

test('report dir: a/ and b/ mirror each other so diff -r pairs the versions', () => {
  const files: ReportDirFile[] = [
    { layer: 1, index: 3, side: 'a', path: 'etc/build-info' },
    { layer: 1, index: 5, side: 'b', path: 'etc/build-info' },
    { layer: 2, index: 0, side: 'b', path: 'usr/bin/only-in-b' },
  ];
  const plan = planReportDir(report, files);
  assert.deepEqual(plan.map((p) => p.relPath), ['a/layer-1/3-build-info', 'b/layer-1/3-build-info', 'b/layer-2/0-only-in-b']);
  const index = JSON.parse(reportDirIndex(plan)) as { relPath: string; path: string }[];
  assert.equal(index[0]!.path, 'etc/build-info');
});

test('report dir: hostile and colliding names are sanitized and kept apart', () => {
  const files: ReportDirFile[] = [
    { layer: 0, index: 1, side: 'a', path: '../../etc/passwd' },
    { layer: 0, index: 2, side: 'a', path: '/abs/..' },
    { layer: 0, index: 3, side: 'a', path: 'x/\u202egnp.exe\n' },
    { layer: 0, index: 4, side: 'a', path: 'a/' + 'n'.repeat(300) + '.conf' },
    { layer: 0, index: 5, side: 'a', path: 'dir/CON' },
    { layer: 0, index: 6, side: 'a', path: 'same' },
    { layer: 0, index: 6, side: 'a', path: 'same' },
  ];
  const plan = planReportDir(report, files).map((p) => p.relPath);
  assert.deepEqual(plan.slice(0, 3), ['a/layer-0/1-passwd', 'a/layer-0/2-file', 'a/layer-0/4-' + 'n'.repeat(58) + '_.conf']);
  assert.ok(plan.includes('a/layer-0/5-file_CON'));
  assert.ok(plan.includes('a/layer-0/6-same') && plan.includes('a/layer-0/6-same~dup2'));
  assert.equal(sanitizeBasename('x/\u202egnp.exe\n'), '_gnp.exe_');
});

test('report dir: any path gives a safe, bounded, unique relative path (property)', () => {
  fc.assert(
    fc.property(
      fc.array(fc.record({ layer: fc.nat(50), index: fc.nat(10_000), side: fc.constantFrom('a' as const, 'b' as const), path: fc.string({ unit: 'binary', maxLength: 400 }) }), { maxLength: 40 }),
      (files) => {
        const plan = planReportDir(report, files);
        assert.equal(plan.length, files.length);
        assert.equal(new Set(plan.map((p) => p.relPath)).size, plan.length, 'unique');
        for (const p of plan) {
          assert.match(p.relPath, /^[ab]\/layer-\d+\/\d+-[A-Za-z0-9_-][A-Za-z0-9._-]*(~\d+)?(~dup\d+)?$/, p.relPath);
          assert.ok(!p.relPath.split('/').some((seg) => seg === '..' || seg === '.' || seg === ''), p.relPath);
          assert.ok(p.relPath.length <= 120, p.relPath);
        }
      },
    ),
  );
});
