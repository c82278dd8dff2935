// The SARIF output validates against the official SARIF 2.1.0 schema (test/render/schema, see
// PROVENANCE.md), for lint, diff and clean reports and for labels that need URI escaping.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import AjvDraft04Module from 'ajv-draft-04';
import addFormatsModule from 'ajv-formats';
import { KINDS } from '../../src/model/kinds.js';
import type { Report } from '../../src/model/report.js';
import { renderSarif, toUriReference } from '../../src/render/sarif.js';
import { repoRoot } from '../helpers/paths.js';
import { diffReport, identicalReport, lintReport } from './reports.js';

// Both packages are CommonJS with a `default` export; NodeNext sees the module object.
type Validator = ((data: unknown) => boolean) & { errors?: unknown };
type AjvLike = { compile(schema: object): Validator };
const AjvDraft04 = ((AjvDraft04Module as unknown as { default?: unknown }).default ?? AjvDraft04Module) as new (o: object) => AjvLike;
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ?? addFormatsModule) as (a: AjvLike) => void;

const schema = JSON.parse(readFileSync(join(repoRoot, 'test', 'render', 'schema', 'sarif-schema-2.1.0.json'), 'utf8')) as object;
const ajv = new AjvDraft04({ allErrors: true, strict: false });
addFormats(ajv);
const validate = ajv.compile(schema);

type Json = any;

function check(name: string, report: Report): Json {
  const log = JSON.parse(renderSarif(report)) as Json;
  const ok = validate(log);
  assert.ok(ok, `${name}: ${JSON.stringify(validate.errors, null, 1)}`);
  return log;
}

test('sarif: lint, diff and clean reports validate against the SARIF 2.1.0 schema', () => {
  const lint = check('lint', lintReport());
  const run = lint.runs[0];
  assert.equal(run.tool.driver.rules.length, KINDS.length, 'every catalog kind is a rule');
  assert.deepEqual(run.results.map((r: Json) => r.ruleId), lintReport().findings.map((f) => f.kind));
  for (const r of run.results) assert.equal(run.tool.driver.rules[r.ruleIndex].id, r.ruleId);
  assert.deepEqual(run.results.map((r: Json) => r.level), ['error', 'warning', 'warning', 'warning', 'note']);
  assert.equal(run.results[0].locations[0].physicalLocation.artifactLocation.uri, 'real/layer-naive.tar.gz');

  const diff = check('diff', diffReport());
  const mode = diff.runs[0].results.find((r: Json) => r.ruleId === 'entry-mode');
  assert.equal(mode.locations.length, 2, 'a diff finding is located in both images');
  assert.equal(mode.locations[1].physicalLocation.artifactLocation.uri, 'build-2/image.tar');
  assert.match(mode.locations[0].logicalLocations[0].fullyQualifiedName, /^layer 1\/app\/evil\\u\{202e\}gnp\.exe/);

  check('identical', identicalReport());
});

test('sarif: awkward labels become valid URI references', () => {
  const r = diffReport();
  r.inputs[0]!.label = 'my builds/img #1 (ä).tar';
  r.inputs[1]!.label = 'oci:img:latest';
  check('labels', r);
  assert.equal(toUriReference('my builds/img #1 (ä).tar'), 'my%20builds/img%20%231%20(%C3%A4).tar');
  assert.equal(toUriReference('oci:img:latest'), './oci:img:latest');
  assert.equal(toUriReference('/abs/path.tar'), '/abs/path.tar');
});

test('sarif: the validator is not vacuous', () => {
  const log = JSON.parse(renderSarif(lintReport())) as Json;
  log.runs[0].results[0].level = 'fatal';
  assert.equal(validate(log), false);
  delete log.version;
  assert.equal(validate(log), false);
});
