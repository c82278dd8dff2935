// parseReportJson: every format renders the same from the saved JSON as from the report itself,
// and a file that is not a report is refused with a message that says why.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { FORMATS, parseReportJson, render } from '../../src/render/index.js';
import { renderJson } from '../../src/render/json.js';
import { diffReport, identicalReport, lintReport } from './reports.js';

const opts = { color: false, verbose: true };

for (const [name, make] of [['lint', lintReport], ['diff', () => diffReport(3)], ['identical', identicalReport]] as const) {
  test(`parseReportJson: the ${name} report round-trips through renderJson for every format`, () => {
    const report = make();
    const back = parseReportJson(renderJson(report));
    for (const f of FORMATS) assert.equal(render(back, f, opts), render(report, f, opts), `format ${f}`);
  });
}

test('parseReportJson: refuses what is not a report, naming the problem', () => {
  assert.throws(() => parseReportJson('{not json'), /not a repcheck JSON report: not JSON/);
  assert.throws(() => parseReportJson('[]'), /report must be an object/);
  assert.throws(() => parseReportJson('{"name":"x"}'), /not a repcheck report \(no schemaVersion\)/);
  const r = JSON.parse(renderJson(lintReport())) as Record<string, unknown>;
  assert.throws(() => parseReportJson(JSON.stringify({ ...r, schemaVersion: 99 })), /schemaVersion 99 is not supported.*upgrade repcheck/);
  const bad = JSON.parse(renderJson(diffReport())) as { findings: { severity: string }[]; pairs: { entries: { path: unknown }[] }[] };
  bad.findings[1]!.severity = 'fatal';
  assert.throws(() => parseReportJson(JSON.stringify(bad)), /findings\[1\]\.severity must be one of error, warning, info/);
  bad.findings[1]!.severity = 'warning';
  bad.pairs[0]!.entries[2]!.path = 7;
  assert.throws(() => parseReportJson(JSON.stringify(bad)), /pairs\[0\]\.entries\[2\]\.path must be a string/);
});
