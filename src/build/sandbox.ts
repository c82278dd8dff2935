// The only place repcheck starts processes. A build runs in its own session and process group
// (so a timeout or Ctrl-C kills everything it started, and the terminal's SIGINT never reaches
// it directly), with exactly the environment it is given, stdin from /dev/null, and its
// stdout+stderr kept as a bounded tail in memory (and, with --keep, in a log file).
import { spawn, spawnSync } from 'node:child_process';
import { createWriteStream, type WriteStream } from 'node:fs';
import { LogTail } from './log-tail.js';

export interface SpawnSpec {
  argv: string[];
  cwd: string;
  env: Record<string, string>;
  /** Kill the whole process group after this long. */
  timeoutMs?: number;
  /** Kill the whole process group when aborted (SIGINT/SIGTERM to repcheck). */
  signal?: AbortSignal;
  /** Also write the full output here. */
  logFile?: string;
  tailBytes?: number;
}

export interface RunResult {
  /** Exit code, or null when killed by a signal. */
  code: number | null;
  signal: NodeJS.Signals | null;
  timedOut: boolean;
  aborted: boolean;
  /** The command could not be started at all (ENOENT, EACCES). */
  spawnError: string | null;
  pid: number | null;
  log: LogTail;
  durationMs: number;
}

/** Grace between SIGTERM and SIGKILL for the process group. */
const KILL_GRACE_MS = 2000;

function killGroup(pid: number, sig: NodeJS.Signals): void {
  try {
    process.kill(-pid, sig);
  } catch {
    // ESRCH: the group is gone already.
  }
}

export function runBuild(spec: SpawnSpec): Promise<RunResult> {
  const started = performance.now();
  const log = new LogTail(spec.tailBytes);
  let file: WriteStream | null = spec.logFile ? createWriteStream(spec.logFile) : null;
  return new Promise((resolve) => {
    let timedOut = false;
    let aborted = false;
    let done = false;
    let spawnError: string | null = null;
    let exit: { code: number | null; signal: NodeJS.Signals | null } = { code: null, signal: null };
    let killTimer: NodeJS.Timeout | null = null;
    let timeout: NodeJS.Timeout | null = null;

    if (spec.signal?.aborted) {
      resolve({ code: null, signal: null, timedOut: false, aborted: true, spawnError: null, pid: null, log, durationMs: 0 });
      return;
    }
    const child = spawn(spec.argv[0]!, spec.argv.slice(1), {
      cwd: spec.cwd,
      env: spec.env,
      // setsid(): own session and process group; no controlling terminal.
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const pid = child.pid ?? null;

    const stop = (): void => {
      if (pid === null || done) return;
      killGroup(pid, 'SIGTERM');
      killTimer ??= setTimeout(() => killGroup(pid, 'SIGKILL'), KILL_GRACE_MS);
    };
    const onAbort = (): void => {
      aborted = true;
      stop();
    };
    spec.signal?.addEventListener('abort', onAbort, { once: true });
    if (spec.timeoutMs !== undefined && spec.timeoutMs > 0) {
      timeout = setTimeout(() => {
        timedOut = true;
        stop();
      }, spec.timeoutMs);
    }
    const onData = (chunk: Buffer): void => {
      log.push(chunk);
      file?.write(chunk);
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);

    const finish = (): void => {
      if (done) return;
      done = true;
      if (timeout) clearTimeout(timeout);
      if (killTimer) clearTimeout(killTimer);
      spec.signal?.removeEventListener('abort', onAbort);
      const result: RunResult = {
        ...exit,
        timedOut,
        aborted,
        spawnError,
        pid,
        log,
        durationMs: performance.now() - started,
      };
      if (file) {
        const f = file;
        file = null;
        f.end(() => resolve(result));
      } else resolve(result);
    };

    child.on('error', (err: NodeJS.ErrnoException) => {
      spawnError = `${spec.argv[0]}: ${err.code ?? err.message}`;
      finish();
    });
    child.on('exit', (code, signal) => {
      exit = { code, signal };
      // Whatever the build left running (a daemon, a background job holding the pipes open)
      // is part of the build: it must not outlive it and write into the next one.
      if (pid !== null) killGroup(pid, 'SIGKILL');
    });
    child.on('close', finish);
  });
}

export interface ToolResult {
  code: number | null;
  stdout: string;
  stderr: string;
  error: string | null;
}

/** Run a short host probe (faketime, locale -a, taskset…) with a fixed environment. */
export function runTool(argv: string[], opts: { env: Record<string, string>; cwd?: string; timeoutMs?: number }): Promise<ToolResult> {
  return new Promise((resolve) => {
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    let size = 0;
    let settled = false;
    const child = spawn(argv[0]!, argv.slice(1), { env: opts.env, cwd: opts.cwd, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    const timer = setTimeout(() => {
      if (child.pid !== undefined) killGroup(child.pid, 'SIGKILL');
    }, opts.timeoutMs ?? 10_000);
    const keep = (into: Buffer[]) => (c: Buffer) => {
      if (size < 1 << 20) into.push(c);
      size += c.length;
    };
    child.stdout!.on('data', keep(out));
    child.stderr!.on('data', keep(err));
    const settle = (code: number | null, error: string | null): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve({ code, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8'), error });
    };
    child.on('error', (e: NodeJS.ErrnoException) => settle(null, e.code ?? e.message));
    child.on('close', (code) => settle(code, null));
  });
}

/**
 * Unmount a FUSE mount (disorderfs) or any mount the build left under a temp dir. Synchronous:
 * it also runs from exit handlers. Lazy unmount as a last resort (a process still inside).
 */
export function unmountSync(mountpoint: string, env: Record<string, string>): boolean {
  const attempts: string[][] = [
    ['fusermount', '-u', mountpoint],
    ['fusermount3', '-u', mountpoint],
    ['umount', mountpoint],
    ['fusermount', '-u', '-z', mountpoint],
    ['umount', '-l', mountpoint],
  ];
  for (const argv of attempts) {
    const r = spawnSync(argv[0]!, argv.slice(1), { env, stdio: 'ignore', timeout: 10_000 });
    if (r.status === 0) return true;
  }
  return false;
}
