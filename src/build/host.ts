// Probes what this machine can vary, once per run, by trying it: a tool that is installed but
// does not work (no /dev/fuse, no user namespaces, a libfaketime that does not load) counts as
// missing, with the reason it failed.
import { mkdirSync, opendirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runTool, unmountSync } from './sandbox.js';
import type { HostFacts } from './variations/index.js';

export async function probeHost(workDir: string, env: { PATH: string }): Promise<HostFacts> {
  const isRoot = process.getuid?.() === 0;
  const e = { PATH: env.PATH };
  const [faketime, locales, cpus, uts] = await Promise.all([
    probeFaketime(e),
    probeLocales(e),
    probeCpus(e),
    probeUts(isRoot, e),
  ]);
  // Sequential: both use the work dir.
  const creationOrderVisible = probeCreationOrder(join(workDir, 'probe-order'));
  const disorderfs = await probeDisorderfs(join(workDir, 'probe-disorderfs'), isRoot, e);
  return { isRoot, faketime, disorderfs, creationOrderVisible, locales, cpus, uts };
}

function firstLine(s: string): string {
  return s.trim().split('\n')[0]?.slice(0, 200) ?? '';
}

async function probeFaketime(env: { PATH: string }): Promise<HostFacts['faketime']> {
  // A day back, in a zone far from UTC, through `date -u` (which resets TZ itself): the fake
  // clock must be a day behind and not move with either zone.
  const now = Math.floor(Date.now() / 1000);
  const r = await runTool(['faketime', '-f', '-86400', 'date', '-u', '+%s'], { env: { ...env, TZ: '<+14>-14' } });
  if (r.error === 'ENOENT') return { ok: false, installed: false, reason: 'faketime is not installed' };
  const got = Number(r.stdout.trim());
  if (r.code === 0 && Math.abs(got - (now - 86400)) <= 5) return { ok: true };
  return { ok: false, installed: true, reason: `faketime does not work here (${firstLine(r.stderr) || `got '${firstLine(r.stdout)}'`})` };
}

async function probeLocales(env: { PATH: string }): Promise<string[] | null> {
  const r = await runTool(['locale', '-a'], { env });
  if (r.code !== 0) return null;
  return r.stdout.split('\n').map((l) => l.trim()).filter(Boolean);
}

/** Parses a taskset affinity list: `0-3,6,8-9`. */
export function parseCpuList(s: string): number[] {
  const out: number[] = [];
  for (const part of s.trim().split(',')) {
    const m = /^(\d+)(?:-(\d+))?$/.exec(part.trim());
    if (!m) continue;
    const a = Number(m[1]);
    const b = m[2] !== undefined ? Number(m[2]) : a;
    for (let i = a; i <= b && out.length < 4096; i++) out.push(i);
  }
  return out;
}

async function probeCpus(env: { PATH: string }): Promise<number[] | null> {
  const r = await runTool(['taskset', '-pc', String(process.pid)], { env });
  if (r.code !== 0) return null;
  const m = /:\s*([\d,\s-]+)\s*$/.exec(r.stdout.trim());
  return m ? parseCpuList(m[1]!) : null;
}

async function probeUts(isRoot: boolean, env: { PATH: string }): Promise<HostFacts['uts']> {
  if (!isRoot) return { ok: false, reason: `needs root to set a host name in a UTS namespace (repcheck runs as uid ${process.getuid?.()})` };
  const r = await runTool(['unshare', '--uts', 'sh', '-c', 'printf %s repcheck-probe > /proc/sys/kernel/hostname && uname -n'], { env });
  if (r.error === 'ENOENT') return { ok: false, reason: 'unshare (util-linux) is not installed' };
  if (r.code === 0 && r.stdout.trim() === 'repcheck-probe') return { ok: true };
  return { ok: false, reason: `unshare --uts does not work here (${firstLine(r.stderr) || `exit ${r.code}`})` };
}

/**
 * Directory entries in the order the filesystem returns them. Not readdirSync: libuv's scandir
 * sorts the names, which would hide exactly what is being probed.
 */
export function rawReaddir(dir: string): string[] {
  const d = opendirSync(dir);
  const out: string[] = [];
  try {
    for (let e = d.readSync(); e !== null; e = d.readSync()) out.push(e.name);
  } finally {
    d.closeSync();
  }
  return out;
}

function probeCreationOrder(dir: string): boolean {
  const names = ['f1', 'f2', 'f3', 'f4', 'f5', 'f6', 'f7', 'f8'];
  mkdirSync(join(dir, 'x'), { recursive: true });
  mkdirSync(join(dir, 'y'), { recursive: true });
  for (const n of names) writeFileSync(join(dir, 'x', n), '');
  for (const n of [...names].reverse()) writeFileSync(join(dir, 'y', n), '');
  return rawReaddir(join(dir, 'x')).join() !== rawReaddir(join(dir, 'y')).join();
}

async function probeDisorderfs(dir: string, isRoot: boolean, env: { PATH: string }): Promise<HostFacts['disorderfs']> {
  const src = join(dir, 'src');
  const mnt = join(dir, 'mnt');
  mkdirSync(src, { recursive: true });
  mkdirSync(mnt, { recursive: true });
  for (const n of ['a', 'b', 'c']) writeFileSync(join(src, n), '');
  const argv = ['disorderfs', '-q', ...(isRoot ? ['--multi-user=yes'] : []), '--sort-dirents=yes', '--reverse-dirents=yes', src, mnt];
  const r = await runTool(argv, { env });
  if (r.error === 'ENOENT') return { ok: false, reason: 'disorderfs is not installed' };
  if (r.code !== 0) return { ok: false, reason: `disorderfs cannot mount here (${firstLine(r.stderr) || `exit ${r.code}`})` };
  try {
    const seen = rawReaddir(mnt).join();
    if (seen !== 'c,b,a') return { ok: false, reason: `disorderfs mounted but did not reorder entries (saw ${seen})` };
    return { ok: true, multiUser: isRoot };
  } finally {
    unmountSync(mnt, env);
  }
}
