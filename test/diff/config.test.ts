import { test } from 'node:test';
import assert from 'node:assert/strict';
import { diffImages } from '../../src/diff/index.js';
import { file, side, type ImageOpts, type LayerSpec } from './build.js';
import { kindsOf, one, only } from './helpers.js';

const layers = (): LayerSpec[] => [{ entries: [file('a')] }, { entries: [file('b')] }, { entries: [file('c')] }];
const img = (label: string, opts: ImageOpts = {}, ls = layers()) => side(label, ls, opts);
const diff = (a: ImageOpts, b: ImageOpts) => diffImages(img('a', a), img('b', b));
type H = { created?: string; created_by?: string; comment?: string; empty_layer?: boolean }[];
const hist = (c: Record<string, unknown>) => c['history'] as H;

test('identical images: no findings, level same', () => {
  const r = diff({}, {});
  assert.deepEqual(r.findings, []);
  assert.deepEqual(r.notes, []);
  assert.equal(r.level, 'same');
});

test('same image, different container (no manifest on one side): no findings, one note', () => {
  const r = diffImages(img('a'), side('b', layers().map((l) => ({ ...l, mediaType: null })), { manifest: null }));
  assert.deepEqual(r.findings, []);
  assert.deepEqual(r.notes.map((n) => n.code), ['diff-no-manifest']);
});

test('config-created fires with the offset; silent when only history differs', () => {
  const r = diff({}, { config: (c) => (c['created'] = '2024-01-01T01:00:00Z') });
  const f = one(r, 'config-created');
  assert.deepEqual([f.a, f.b, f.field], ['2024-01-01T00:00:00Z', '2024-01-01T01:00:00Z', 'created']);
  assert.deepEqual(f.value, { offset: 3600 });
  assert.deepEqual(kindsOf(r), ['config-created']);
  assert.equal(r.level, 'metadata');
  const r2 = diff({}, { config: (c) => (hist(c)[0]!.comment = 'x') });
  assert.equal(only(r2, 'config-created').length, 0);
});

test('history-created: every step shifted is one constant-shift finding', () => {
  const r = diff({}, { config: (c) => hist(c).forEach((h) => (h.created = '2024-01-02T00:00:00Z')) });
  const f = one(r, 'history-created');
  assert.equal(f.shape, 'constant-shift');
  assert.equal(f.count, 3);
  assert.deepEqual(f.value, { offset: 86400 });
  assert.deepEqual(f.examples.map((e) => e.field), ['history[0].created', 'history[1].created', 'history[2].created']);
  assert.deepEqual(kindsOf(r), ['history-created']);
});

test('history-created silent, history-other fires for created_by', () => {
  const r = diff({}, { config: (c) => (hist(c)[1]!.created_by = 'RUN step 1 --build-arg=/tmp/x') });
  assert.deepEqual(kindsOf(r), ['history-other']);
  const f = one(r, 'history-other');
  assert.equal(f.field, 'created_by');
  assert.equal(f.examples[0]!.field, 'history[1].created_by');
});

test('history-other: an inserted step is one added entry, not a shift of every later one', () => {
  const r = diff({}, {
    config: (c) => {
      hist(c).splice(1, 0, { created: '2024-01-01T00:00:00Z', created_by: 'ENV X=1', empty_layer: true });
    },
  });
  assert.deepEqual(kindsOf(r), ['history-other']);
  const f = one(r, 'history-other');
  assert.equal(f.shape, 'added');
  assert.equal(f.count, 1);
  assert.equal(f.examples[0]!.field, 'history[1]');
});

test('config-other by JSON path; silent when nothing but diff_ids differ', () => {
  const r = diff({}, {
    config: (c) => {
      const cfg = c['config'] as { Env: string[]; Labels: Record<string, string> };
      cfg.Env[1] = 'LANG=C.UTF-8';
      cfg.Labels['org.opencontainers.image.created'] = 'now';
    },
  });
  const paths = only(r, 'config-other').map((f) => [f.field, f.shape]).sort();
  assert.deepEqual(paths, [['config.Env[1]', 'changed'], ['config.Labels["org.opencontainers.image.created"]', 'added']]);
  const env = only(r, 'config-other').find((f) => f.field === 'config.Env[1]')!;
  assert.deepEqual([env.a, env.b], ['LANG=C', 'LANG=C.UTF-8']);

  const r2 = diffImages(img('a'), img('b', {}, [{ entries: [file('a')] }, { entries: [file('b', { content: 'x' })] }, { entries: [file('c')] }]));
  assert.deepEqual(kindsOf(r2), ['entry-content']);
});

test('config-other: serialization only (same JSON, other bytes)', () => {
  const r = diff({}, { indent: 2 });
  const f = one(r, 'config-other');
  assert.equal(f.shape, 'serialization');
});

test('manifest-other: annotations, on the manifest and on layers; silent for digests', () => {
  const r = diff({}, {
    manifest: (m) => {
      m['annotations'] = { 'org.opencontainers.image.created': '2024' };
      for (const l of m['layers'] as Record<string, unknown>[]) l['annotations'] = { k: 'v' };
    },
  });
  const fs = only(r, 'manifest-other').map((f) => [f.field, f.count]).sort();
  assert.deepEqual(fs, [['annotations', 1], ['layers[].annotations', 3]]);
  assert.deepEqual(kindsOf(r), ['manifest-other']);

  // Layer content changed: manifest layer digests and config digest differ, but are consequences.
  const r2 = diffImages(img('a'), img('b', {}, [{ entries: [file('a', { mtime: 1 })] }, { entries: [file('b')] }, { entries: [file('c')] }]));
  assert.deepEqual(kindsOf(r2), ['entry-mtime']);
});

test('manifest-other: config media type', () => {
  const r = diff({}, { manifest: (m) => ((m['config'] as Record<string, unknown>)['mediaType'] = 'application/vnd.docker.container.image.v1+json') });
  assert.equal(one(r, 'manifest-other').field, 'config.mediaType');
});

test('image-ref fires when refs differ, silent when they are the same set', () => {
  const r = diff({ refs: ['app:1'] }, { refs: ['app:2'] });
  const f = one(r, 'image-ref');
  assert.deepEqual([f.a, f.b], [['app:1'], ['app:2']]);
  assert.deepEqual(kindsOf(r), ['image-ref']);
  assert.deepEqual(diff({ refs: ['x:1', 'y:1'] }, { refs: ['y:1', 'x:1'] }).findings, []);
});

test('config-other: fields only absent vs a zero value are one zero-value group', () => {
  const r = diff({}, {
    config: (c) => {
      const cfg = c['config'] as Record<string, unknown>;
      cfg['Tty'] = false;
      cfg['Volumes'] = null;
      cfg['OnBuild'] = [];
    },
  });
  const f = one(r, 'config-other');
  assert.equal(f.shape, 'zero-value');
  assert.equal(f.count, 3);
  assert.deepEqual(f.examples.map((e) => e.field), ['config.OnBuild', 'config.Tty', 'config.Volumes']);
});

test('config-created offset is rounded to the millisecond', () => {
  const r = diff(
    { config: (c) => (c['created'] = '2026-11-28T10:01:51.466459026Z') },
    { config: (c) => (c['created'] = '2026-11-28T10:01:53.671765024Z') },
  );
  assert.deepEqual(one(r, 'config-created').value, { offset: 2.205 });
});
