// The CLI end to end: exit codes, output, and that no temp dir survives any way a run ends
// (success, failure, timeout, SIGINT, SIGTERM) unless --keep. TMPDIR points at a private dir
// per test, so "nothing left" is checked exactly.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { removeTreeSync } from '../../src/build/index.js';
import { alive, faketimeLeftovers, nobodyCannotRun, runCli, scratch, sourceTree, waitFor, worldWritable } from './helpers.js';

const TAR = 'tar --format=gnu --sort=name --mtime=@0 --owner=0 --group=0 --numeric-owner --mode=go-w';

/** A test dir with src/ (the script) and tmp/ (the CLI's TMPDIR). */
function setup(script: string, files?: Record<string, string>): { dir: string; src: string; tmp: string } {
  const dir = scratch();
  const src = sourceTree(dir, script, files);
  const tmp = join(dir, 'tmp');
  mkdirSync(tmp);
  return { dir, src, tmp };
}

test('cli build: a deterministic build exits 0; JSON has mode build, no culprits, two builds, no temp path', async () => {
  const { dir, src, tmp } = setup('echo hello > "$REPCHECK_OUT"');
  try {
    const r = await runCli(['--format', 'json', '--', 'sh', 'build.sh'], { cwd: src, env: { TMPDIR: tmp } });
    assert.equal(r.code, 0, r.stderr);
    const j = JSON.parse(r.stdout);
    assert.equal(j.mode, 'build');
    assert.equal(j.verdict, 'identical');
    assert.deepEqual(j.build.culprits, []);
    assert.deepEqual(j.build.command, ['sh', 'build.sh']);
    assert.equal(j.build.builds, 2);
    assert.equal(j.build.intrinsic, null);
    assert.ok(!r.stdout.includes(tmp) && !r.stdout.includes(dir));
    assert.equal(r.stderr, '');
    assert.deepEqual(readdirSync(tmp), []);
  } finally {
    removeTreeSync(dir);
  }
});

test('cli build: a timezone-dependent build exits 1 and the text report names the culprit and its fix', async () => {
  const { dir, src, tmp } = setup('date +%Z > "$REPCHECK_OUT"');
  try {
    const r = await runCli(['--', 'sh', 'build.sh'], { cwd: src, env: { TMPDIR: tmp } });
    assert.equal(r.code, 1, r.stderr);
    assert.match(r.stdout, /^culprits timezone$/m);
    assert.match(r.stdout, /cause 1 {2}timezone → entry-content: artifact/);
    assert.match(r.stdout, /fix: The output depends on the local time zone/);
    assert.match(r.stdout, /^FAIL /m);
    assert.deepEqual(readdirSync(tmp), []);
  } finally {
    removeTreeSync(dir);
  }
});

test('cli build: a failing build exits 2 with its exit code and the tail of its output; nothing left', async () => {
  const { dir, src, tmp } = setup('echo compiling; echo "boom: missing header" >&2; exit 3');
  try {
    const r = await runCli(['--', 'sh', 'build.sh'], { cwd: src, env: { TMPDIR: tmp } });
    assert.equal(r.code, 2);
    assert.match(r.stderr, /build A failed with exit code 3/);
    assert.match(r.stderr, /compiling\nboom: missing header/);
    assert.equal(r.stdout, '');
    assert.deepEqual(readdirSync(tmp), []);
  } finally {
    removeTreeSync(dir);
  }
});

test('cli build: a build that writes no artifact exits 2 and says where it should go', async () => {
  const { dir, src, tmp } = setup('echo nothing');
  try {
    const r = await runCli(['--', 'sh', 'build.sh'], { cwd: src, env: { TMPDIR: tmp } });
    assert.equal(r.code, 2);
    assert.match(r.stderr, /wrote nothing to \$REPCHECK_OUT/);
    assert.deepEqual(readdirSync(tmp), []);
  } finally {
    removeTreeSync(dir);
  }
});

test('cli build: --timeout kills the whole process group (background jobs too) and exits 2', async () => {
  const { dir, src, tmp } = setup('sleep 60 & echo $! > "$PIDFILE"; sleep 60');
  const pidfile = join(dir, 'pid');
  try {
    const r = await runCli(['--timeout', '1', '--env', `PIDFILE=${pidfile}`, '--', 'sh', 'build.sh'], { cwd: src, env: { TMPDIR: tmp } });
    assert.equal(r.code, 2);
    assert.match(r.stderr, /build A timed out after 1 s/);
    const pid = Number(readFileSync(pidfile, 'utf8'));
    assert.equal(alive(pid), false, 'the background sleep survived');
    assert.deepEqual(readdirSync(tmp), []);
    // The killed faketime wrapper could not remove its semaphore and shm segment; repcheck did.
    assert.deepEqual(faketimeLeftovers(), []);
  } finally {
    removeTreeSync(dir);
  }
});

for (const sig of ['SIGINT', 'SIGTERM'] as const) {
  test(`cli build: ${sig} in the middle of a build kills it and leaves no temp dir`, async () => {
    const { dir, src, tmp } = setup('echo $$ > "$MARK.pid"; sleep 60 & echo $! > "$MARK.bg"; touch "$MARK"; wait');
    const mark = join(dir, 'started');
    try {
      const r = await runCli(['--env', `MARK=${mark}`, '--', 'sh', 'build.sh'], {
        cwd: src,
        env: { TMPDIR: tmp },
        during: (child) => {
          void waitFor(mark).then(() => {
            // The build is running inside the temp dir now.
            assert.equal(readdirSync(tmp).length, 1);
            child.kill(sig);
          });
        },
      });
      assert.equal(r.code, sig === 'SIGINT' ? 130 : 143, r.stderr);
      assert.match(r.stderr, new RegExp(`interrupted by ${sig}: build killed, temp dirs removed`));
      assert.deepEqual(readdirSync(tmp), []);
      for (const f of ['.pid', '.bg']) assert.equal(alive(Number(readFileSync(mark + f, 'utf8'))), false, `${f} process survived`);
      assert.deepEqual(faketimeLeftovers(), []);
    } finally {
      removeTreeSync(dir);
    }
  });
}

test('cli build: --keep keeps both builds\' dirs, artifacts and logs, and prints where (on stderr)', async () => {
  const { dir, src, tmp } = setup('echo "log line"; echo same > "$REPCHECK_OUT"');
  try {
    const r = await runCli(['--keep', '--', 'sh', 'build.sh'], { cwd: src, env: { TMPDIR: tmp } });
    assert.equal(r.code, 0, r.stderr);
    const roots = readdirSync(tmp);
    assert.equal(roots.length, 1);
    const builds = join(tmp, roots[0]!, 'builds');
    assert.match(r.stderr, new RegExp(`kept the build dirs in ${builds.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
    assert.ok(!r.stdout.includes(tmp), 'the kept path is for stderr only');
    assert.deepEqual(readdirSync(builds).sort(), ['1-a', '2-b-all']);
    for (const b of ['1-a', '2-b-all']) {
      assert.equal(readFileSync(join(builds, b, 'out', 'artifact'), 'utf8'), 'same\n');
      assert.equal(readFileSync(join(builds, b, 'build.log'), 'utf8'), 'log line\n');
      assert.ok(existsSync(join(builds, b, 'src', 'build.sh')));
    }
  } finally {
    removeTreeSync(dir);
  }
});

test('cli build: read-only outputs and a read-only source copy are removed; links out of the temp dir are not followed', async (t) => {
  const isRoot = process.getuid?.() === 0;
  if (isRoot && nobodyCannotRun()) {
    t.skip(`${nobodyCannotRun()}: as root, permissions would not be tested`);
    return;
  }
  const script = [
    'mkdir -p "$REPCHECK_OUT/share/doc" && echo doc > "$REPCHECK_OUT/share/doc/README"',
    'ln -s "$OUTSIDE" "$REPCHECK_OUT/link-out"',
    'ln -s "$OUTSIDE" link-in-src',
    // What Nix store paths and dockerTools outputs look like: nothing writable.
    'chmod -R a-w "$REPCHECK_OUT" . "$HOME"',
  ].join('\n');
  const { dir, src, tmp } = setup(script, { 'sub/dir/file': 'x' });
  const outside = join(dir, 'outside');
  mkdirSync(outside);
  writeFileSync(join(outside, 'precious'), 'keep');
  try {
    // As root, permissions do not stop removal; run as nobody so the chmod path is what is tested.
    if (isRoot) {
      for (const p of [dir, src, join(src, 'sub'), join(src, 'sub/dir'), outside]) chmodSync(p, 0o755);
      worldWritable(tmp);
    }
    const r = await runCli(['--vary', 'timezone', '--env', `OUTSIDE=${outside}`, '--', 'sh', 'build.sh'], {
      cwd: src,
      env: { TMPDIR: tmp },
      ...(isRoot ? { uid: 65534, gid: 65534 } : {}),
    });
    assert.equal(r.code, 0, r.stderr + r.stdout);
    assert.deepEqual(readdirSync(tmp), []);
    assert.deepEqual(readdirSync(outside), ['precious']);
  } finally {
    removeTreeSync(dir);
  }
});

test('cli build: --artifact names a path in the build dir; --no-search stops after the first pair', async () => {
  const { dir, src, tmp } = setup('mkdir -p dist && date +%Z > dist/zone.txt');
  try {
    const r = await runCli(['--artifact', 'dist/zone.txt', '--no-search', '--format', 'json', '--', 'sh', 'build.sh'], {
      cwd: src,
      env: { TMPDIR: tmp },
    });
    assert.equal(r.code, 1, r.stderr);
    const j = JSON.parse(r.stdout);
    assert.equal(j.build.builds, 2);
    assert.equal(j.build.intrinsic, null);
    assert.match(j.build.searchStopped, /--no-search/);
    assert.equal(j.findings[0].path, 'dist/zone.txt');
    assert.equal(j.findings[0].detail, '--- a/dist/zone.txt\n+++ b/dist/zone.txt\n@@ -1,1 +1,1 @@\n-UTC\n++14\n');
  } finally {
    removeTreeSync(dir);
  }
});

test('cli build: --env passes a variable and pins the variation that would set it; proxies are not passed unasked', async () => {
  const { dir, src, tmp } = setup('{ echo "TZ=$TZ"; echo "proxy=${http_proxy:-unset}"; echo "FOO=$FOO"; } > "$REPCHECK_OUT"');
  try {
    const r = await runCli(['--env', 'TZ=UTC', '--env', 'FOO', '--format', 'json', '--', 'sh', 'build.sh'], {
      cwd: src,
      env: { TMPDIR: tmp, FOO: 'from-here', http_proxy: 'http://user:secret@proxy:3128' },
    });
    assert.equal(r.code, 0, r.stderr);
    const j = JSON.parse(r.stdout);
    const tz = j.build.variations.find((v: { id: string }) => v.id === 'timezone');
    assert.deepEqual(tz, { id: 'timezone', applied: false, reason: 'pinned with --env TZ: the same in both builds' });
    const note = j.notes.find((n: { code: string }) => n.code === 'build-proxy-not-passed');
    assert.match(note.message, /^http_proxy is set here but not passed/);
    assert.ok(!r.stdout.includes('secret'));
  } finally {
    removeTreeSync(dir);
  }
});

test('cli build: usage errors exit 2 (unknown variation, --max-builds 1, --artifact outside the build dir, no command)', async () => {
  const { dir, src, tmp } = setup('true');
  try {
    for (const [args, msg] of [
      [['--vary', 'moon-phase', '--', 'true'], /--vary: unknown variation 'moon-phase'/],
      [['--no-vary', 'time,nope', '--', 'true'], /--no-vary: unknown variation 'nope'/],
      [['--max-builds', '1', '--', 'true'], /--max-builds must be at least 2/],
      [['--artifact', '../x', '--', 'true'], /--artifact must be a path inside the build dir/],
      [['--env', 'UNSET_HERE_X', '--', 'true'], /UNSET_HERE_X is not set here/],
      [['--timeout', 'soon', '--', 'true'], /--timeout must be a duration/],
      [[], /missing required argument/],
    ] as const) {
      const r = await runCli([...args], { cwd: src, env: { TMPDIR: tmp } });
      assert.equal(r.code, 2, `${args.join(' ')}: ${r.stderr}`);
      assert.match(r.stderr, msg);
    }
    assert.deepEqual(readdirSync(tmp), []);
  } finally {
    removeTreeSync(dir);
  }
});

test('cli build: a bind mount a root build leaves in its tree is unmounted, never emptied', async (t) => {
  if (process.getuid?.() !== 0) {
    t.skip('needs root (mount --bind)');
    return;
  }
  const { dir, src, tmp } = setup('mkdir m && mount --bind "$OUTSIDE" m && echo same > "$REPCHECK_OUT"');
  const outside = join(dir, 'outside');
  mkdirSync(outside);
  writeFileSync(join(outside, 'precious'), 'keep');
  try {
    const r = await runCli(['--vary', 'timezone', '--env', `OUTSIDE=${outside}`, '--', 'sh', 'build.sh'], { cwd: src, env: { TMPDIR: tmp } });
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(readdirSync(tmp), []);
    assert.deepEqual(readdirSync(outside), ['precious']);
  } finally {
    removeTreeSync(dir);
  }
});
