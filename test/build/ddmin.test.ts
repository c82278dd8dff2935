// Delta debugging with a fake oracle: no builds, just sets. `causes` are the sets that, all
// members varied together, make the builds differ (a cause of one = a single culprit).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BudgetExhausted, ddmin, findCauses, memoize, split } from '../../src/build/ddmin.js';
import { VARIATION_IDS } from '../../src/build/variations/index.js';

const IDS: readonly string[] = VARIATION_IDS;

/** Runs the search the way run-twice does: all and [] are known (builds B and control). */
async function search(causes: string[][], opts: { budget?: number } = {}) {
  let builds = 0;
  const oracle = memoize<string>(async (set) => {
    if (set.length === IDS.length) return true;
    if (set.length === 0) return false;
    if (opts.budget !== undefined && builds >= opts.budget) throw new BudgetExhausted();
    builds++;
    return causes.some((c) => c.every((x) => set.includes(x)));
  }, IDS);
  const found = await findCauses(IDS, oracle);
  return { ...found, builds };
}

const sorted = (cs: string[][]) => cs.map((c) => [...c].sort()).sort((a, b) => a.join().localeCompare(b.join()));

test('split: near-equal contiguous parts, first ones longer, none empty', () => {
  assert.deepEqual(split([1, 2, 3, 4, 5], 2), [[1, 2, 3], [4, 5]]);
  assert.deepEqual(split([1, 2, 3], 4), [[1], [2], [3]]);
  assert.deepEqual(split([1, 2, 3, 4, 5, 6, 7], 3), [[1, 2, 3], [4, 5], [6, 7]]);
});

test('ddmin: a single culprit, wherever it sits, in fewer builds than one per variation', async () => {
  let worst = 0;
  for (const id of IDS) {
    const r = await search([[id]]);
    assert.deepEqual(r.causes, [[id]], id);
    assert.equal(r.stopped, false);
    // Trying each variation in turn costs one build per variation (11); ddmin plus the final
    // "does the rest still differ" check costs at most 7 here.
    assert.ok(r.builds < IDS.length, `${id}: ${r.builds} builds`);
    worst = Math.max(worst, r.builds);
  }
  assert.ok(worst <= 7, `worst case ${worst}`);
});

test('ddmin: two independent causes are both named (search repeated with the first held fixed)', async () => {
  const r = await search([['time'], ['umask']]);
  assert.deepEqual(sorted(r.causes), [['time'], ['umask']]);
  assert.ok(r.builds <= IDS.length, `${r.builds} builds`);
});

test('ddmin: a pair that only differs together is one cause of two', async () => {
  const r = await search([['locale', 'cpus']]);
  assert.deepEqual(sorted(r.causes), [['cpus', 'locale']]);
});

test('ddmin: a pair and an independent single cause', async () => {
  const r = await search([['locale', 'cpus'], ['time']]);
  assert.deepEqual(sorted(r.causes), [['cpus', 'locale'], ['time']]);
});

test('ddmin: the result is 1-minimal (removing any member makes the difference go away)', async () => {
  const causes = [['home', 'user', 'hostname']];
  const r = await search(causes);
  assert.deepEqual(sorted(r.causes), [['home', 'hostname', 'user']]);
});

test('findCauses: out of budget, keeps what it found and says the search stopped', async () => {
  const r = await search([['time'], ['umask']], { budget: 3 });
  assert.equal(r.stopped, true);
  assert.equal(r.lastPartial, true);
  assert.equal(r.causes.length, 1);
  // The partial cause is an upper bound: it still contains a real cause.
  assert.ok(r.causes[0]!.includes('time') || r.causes[0]!.includes('umask'));
});

test('memoize: never asks twice, and infers from sets already answered', async () => {
  const asked: string[] = [];
  const m = memoize<string>(async (set) => {
    asked.push(set.join('+'));
    return set.includes('b');
  }, ['a', 'b', 'c', 'd']);
  assert.equal(await m(['a', 'b']), true);
  assert.equal(await m(['b', 'a']), true); // same set, other order
  assert.equal(await m(['a', 'b', 'c']), true); // contains a set known to differ
  assert.equal(await m(['c', 'd']), false);
  assert.equal(await m(['d']), false); // within a set known not to
  assert.deepEqual(asked, ['a+b', 'c+d']);
  assert.equal(m.calls, 2);
});

test('ddmin: state.current shrinks as the search narrows', async () => {
  const state = { current: [] as readonly string[] };
  const sizes: number[] = [];
  const out = await ddmin(['a', 'b', 'c', 'd'], async (s) => {
    sizes.push(state.current.length);
    return s.includes('c');
  }, state);
  assert.deepEqual(out, ['c']);
  assert.deepEqual(state.current, ['c']);
  assert.ok(sizes.every((n, i) => i === 0 || n <= sizes[i - 1]!));
});
