// Runs one child process and measures it: wall time in this process (spawn to exit), peak RSS
// and CPU time (user + system) from `/usr/bin/time -f '%M %U %S'` when installed, otherwise from
// the child's own process.resourceUsage(), written at exit by a preloaded hook (node children
// only).
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const TIME_BIN = '/usr/bin/time';
export const HAVE_TIME = existsSync(TIME_BIN);

export interface Sample {
  /** Seconds, spawn to exit. */
  wall: number;
  /** Peak resident set size in MB (1 MB = 1024 KB), or null when it could not be read. */
  rssMB: number | null;
  /** CPU seconds, user + system, all threads (and, under /usr/bin/time, waited-for children). */
  cpu: number | null;
  code: number | null;
  stdout: string;
  stderr: string;
  timedOut: boolean;
}

export interface Command {
  cmd: string;
  args: string[];
  /** The child is `node`: the resourceUsage fallback can hook it. */
  node?: boolean;
  timeoutSec?: number;
  /** Keep at most this much stdout (default 1 MiB); the line count is always exact. */
  keepStdout?: number;
  /** Extra environment. */
  env?: Record<string, string>;
}

let seq = 0;

/**
 * Children run in their own process group, so a timeout (or ^C) takes down the whole command
 * (/usr/bin/time, the shell pipeline, diffoscope's own helpers), not just its first process.
 */
const live = new Set<number>();
const killGroup = (pid: number): void => {
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    // already gone
  }
};
process.on('exit', () => {
  for (const pid of live) killGroup(pid);
});
for (const sig of ['SIGINT', 'SIGTERM'] as const) {
  process.on(sig, () => {
    for (const pid of live) killGroup(pid);
    process.exit(130);
  });
}

export function run(c: Command): Promise<Sample & { stdoutLines: number }> {
  const rssFile = join(tmpdir(), `repcheck-bench-rss-${process.pid}-${seq++}`);
  let cmd = c.cmd;
  let args = c.args;
  const env = { ...process.env, ...c.env };
  if (HAVE_TIME) {
    args = ['-f', '%M %U %S', '-o', rssFile, cmd, ...args];
    cmd = TIME_BIN;
  } else if (c.node) {
    const hook = fileURLToPath(new URL('./rss-hook.js', import.meta.url));
    args = ['--import', hook, ...args];
    env.REPCHECK_BENCH_RSS_FILE = rssFile;
  }
  const keep = c.keepStdout ?? 1024 * 1024;
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn(cmd, args, { env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    if (child.pid !== undefined) live.add(child.pid);
    let out = '';
    let err = '';
    let lines = 0;
    let lastNl = true;
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (s: string) => {
      for (let i = s.indexOf('\n'); i >= 0; i = s.indexOf('\n', i + 1)) lines++;
      lastNl = s.endsWith('\n');
      if (out.length < keep) out += s.slice(0, keep - out.length);
    });
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (s: string) => {
      if (err.length < 64 * 1024) err += s;
    });
    let timedOut = false;
    const timer = c.timeoutSec
      ? setTimeout(() => {
        timedOut = true;
        if (child.pid !== undefined) killGroup(child.pid);
      }, c.timeoutSec * 1000)
      : null;
    child.on('error', reject);
    child.on('close', (code) => {
      const wall = (performance.now() - t0) / 1000;
      if (child.pid !== undefined) live.delete(child.pid);
      if (timer) clearTimeout(timer);
      let rssMB: number | null = null;
      let cpu: number | null = null;
      try {
        // "maxRSS-KB user-s system-s" from both /usr/bin/time and the hook.
        const txt = readFileSync(rssFile, 'utf8').trim().split('\n').pop() ?? '';
        const m = /(\d+) ([\d.]+) ([\d.]+)\s*$/.exec(txt);
        if (m) {
          rssMB = Number(m[1]) / 1024;
          cpu = Number(m[2]) + Number(m[3]);
        }
      } catch {
        rssMB = null;
      }
      rmSync(rssFile, { force: true });
      // /usr/bin/time exits with the child's status, and also says so on stderr.
      err = err.replace(/Command exited with non-zero status \d+\n?/, '');
      resolve({ wall, rssMB, cpu, code, stdout: out, stderr: err, timedOut, stdoutLines: lines + (lastNl || out === '' ? 0 : 1) });
    });
  });
}

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}
