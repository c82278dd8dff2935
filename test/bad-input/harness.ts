// Runs one bad-input case through the BUILT CLI (bin/repcheck.js) and checks the promises of
// issue 5 that hold for every case:
//
//   - the exit code (2 for unreadable input, never 1 for corrupt input, never 3);
//   - exit 2 prints exactly ONE stderr line `repcheck: FILE: what is wrong (at offset N)`,
//     with no stack trace;
//   - nothing is written outside the case's temp dir: the CLI runs with cwd = the case dir,
//     TMPDIR and HOME = private empty dirs; the whole case root is snapshotted before and after,
//     the private TMPDIR and HOME must stay empty; where strace is installed, the run must not
//     make one syscall that creates, writes, renames or removes a file anywhere;
//   - no hang: every run has a timeout (a FIFO that were opened would block forever).
//
// Like test/golden/harness.ts's runCli (same controlled environment), plus the timeout and the
// private TMPDIR/HOME, which runCli has no way to pass.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot } from '../helpers/paths.js';

export interface CliResult {
  exit: number;
  stdout: string;
  stderr: string;
  /** Killed by the timeout. */
  timedOut: boolean;
}

/** Spawns `node bin/repcheck.js args` with a timeout (SIGKILL) and a controlled environment. */
export function runCliTimed(
  args: string[], cwd: string, env: Record<string, string> = {}, timeoutMs = 60_000, straceLog?: string,
): CliResult {
  const base: Record<string, string> = { PATH: process.env.PATH ?? '/usr/bin:/bin', NO_COLOR: '1' };
  let cmd = process.execPath;
  let argv = [join(repoRoot, 'bin', 'repcheck.js'), ...args];
  if (straceLog !== undefined && STRACE !== null) {
    // `timeout` (coreutils) kills the traced CLI itself: killing strace would leave it running.
    argv = ['-f', '-qq', '-e', `trace=${TRACED}`, '-o', straceLog, 'timeout', '-s', 'KILL', String(Math.ceil(timeoutMs / 1000)), cmd, ...argv];
    cmd = STRACE;
  }
  const r = spawnSync(cmd, argv, {
    cwd,
    env: { ...base, ...env },
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    timeout: timeoutMs + 5_000,
    killSignal: 'SIGKILL',
  });
  // `timeout` exits 137 (128 + SIGKILL) when it had to kill.
  const timedOut = (r.error !== undefined && (r.error as NodeJS.ErrnoException).code === 'ETIMEDOUT') ||
    (cmd !== process.execPath && r.status === 137);
  return { exit: r.status ?? -1, stdout: r.stdout ?? '', stderr: r.stderr ?? '', timedOut };
}

/** Every path under `root` (symlinks not followed) with type, size, mode and mtime. */
export function snapshot(root: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (rel: string): void => {
    const p = rel ? join(root, rel) : root;
    let st;
    try {
      st = lstatSync(p);
    } catch {
      return;
    }
    const kind = st.isDirectory() ? 'd' : st.isSymbolicLink() ? 'l' : st.isFile() ? 'f' : 'o';
    out.set(rel || '.', `${kind}:${kind === 'd' ? 0 : st.size}:${st.mode.toString(8)}:${kind === 'd' ? 0 : st.mtimeMs}`);
    if (kind === 'd') for (const e of readdirSync(p).sort()) walk(rel ? `${rel}/${e}` : e);
  };
  walk('');
  return out;
}

function diffSnapshots(a: Map<string, string>, b: Map<string, string>): string[] {
  const out: string[] = [];
  for (const [k, v] of b) if (a.get(k) !== v) out.push(`${a.has(k) ? 'changed' : 'created'}: ${k}`);
  for (const k of a.keys()) if (!b.has(k)) out.push(`removed: ${k}`);
  return out;
}

/**
 * strace, when installed, proves the strongest form of "writes nothing": not one syscall that
 * creates, writes, truncates, renames, links or removes a file, anywhere on the filesystem.
 * (The system temp dir cannot be snapshotted instead: other test processes write there.)
 * REPCHECK_NO_STRACE=1 turns it off.
 */
export const STRACE: string | null = (() => {
  if (process.env.REPCHECK_NO_STRACE) return null;
  for (const p of ['/usr/bin/strace', '/bin/strace']) {
    try {
      if (lstatSync(p).isFile()) return p;
    } catch {
      // not there
    }
  }
  return null;
})();

const TRACED = 'open,openat,creat,mkdir,mkdirat,unlink,unlinkat,rename,renameat,renameat2,symlink,symlinkat,link,linkat,chmod,fchmodat,truncate,mknod,mknodat';

/** Syscalls in an strace log that modify the filesystem. */
export function writesIn(log: string): string[] {
  const out: string[] = [];
  for (const line of log.split('\n')) {
    const m = /^\d+\s+([a-z0-9_]+)\((.*)$/.exec(line);
    if (!m) continue;
    const [, call, args] = m as unknown as [string, string, string];
    if (call === 'open' || call === 'openat') {
      if (/O_WRONLY|O_RDWR|O_CREAT|O_TRUNC/.test(args)) out.push(line);
    } else {
      out.push(line);
    }
  }
  return out;
}

export interface CaseDirs {
  /** The case's own temp root (holds dir, tmp, home). */
  root: string;
  /** The case dir: inputs live here, and it is the CLI's cwd. */
  dir: string;
  /** The private TMPDIR. */
  tmp: string;
  /** The private HOME. */
  home: string;
}

export function makeCaseDirs(): CaseDirs {
  const root = mkdtempSync(join(tmpdir(), 'repcheck-bad-'));
  const dirs = { root, dir: join(root, 'case'), tmp: join(root, 'tmp'), home: join(root, 'home') };
  for (const d of [dirs.dir, dirs.tmp, dirs.home]) mkdirSync(d);
  return dirs;
}

export function removeCaseDirs(d: CaseDirs): void {
  rmSync(d.root, { recursive: true, force: true });
}

export interface BadCase {
  name: string;
  /** Writes the inputs into `dir`; returns the CLI arguments (paths relative to `dir`). */
  build(dirs: CaseDirs): Promise<string[]> | string[];
  /** Expected exit code, or the acceptable ones (a valid input: 0 or 1 by the lint rules). */
  exit: number | number[];
  /** Exit 2: the one stderr line must match. Exit 0/1: stdout must match. */
  message?: RegExp;
  /** Exit 2: the FILE part of the line (`repcheck: FILE: ...`). */
  file?: string;
  /** Exit 2: the offset the line must name (`true`: any offset). */
  offset?: number | true;
  /** Extra checks on the result. */
  check?(r: CliResult, dirs: CaseDirs): void;
  env?: Record<string, string>;
  timeoutMs?: number;
  /** Absolute paths that must not exist after the run (where an extraction would have written). */
  mustNotExist?(dirs: CaseDirs): string[];
}

/** One stderr line: `repcheck: FILE: what is wrong (at offset N)`. */
export const ERROR_LINE = /^repcheck: (?<rest>.+?)(?: \(at offset (?<offset>\d+)\))?\n$/s;

/** Asserts the shape every exit-2 stderr has; returns the offset when one is named. */
export function assertOneErrorLine(stderr: string, what: string): number | null {
  assert.ok(stderr.endsWith('\n'), `${what}: stderr must end with a newline: ${JSON.stringify(stderr)}`);
  const lines = stderr.slice(0, -1).split('\n');
  assert.equal(lines.length, 1, `${what}: exactly one stderr line expected, got:\n${stderr}`);
  assert.doesNotMatch(stderr, /^\s+at .+:\d+:\d+\)?$/m, `${what}: no stack trace without --debug`);
  assert.doesNotMatch(stderr, /internal error|please report/, `${what}: an input error, not an internal error`);
  // Nothing a terminal would interpret: no C0/C1 controls, no bidi overrides.
  assert.doesNotMatch(stderr.slice(0, -1), /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/u, `${what}: control characters in stderr`);
  const m = ERROR_LINE.exec(stderr);
  assert.ok(m, `${what}: stderr is not 'repcheck: FILE: what is wrong (at offset N)': ${stderr}`);
  return m.groups!.offset !== undefined ? Number(m.groups!.offset) : null;
}

let traced = 0;
let traceRoot: string | null = null;
/** Where strace logs go: outside every case root, removed at exit. */
function traceDir(): string {
  if (traceRoot === null) {
    traceRoot = mkdtempSync(join(tmpdir(), 'repcheck-bad-trace-'));
    const dir = traceRoot;
    process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
  }
  return traceRoot;
}

export async function runCase(c: BadCase): Promise<CliResult> {
  const dirs = makeCaseDirs();
  try {
    const args = await c.build(dirs);
    const before = snapshot(dirs.root);
    const log = STRACE !== null ? join(traceDir(), `${process.pid}-${++traced}.log`) : undefined;
    const r = runCliTimed(args, dirs.dir, { TMPDIR: dirs.tmp, HOME: dirs.home, ...(c.env ?? {}) }, c.timeoutMs, log);
    const after = snapshot(dirs.root);
    const where = `${c.name}: repcheck ${args.join(' ')}`;

    assert.equal(r.timedOut, false, `${where}: timed out (a hang)`);
    assert.deepEqual(diffSnapshots(before, after), [], `${where}: wrote inside its temp root`);
    assert.deepEqual(readdirSync(dirs.tmp), [], `${where}: the private TMPDIR is not empty`);
    assert.deepEqual(readdirSync(dirs.home), [], `${where}: the private HOME is not empty`);
    if (log !== undefined) {
      assert.deepEqual(writesIn(readFileSync(log, 'utf8')), [], `${where}: modified the filesystem`);
      rmSync(log, { force: true });
    }
    for (const p of c.mustNotExist?.(dirs) ?? []) {
      assert.throws(() => lstatSync(p), `${where}: ${p} exists (an archive path was followed onto the filesystem)`);
    }

    const exits = Array.isArray(c.exit) ? c.exit : [c.exit];
    assert.ok(exits.includes(r.exit), `${where}: exit ${r.exit}, expected ${exits.join(' or ')}\nstdout: ${r.stdout.slice(0, 2000)}\nstderr: ${r.stderr}`);
    if (r.exit === 2) {
      const offset = assertOneErrorLine(r.stderr, where);
      if (c.file !== undefined) {
        assert.ok(r.stderr.startsWith(`repcheck: ${c.file}: `), `${where}: expected FILE ${c.file}, got ${r.stderr}`);
      }
      if (c.message) assert.match(r.stderr, c.message, `${where}: message`);
      if (c.offset === true) assert.notEqual(offset, null, `${where}: an offset expected: ${r.stderr}`);
      else if (c.offset !== undefined) assert.equal(offset, c.offset, `${where}: offset (${r.stderr.trim()})`);
    } else {
      assert.doesNotMatch(r.stderr, /^\s+at .+:\d+:\d+\)?$/m, `${where}: stack trace on stderr`);
      if (c.message) assert.match(r.stdout, c.message, `${where}: stdout`);
    }
    c.check?.(r, dirs);
    return r;
  } finally {
    removeCaseDirs(dirs);
  }
}
