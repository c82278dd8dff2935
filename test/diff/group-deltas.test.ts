// groupDeltas: one finding per (kind, shape, field), whatever order the deltas come in. It
// reuses the group of the delta before when kind, shape and field match, so interleaved groups
// must still land apart and come back together.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { groupDeltas, type Delta } from '../../src/diff/classify.js';

const d = (shape: string, field: string | null, order: number, a: unknown = 1, b: unknown = 2): Delta =>
  ({ kind: 'entry-owner', shape, field, layer: 0, path: `p${order}`, order, a, b });

test('interleaved deltas group by kind, shape and field; counts and first examples per group', () => {
  const deltas = [
    d('build-user', 'uid', 0), d('build-user', 'gid', 1), d('build-user', 'uid', 2),
    d('user-name', 'uid', 3), d('build-user', 'uid', 4), d('build-user', null, 5), d('build-user', null, 6),
    d('build-user', 'uid', 7, 1, 3),
  ];
  const got = groupDeltas('entry-owner', deltas).map((f) => ({
    shape: f.shape, field: f.field, count: f.count, paths: f.examples.map((e) => e.path), b: f.b,
  }));
  assert.deepEqual(got, [
    { shape: 'build-user', field: 'uid', count: 4, paths: ['p0', 'p2', 'p4', 'p7'], b: undefined },
    { shape: 'build-user', field: 'gid', count: 1, paths: ['p1'], b: 2 },
    { shape: 'user-name', field: 'uid', count: 1, paths: ['p3'], b: 2 },
    { shape: 'build-user', field: null, count: 2, paths: ['p5', 'p6'], b: 2 },
  ]);
});
