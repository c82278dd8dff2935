// The project config: found upward, every key validated with its path named, relative paths
// resolved against the file, and the commander defaults it yields.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { ConfigError, configOptionDefaults, findConfig, loadConfig, parseConfig } from '../../src/config/index.js';

const root = mkdtempSync(join(tmpdir(), 'repcheck-config-'));
after(() => rmSync(root, { recursive: true, force: true }));

function dir(name: string, files: Record<string, string> = {}): string {
  const d = join(root, name);
  mkdirSync(d, { recursive: true });
  for (const [f, text] of Object.entries(files)) writeFileSync(join(d, f), text);
  return d;
}

test('config: found in the nearest directory upward; none gives an empty config', async () => {
  const top = dir('proj', { 'repcheck.config.json': JSON.stringify({ failOn: 'error', reportDir: 'out/report' }) });
  const deep = dir('proj/a/b/c');
  const { path, config } = await loadConfig(deep);
  assert.equal(path, join(top, 'repcheck.config.json'));
  assert.equal(config.failOn, 'error');
  assert.equal(config.reportDir, join(top, 'out/report'), 'relative to the config file');
  const rc = dir('proj/a/rc', { '.repcheckrc.json': '{"format":"markdown"}' });
  assert.equal((await loadConfig(join(rc))).config.format, 'markdown', 'the nearer file wins');
  const none = mkdtempSync(join(tmpdir(), 'repcheck-noconfig-'));
  try {
    // tmpdir's parents hold no config on a sane machine; findConfig walks to the root.
    const found = await findConfig(none);
    if (found === null) assert.deepEqual(await loadConfig(none), { path: null, config: {} });
  } finally {
    rmSync(none, { recursive: true });
  }
});

test('config: an explicit file must exist; both names in one directory is an error', async () => {
  const d = dir('explicit', { 'custom.json': '{"verbose": true, "output": {"html": "r.html"}}' });
  const { config } = await loadConfig(d, 'custom.json');
  assert.equal(config.verbose, true);
  assert.equal(config.output?.html, join(d, 'r.html'));
  await assert.rejects(loadConfig(d, 'missing.json'), (e: unknown) => e instanceof ConfigError && /missing\.json: config file not found/.test(e.message));
  const both = dir('both', { 'repcheck.config.json': '{}', '.repcheckrc.json': '{}' });
  await assert.rejects(loadConfig(both), /keep one/);
});

test('config: every wrong key or type names its key path', () => {
  const bad: [unknown, RegExp][] = [
    ['[]', /: the config must be a JSON object/],
    [{ fromat: 'html' }, /: fromat: unknown key \(did you mean 'format'\?\)/],
    [{ format: 'pdf' }, /: format: must be one of text, json, markdown, html, junit, sarif, github/],
    [{ failOn: 'fatal' }, /: failOn: must be error, warning or info/],
    [{ ignore: ['entry-mtime', 'nope'] }, /: ignore\[1\]: unknown kind 'nope'/],
    [{ ignore: 'entry-mtime' }, /: ignore: must be an array/],
    [{ sourceDateEpoch: -1 }, /: sourceDateEpoch: must be a non-negative integer/],
    [{ sourceDateEpoch: '1700000000' }, /: sourceDateEpoch: must be a non-negative integer/],
    [{ owner: 'root' }, /: owner: must be "UID:GID"/],
    [{ verbose: 'yes' }, /: verbose: must be true or false/],
    [{ limits: { maxEntrys: 5 } }, /: limits\.maxEntrys: unknown key \(did you mean 'maxEntries'\?\)/],
    [{ limits: { maxEntries: 1.5 } }, /: limits\.maxEntries: must be a non-negative integer/],
    [{ output: { pdf: 'x' } }, /: output\.pdf: not a format/],
    [{ waivers: [{ kind: 'entry-mtime' }] }, /: waivers\[0\]\.reason: is required/],
    [{ waivers: [{ kind: 'entry-mtime', reason: ' ' }] }, /: waivers\[0\]\.reason: must not be empty/],
    [{ waivers: [{ reason: 'x' }] }, /: waivers\[0\]\.kind: is required/],
    [{ waivers: [{ kind: 'entry-mtime', reason: 'x', expires: '2024-02-30' }] }, /: waivers\[0\]\.expires: must be a date YYYY-MM-DD/],
    [{ waivers: [{ kind: 'entry-mtime', reason: 'x', until: '2024-01-01' }] }, /: waivers\[0\]\.until: unknown key/],
  ];
  for (const [doc, re] of bad) {
    assert.throws(() => parseConfig(typeof doc === 'string' ? doc : JSON.stringify(doc), 'repcheck.config.json'), (e: unknown) => {
      assert.ok(e instanceof ConfigError, String(e));
      assert.match(e.message, re);
      assert.ok(e.message.startsWith('repcheck.config.json'), e.message);
      return true;
    });
  }
  assert.throws(() => parseConfig('{"a":', 'c.json'), /c\.json: not valid JSON/);
});

test('config: a full config is accepted and becomes commander defaults', () => {
  const c = parseConfig(
    JSON.stringify({
      $schema: './repcheck.schema.json',
      format: 'markdown',
      failOn: 'error',
      ignore: ['gzip-os', 'image-ref'],
      sourceDateEpoch: 1700000000,
      owner: '0:0',
      verbose: true,
      limits: { maxEntries: 10, maxJsonBytes: 1024 },
      output: { html: '/abs/r.html' },
      waivers: [{ kind: 'entry-mtime', path: 'usr/share/**', reason: 'docs are regenerated', expires: '2030-01-01' }],
    }),
    'x.json',
  );
  assert.deepEqual(configOptionDefaults(c), {
    format: 'markdown',
    failOn: 'error',
    ignore: ['gzip-os,image-ref'],
    sourceDateEpoch: '1700000000',
    owner: '0:0',
    verbose: true,
    output: ['html=/abs/r.html'],
    maxEntries: '10',
    maxJsonBytes: '1024',
  });
});
