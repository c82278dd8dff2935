// From the built CLI: several outputs in one run, re-rendering a saved report, the report dir,
// and the project config file with its waivers.
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { runCli } from '../golden/harness.js';
import { fixture } from '../helpers/paths.js';
import { makeTar } from '../helpers/tar-writer.js';

let dir = '';
const E = 1700000000;
before(() => {
  dir = mkdtempSync(join(tmpdir(), 'repcheck-cli-'));
  const files = (content: string) => makeTar([
    { name: 'app/', type: 'dir', mtime: E },
    { name: 'app/conf.txt', content, mtime: E },
    { name: 'app/../../escape.txt', content, mtime: E },
  ]);
  writeFileSync(join(dir, 'a.tar'), files('built at 10:00\n'));
  writeFileSync(join(dir, 'b.tar'), files('built at 10:05\n'));
});
after(() => rmSync(dir, { recursive: true, force: true }));

test('one run writes several formats; render re-renders the saved JSON identically', () => {
  const r = runCli(['diff', 'a.tar', 'b.tar', '--output', 'json=out/r.json', '--output', 'html=out/r.html', '--output', 'sarif=out/r.sarif'], dir);
  assert.equal(r.exit, 1, r.stderr);
  for (const f of ['r.json', 'r.html', 'r.sarif']) assert.ok(existsSync(join(dir, 'out', f)), f);
  const direct = runCli(['diff', '--format', 'markdown', 'a.tar', 'b.tar'], dir).stdout;
  const again = runCli(['render', 'out/r.json', '--format', 'markdown'], dir);
  assert.equal(again.exit, 0);
  assert.equal(again.stdout, direct);
  assert.equal(runCli(['render', 'out/r.json', '--format', 'json'], dir).stdout, readFileSync(join(dir, 'out', 'r.json'), 'utf8'));
});

test('render of something that is not a report is exit 2 with one line', () => {
  writeFileSync(join(dir, 'not-a-report.json'), '{"hello": 1}');
  const r = runCli(['render', 'not-a-report.json'], dir);
  assert.equal(r.exit, 2);
  assert.match(r.stderr, /^repcheck: not-a-report\.json: .+\n$/);
});

test('--report-dir writes the report and both versions of changed files under sanitized names', () => {
  const r = runCli(['diff', '--report-dir', 'rd', 'a.tar', 'b.tar'], dir);
  assert.equal(r.exit, 1, r.stderr);
  const rd = join(dir, 'rd');
  assert.ok(existsSync(join(rd, 'report.json')) && existsSync(join(rd, 'report.html')) && existsSync(join(rd, 'files.json')));
  const a = readdirSync(join(rd, 'a'), { recursive: true }).map(String).sort();
  const b = readdirSync(join(rd, 'b'), { recursive: true }).map(String).sort();
  assert.deepEqual(a, b, 'both sides use the same names, so `diff -r DIR/a DIR/b` pairs them');
  assert.ok(a.some((p) => p.endsWith('conf.txt')));
  // The traversal name stays inside the report dir.
  assert.ok(!existsSync(join(dir, 'escape.txt')) && !existsSync(join(dir, '..', 'escape.txt')));
  const conf = a.find((p) => p.endsWith('conf.txt'))!;
  assert.equal(readFileSync(join(rd, 'a', conf), 'utf8'), 'built at 10:00\n');
  assert.equal(readFileSync(join(rd, 'b', conf), 'utf8'), 'built at 10:05\n');
});

test('the config file is found upward and supplies defaults; the command line wins', () => {
  const proj = join(dir, 'proj');
  mkdirSync(join(proj, 'sub', 'deeper'), { recursive: true });
  writeFileSync(join(proj, 'repcheck.config.json'), JSON.stringify({ format: 'json', failOn: 'error' }));
  const r = runCli(['diff', join(dir, 'a.tar'), join(dir, 'b.tar')], join(proj, 'sub', 'deeper'));
  assert.equal(r.exit, 0, 'failOn error from the config: warnings pass');
  assert.equal((JSON.parse(r.stdout) as { gate: { failOn: string } }).gate.failOn, 'error');
  const cli = runCli(['diff', '--fail-on', 'warning', '--format', 'text', join(dir, 'a.tar'), join(dir, 'b.tar')], join(proj, 'sub'));
  assert.equal(cli.exit, 1);
  assert.match(cli.stdout, /^input /);
});

test('an invalid config is exit 2 naming the key', () => {
  const proj = join(dir, 'badcfg');
  mkdirSync(proj);
  writeFileSync(join(proj, '.repcheckrc.json'), JSON.stringify({ failOn: 'sometimes' }));
  const r = runCli(['lint', join(dir, 'a.tar')], proj);
  assert.equal(r.exit, 2);
  assert.match(r.stderr, /failOn/);
  assert.equal(r.stderr.trim().split('\n').length, 1);
});

test('a waiver applies until it expires; an expired one stops applying and the report says so', () => {
  const proj = join(dir, 'waivers');
  mkdirSync(proj);
  const cfg = (expires: string) =>
    writeFileSync(join(proj, 'repcheck.config.json'), JSON.stringify({
      waivers: [{ kind: 'entry-content', path: 'app/**', reason: 'build stamp, tracked in #12', expires }],
    }));
  cfg('2999-12-31');
  const live = runCli(['diff', '--format', 'json', join(dir, 'a.tar'), join(dir, 'b.tar')], proj);
  const lr = JSON.parse(live.stdout) as { findings: { kind: string }[]; suppressed: Record<string, number>; notes: { code: string }[] };
  assert.ok(!lr.findings.some((f) => f.kind === 'entry-content'));
  assert.ok(Object.entries(lr.suppressed).some(([k, n]) => k.startsWith('waiver:entry-content') && n > 0));
  cfg('2000-01-01');
  const dead = runCli(['diff', '--format', 'json', join(dir, 'a.tar'), join(dir, 'b.tar')], proj);
  const dr = JSON.parse(dead.stdout) as typeof lr;
  assert.ok(dr.findings.some((f) => f.kind === 'entry-content'));
  assert.ok(dr.notes.some((n) => n.code === 'waiver-expired'));
  assert.equal(dead.exit, 1);
});

test('the real fixtures exist for the golden cases', () => {
  assert.ok(existsSync(fixture('real/layer-naive.tar.gz')));
});
