// Bad-input corpus, part 4: what the arguments themselves are. FIFOs, devices and sockets are
// refused before anything opens them (a FIFO would block, /dev/zero never ends); `--debug` is
// the only way to see a stack.
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { repoRoot } from '../helpers/paths.js';
import { dockerArchive, validLayer } from './build.js';
import { makeCaseDirs, removeCaseDirs, runCase, runCliTimed, type BadCase } from './harness.js';

export const ARG_CASES: BadCase[] = [
  {
    name: 'args: a FIFO is refused without being opened',
    timeoutMs: 20_000,
    build: ({ dir }) => {
      execFileSync('mkfifo', [join(dir, 'pipe')]);
      return ['pipe'];
    },
    exit: 2, file: 'pipe', message: /is a named pipe \(FIFO\); expected a file or directory/,
  },
  {
    name: 'args: a symlink to a FIFO is refused too',
    timeoutMs: 20_000,
    build: ({ dir }) => {
      execFileSync('mkfifo', [join(dir, 'pipe')]);
      symlinkSync('pipe', join(dir, 'image.tar'));
      return ['image.tar'];
    },
    exit: 2, file: 'image.tar', message: /is a named pipe \(FIFO\)/,
  },
  {
    name: 'args: /dev/null is a device',
    build: () => ['/dev/null'],
    exit: 2, file: '/dev/null', message: /is a device; expected a file or directory/,
  },
  {
    name: 'args: /dev/zero is refused (it would never end)',
    timeoutMs: 20_000,
    build: () => (existsSync('/dev/zero') ? ['/dev/zero'] : ['/dev/null']),
    exit: 2, message: /is a device/,
  },
  {
    name: 'args: a missing path',
    build: () => ['nope.tar'],
    exit: 2, file: 'nope.tar', message: /no such file or directory/,
  },
  {
    name: 'args: a directory that is not an OCI layout',
    build: ({ dir }) => {
      mkdirSync(join(dir, 'plain'));
      writeFileSync(join(dir, 'plain', 'file'), 'x');
      return ['plain'];
    },
    exit: 2, file: 'plain', message: /directory is not an OCI image layout/,
  },
  {
    name: 'args: a path through a regular file',
    build: ({ dir }) => {
      writeFileSync(join(dir, 'file'), 'x');
      return ['file/image.tar'];
    },
    exit: 2, file: 'file/image.tar', message: /not a directory/,
  },
  {
    name: 'args: diff with one good and one corrupt input exits 2, not 1',
    build: ({ dir }) => {
      writeFileSync(join(dir, 'a.tar'), dockerArchive());
      writeFileSync(join(dir, 'b.tar'), dockerArchive().subarray(0, 1000));
      return ['diff', 'a.tar', 'b.tar'];
    },
    exit: 2, file: 'b.tar', message: /truncated/, offset: true,
  },
  {
    name: 'args: lint of several inputs stops at the first unreadable one with exit 2',
    build: ({ dir }) => {
      writeFileSync(join(dir, 'good.tar'), validLayer());
      writeFileSync(join(dir, 'empty.tar'), '');
      return ['good.tar', 'empty.tar'];
    },
    exit: 2, file: 'empty.tar', message: /is empty/,
  },
];

describe('bad input: arguments (built CLI)', () => {
  for (const c of ARG_CASES) it(c.name, async () => void (await runCase(c)));

  it('args: a Unix socket is refused', async () => {
    const d = makeCaseDirs();
    const sock = join(d.dir, 'sock');
    const server = createServer();
    await new Promise<void>((res) => server.listen(sock, res));
    try {
      // runCliTimed is synchronous and the server does nothing: no deadlock.
      const r = runCliTimed(['sock'], d.dir, { TMPDIR: d.tmp, HOME: d.home }, 20_000);
      assert.equal(r.timedOut, false);
      assert.equal(r.exit, 2, r.stderr);
      assert.equal(r.stderr, 'repcheck: sock: is a socket; expected a file or directory\n');
    } finally {
      await new Promise<void>((res) => server.close(() => res()));
      removeCaseDirs(d);
    }
  });

  it('--debug shows the stack after the one error line; without it there is none', () => {
    const d = makeCaseDirs();
    try {
      writeFileSync(join(d.dir, 'l.tar'), validLayer().subarray(0, 700));
      const env = { TMPDIR: d.tmp, HOME: d.home };
      const plain = runCliTimed(['l.tar'], d.dir, env);
      assert.equal(plain.exit, 2);
      assert.equal(plain.stderr.split('\n').length, 2, plain.stderr);
      const debug = runCliTimed(['--debug', 'l.tar'], d.dir, env);
      assert.equal(debug.exit, 2);
      const lines = debug.stderr.trimEnd().split('\n');
      assert.equal(lines[0], plain.stderr.trimEnd());
      assert.ok(lines.some((l) => /^\s+at .+/.test(l)), `a stack with --debug:\n${debug.stderr}`);
    } finally {
      removeCaseDirs(d);
    }
  });

  it('bin: a stray uncaught exception or unhandled rejection exits 2 with one line, not 1', () => {
    const d = makeCaseDirs();
    try {
      writeFileSync(join(d.dir, 'l.tar'), validLayer());
      // The stray failure is planted in fs/promises.stat, which the CLI calls once it runs:
      // by then bin/repcheck.js has installed its handlers.
      for (const [what, code] of [
        ['exception', "setTimeout(() => { throw new Error('stray \\u001b[31m boom'); }, 0);"],
        ['rejection', "setTimeout(() => { Promise.reject(new Error('stray rejection')); }, 0);"],
      ] as const) {
        const hook = join(d.root, `${what}.mjs`);
        writeFileSync(hook, [
          "import { syncBuiltinESMExports } from 'node:module';",
          "import fsp from 'node:fs/promises';",
          'const stat = fsp.stat;',
          `fsp.stat = async (...a) => { ${code} return stat(...a); };`,
          'syncBuiltinESMExports();',
        ].join('\n'));
        const r = spawnSync(process.execPath, ['--import', hook, join(repoRoot, 'bin', 'repcheck.js'), 'l.tar'], {
          cwd: d.dir, encoding: 'utf8', timeout: 30_000, env: { PATH: process.env.PATH ?? '', NO_COLOR: '1' },
        });
        assert.equal(r.status, 2, `${what}: ${r.stderr}`);
        assert.match(r.stderr, /^repcheck: stray (\\x1b\[31m boom|rejection)\n$/, what);
      }
    } finally {
      removeCaseDirs(d);
    }
  });

  it('bin: a CLI that cannot be loaded is an internal error (exit 3), not exit 1', () => {
    const d = makeCaseDirs();
    try {
      // A copy of bin/ beside a broken dist/: the static-import failure Node would exit 1 on.
      mkdirSync(join(d.root, 'bin'));
      mkdirSync(join(d.root, 'dist'), { recursive: true });
      copyFileSync(join(repoRoot, 'bin', 'repcheck.js'), join(d.root, 'bin', 'repcheck.js'));
      writeFileSync(join(d.root, 'dist/cli.mjs'), "export { main } from './missing.js';\n");
      const r = spawnSync(process.execPath, [join(d.root, 'bin', 'repcheck.js'), 'x'], {
        cwd: d.dir, encoding: 'utf8', timeout: 30_000, env: { PATH: process.env.PATH ?? '' },
      });
      assert.equal(r.status, 3, r.stderr);
      assert.match(r.stderr, /^repcheck: internal error: cannot load the CLI: .*\nplease report/);
      assert.doesNotMatch(r.stderr, /^\s+at /m);
    } finally {
      removeCaseDirs(d);
    }
  });
});
