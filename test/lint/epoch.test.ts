import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { inferEpoch, lintImage, type LintInput, type LintRule } from '../../src/lint/index.js';
import { entry, EPOCH, EPOCH_ISO, image, input, layer } from './build.js';

const iso = (s: number) => new Date(s * 1000).toISOString().replace('.000Z', 'Z');

function infer(created: string | undefined, mtimes: number[]) {
  const scans = [layer(mtimes.map((m, i) => entry(`f${i}`, { mtime: m })))];
  return inferEpoch(image(scans, { configPatch: { created } }), scans);
}

describe('epoch inference', () => {
  it('takes config.created when the newest entries sit exactly at it (the clamp signature)', () => {
    const r = infer(EPOCH_ISO, [EPOCH - 100, EPOCH, EPOCH]);
    assert.equal(r.value, EPOCH);
    assert.equal(r.note.code, 'epoch-inferred');
    assert.match(r.note.message, /config\.created/);
  });

  it('takes config.created when entries are newer than it: pinned, files not clamped', () => {
    assert.equal(infer(EPOCH_ISO, [EPOCH - 5, EPOCH + 600]).value, EPOCH);
  });

  it('takes a 1970 constant (Nix writes 1970-01-01T00:00:01Z) even over older-looking files', () => {
    assert.equal(infer('1970-01-01T00:00:01Z', [0, 1, 1]).value, 1);
    assert.equal(infer('1970-01-01T00:00:01Z', [0, 0]).value, 1);
  });

  it('reads a created just after the newest file as the build clock, and infers the newest mtime', () => {
    const r = infer(iso(EPOCH + 42), [EPOCH - 1000, EPOCH, EPOCH]);
    assert.equal(r.value, EPOCH);
    assert.match(r.note.message, /newest entry mtime, shared by 2 entries/);
    assert.match(r.note.message, /42 s later/);
  });

  it('never takes a created with sub-second precision (a clock reading), even with one newest entry', () => {
    const r = infer('2021-03-07T21:28:00.893449536Z', [5, 1615152481]);
    assert.equal(r.value, 1615152481);
    assert.match(r.note.message, /sub-second/);
  });

  it('keeps a created far later than every file (erring towards silence)', () => {
    assert.equal(infer(EPOCH_ISO, [0, 0, 0]).value, EPOCH);
  });

  it("falls back to a max mtime shared by several entries when created is absent or Go's zero time", () => {
    assert.equal(infer(undefined, [5, EPOCH, EPOCH]).value, EPOCH);
    assert.equal(infer('0001-01-01T00:00:00Z', [5, EPOCH, EPOCH]).value, EPOCH);
  });

  it('gives up when nothing is shared, with a note saying what was not checked', () => {
    const r = infer(undefined, [5, EPOCH]);
    assert.equal(r.value, null);
    assert.equal(r.note.code, 'epoch-unknown');
    assert.match(r.note.message, /entry-mtime/);
  });

  it('uses config.created when there are no entries to compare with', () => {
    assert.equal(infer(EPOCH_ISO, []).value, EPOCH);
  });
});

const lint = (over: Partial<LintInput>, rules?: LintRule[]) => {
  const scans = [layer([entry('a', { mtime: EPOCH + 600 })])];
  const img = image(scans);
  return lintImage({ image: img, scans, owner: { uid: 0, gid: 0 }, input: input([img]), ...over }, rules);
};

describe('lintImage', () => {
  it('infers the epoch when none is given, notes it, and lints against it', () => {
    const r = lint({});
    assert.deepEqual(r.epoch, { value: EPOCH, source: 'inferred' });
    assert.ok(r.notes.some((n) => n.code === 'epoch-inferred'));
    assert.ok(r.findings.some((f) => f.kind === 'entry-mtime'));
  });

  it('uses a given epoch and its source without inferring', () => {
    const r = lint({ epoch: EPOCH + 1000, epochSource: 'env' });
    assert.deepEqual(r.epoch, { value: EPOCH + 1000, source: 'env' });
    assert.ok(!r.findings.some((f) => f.kind === 'entry-mtime'));
    assert.ok(!r.notes.some((n) => n.code === 'epoch-inferred'));
  });

  it('with epoch null checks no times and says so', () => {
    const r = lint({ epoch: null });
    assert.deepEqual(r.epoch, { value: null, source: 'none' });
    assert.ok(r.notes.some((n) => n.code === 'epoch-unknown'));
    assert.ok(!r.findings.some((f) => f.kind === 'entry-mtime' || f.kind === 'config-created'));
  });

  it('turns a throwing rule into a note and runs the others', () => {
    const boom: LintRule = { id: 'boom', kinds: ['entry-set'], check: () => { throw new Error('kaput'); } };
    const ok: LintRule = {
      id: 'ok',
      kinds: ['entry-set'],
      check: () => [{ kind: 'entry-set', severity: 'info', layer: 0, path: null, field: null, count: 1, examples: [], origin: 'ok' }],
    };
    const r = lint({ epoch: EPOCH }, [boom, ok]);
    assert.equal(r.findings.length, 1);
    const note = r.notes.find((n) => n.code === 'lint-rule-failed');
    assert.match(note!.message, /boom.*kaput/);
  });

  it('returns findings in a stable order: kind, layer, path', () => {
    const scans = [
      layer([entry('b', { mtime: EPOCH + 1, uid: 1000 }), entry('a', { mtime: EPOCH + 1 })]),
      layer([entry('c', { mtime: EPOCH + 1 })], { gzip: { memberCount: 1, headers: [] } }),
    ];
    const img = image(scans);
    const r = lintImage({ image: img, scans, owner: { uid: 0, gid: 0 }, input: input([img]), epoch: EPOCH, epochSource: 'flag' });
    assert.deepEqual(
      r.findings.map((f) => `${f.kind}@${f.layer}`),
      ['entry-mtime@0', 'entry-mtime@1', 'entry-order@0', 'entry-owner@0'],
    );
    const again = lintImage({ image: img, scans, owner: { uid: 0, gid: 0 }, input: input([img]), epoch: EPOCH, epochSource: 'flag' });
    assert.deepEqual(again, r);
  });
});
