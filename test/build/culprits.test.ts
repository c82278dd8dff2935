// Real builds of scripts that are nondeterministic in exactly one known way: the search must
// name that variation, and only it. A variation this machine cannot apply skips its case with
// the reason (the report says the same).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { pickLocales } from '../../src/build/variations/index.js';
import type { HostFacts } from '../../src/build/variations/index.js';
import { buildScript, host, scratch, sourceTree } from './helpers.js';
import { removeTreeSync } from '../../src/build/index.js';

// Archive settings that take every other source of difference out of a tar.
const TAR = 'tar --format=gnu --sort=name --mtime=@0 --owner=0 --group=0 --numeric-owner';

interface Case {
  culprit: string;
  /** Test name when the culprit alone does not say it. */
  name?: string;
  script: string;
  files?: Record<string, string>;
  /** Why this machine cannot run the case, or null. */
  unavailable?: (h: HostFacts) => string | null;
}

const CASES: Case[] = [
  { culprit: 'timezone', script: 'date +%Z > "$REPCHECK_OUT"' },
  {
    culprit: 'umask',
    // New files and dirs take their mode from the umask; the tar is otherwise pinned.
    script: `mkdir d && echo x > d/f && ${TAR} -cf "$REPCHECK_OUT" d`,
  },
  { culprit: 'build-path', script: 'pwd > "$REPCHECK_OUT"' },
  {
    culprit: 'time',
    script: 'date +%s > "$REPCHECK_OUT"',
    unavailable: (h) => (h.faketime.ok ? null : `${h.faketime.reason}: time cannot be held equal`),
  },
  {
    // `date -u` resets TZ inside the process: with faketime's `@DATE` form the fake clock would
    // then move with the build's TZ and `timezone` would be blamed too.
    culprit: 'time',
    name: 'time (date -u, in every time zone)',
    script: 'date -u +%Y-%m-%dT%H:%M:%SZ > "$REPCHECK_OUT"',
    unavailable: (h) => (h.faketime.ok ? null : `${h.faketime.reason}: time cannot be held equal`),
  },
  {
    culprit: 'file-order',
    // find walks in readdir order; the list goes into the tar unsorted.
    script: `find data -type f > "$TMPDIR/list" && tar --format=gnu --mtime=@0 --owner=0 --group=0 --numeric-owner --no-recursion -T "$TMPDIR/list" -cf "$REPCHECK_OUT"`,
    files: Object.fromEntries(['a', 'b', 'c', 'd', 'e', 'f'].map((n) => [`data/${n}`, n])),
    unavailable: (h) => (h.disorderfs.ok || h.creationOrderVisible ? null : `no way to change readdir order here (${h.disorderfs.reason})`),
  },
  {
    culprit: 'locale',
    // C sorts capitals first; en_US (and most locales) interleave them.
    script: `printf 'b\\nA\\na\\nB\\n' | sort > "$REPCHECK_OUT"`,
    unavailable: (h) =>
      h.locales && pickLocales(h.locales).collationDiffers ? null : 'only C locales exist here (generate en_US.UTF-8 to run this case)',
  },
  { culprit: 'home', script: 'echo "$HOME" > "$REPCHECK_OUT"' },
  { culprit: 'user', script: 'echo "$USER" > "$REPCHECK_OUT"' },
  {
    culprit: 'cpus',
    script: 'nproc > "$REPCHECK_OUT"',
    unavailable: (h) => (h.cpus && h.cpus.length > 1 ? null : 'fewer than two CPUs (or no taskset)'),
  },
  {
    culprit: 'hostname',
    script: 'uname -n > "$REPCHECK_OUT"',
    unavailable: (h) => (h.uts.ok ? null : h.uts.reason),
  },
  { culprit: 'source-date-epoch', script: 'echo "${SOURCE_DATE_EPOCH:-}" > "$REPCHECK_OUT"' },
];

// Each run has its own temp root and mostly waits for second boundaries (every build starts
// right after one): the cases run side by side.
describe('build culprits', { concurrency: 8 }, () => {
  for (const c of CASES) {
    test(`build: a script that depends on ${c.name ?? c.culprit} is diagnosed with culprit ${c.culprit}`, async (t) => {
      const why = c.unavailable?.(await host()) ?? null;
      if (why) {
        t.skip(why);
        return;
      }
      const dir = scratch();
      try {
        const run = await buildScript(sourceTree(dir, c.script, c.files));
        assert.deepEqual(run.left, [], 'temp dirs left behind');
        assert.equal(run.report.mode, 'build');
        assert.equal(run.report.verdict, 'differs');
        assert.equal(run.report.build!.intrinsic, false);
        assert.deepEqual(run.causes, [[c.culprit]]);
        assert.deepEqual(run.report.build!.culprits, [c.culprit]);
        const applied = run.report.build!.variations.filter((v) => v.applied).length;
        // A, B, the control, then the search: fewer than trying each applied variation in turn.
        assert.ok(run.report.build!.builds - 3 < applied, `${run.report.build!.builds} builds for ${applied} variations`);
        assert.equal(run.report.gate.failed, true);
      } finally {
        removeTreeSync(dir);
      }
    });
  }

  test('build: intrinsic randomness (/dev/urandom) is reported as intrinsic, with no culprit', async () => {
    const dir = scratch();
    try {
      const run = await buildScript(sourceTree(dir, 'head -c 16 /dev/urandom | od -An -tx1 > "$REPCHECK_OUT"'));
      assert.deepEqual(run.left, []);
      assert.equal(run.report.verdict, 'differs');
      assert.equal(run.report.build!.intrinsic, true);
      assert.deepEqual(run.report.build!.culprits, []);
      // A, B, the control: nothing to search when every difference already shows in the control.
      assert.equal(run.report.build!.builds, 3);
    } finally {
      removeTreeSync(dir);
    }
  });

  test('build: randomness plus a timezone dependency: the control masks the one, the search names the other', async () => {
    const dir = scratch();
    try {
      const script = `mkdir out && head -c 8 /dev/urandom | od -An -tx1 > out/random && date +%Z > out/zone && ${TAR} -cf "$REPCHECK_OUT" out`;
      const run = await buildScript(sourceTree(dir, `umask 022\n${script}`));
      assert.equal(run.report.build!.intrinsic, true);
      assert.deepEqual(run.causes, [['timezone']]);
    } finally {
      removeTreeSync(dir);
    }
  });

  test('build: two independent causes (timezone and umask) are both named', async () => {
    const dir = scratch();
    try {
      const run = await buildScript(sourceTree(dir, `mkdir d && date +%Z > d/zone && ${TAR} -cf "$REPCHECK_OUT" d`));
      assert.deepEqual(run.causes, [['timezone'], ['umask']]);
      assert.deepEqual(run.report.build!.culprits, ['timezone', 'umask']);
    } finally {
      removeTreeSync(dir);
    }
  });

  test('build: without faketime, time is not held equal: a clock-dependent build shows as intrinsic, time is no culprit', async () => {
    const dir = scratch();
    try {
      const run = await buildScript(sourceTree(dir, 'date +%s > "$REPCHECK_OUT"'), {
        host: { faketime: { ok: false, installed: false, reason: 'faketime is not installed' } },
      });
      const time = run.report.build!.variations.find((v) => v.id === 'time')!;
      assert.equal(time.applied, true);
      assert.match(time.detail!, /not held equal/);
      assert.equal(run.report.build!.intrinsic, true);
      assert.deepEqual(run.report.build!.culprits, []);
      assert.ok(run.report.notes.some((n) => n.code === 'build-time' && /cannot be held equal/.test(n.message)));
    } finally {
      removeTreeSync(dir);
    }
  });

  test('build: a deterministic script is reproducible in two builds; the report shows no temp path', async () => {
    const dir = scratch();
    try {
      const run = await buildScript(sourceTree(dir, `mkdir d && echo hello > d/f && ${TAR} --mode=go-w -cf "$REPCHECK_OUT" d`));
      assert.deepEqual(run.left, []);
      assert.equal(run.report.verdict, 'identical');
      assert.equal(run.report.gate.failed, false);
      assert.equal(run.report.build!.builds, 2);
      assert.deepEqual(run.report.build!.culprits, []);
      assert.equal(run.report.build!.intrinsic, null);
      // Every variation is listed, applied or skipped with a reason: never a silent empty set.
      assert.equal(run.report.build!.variations.length, 11);
      for (const v of run.report.build!.variations) assert.ok(v.applied ? v.detail : v.reason, v.id);
      const json = JSON.stringify(run.report);
      assert.ok(!json.includes(dir) && !/repcheck-tmp-/.test(json), 'a temp path leaked into the report');
      assert.deepEqual(run.report.inputs.map((i) => i.label), ['build A', 'build B']);
    } finally {
      removeTreeSync(dir);
    }
  });

  test('build: --max-builds bounds the search; the report says where it stopped', async () => {
    const dir = scratch();
    try {
      const run = await buildScript(sourceTree(dir, `mkdir d && date +%Z > d/zone && ${TAR} -cf "$REPCHECK_OUT" d`), {
        maxBuilds: 5,
      });
      const b = run.report.build!;
      assert.equal(b.builds, 5);
      assert.match(b.searchStopped!, /^--max-builds 5 reached/);
      assert.deepEqual(run.left, []);
      // What was found so far still holds a real cause (an upper bound when not minimal).
      assert.ok(b.causes.length >= 1);
      assert.ok(b.causes[0]!.includes('timezone') || b.causes[0]!.includes('umask'));
    } finally {
      removeTreeSync(dir);
    }
  });

  test('build: --no-vary time still holds the clock equal (faketime at the base time), so a clock-dependent build reproduces', async (t) => {
    const h = await host();
    if (!h.faketime.ok) {
      t.skip(h.faketime.reason);
      return;
    }
    const dir = scratch();
    try {
      const run = await buildScript(sourceTree(dir, 'date -u +%s > "$REPCHECK_OUT"'), { noVary: ['time'] });
      assert.equal(run.report.verdict, 'identical');
      const time = run.report.build!.variations.find((v) => v.id === 'time')!;
      assert.match(time.reason!, /^not chosen \(--no-vary\); the clock is held equal in both builds/);
    } finally {
      removeTreeSync(dir);
    }
  });
});
