// `npm run bench [-- --size 100|500|1000[,…] --runs N --only task,…]`
//
// Generates the inputs once (bench/generate.ts), then per size runs repcheck and the baselines
// alternately, `runs` times each (the order rotates every round), each as a child process, and
// prints medians, ratios, peak RSS and PASS/FAIL per target. Ratios are measured side by side
// in one run on purpose: the machine is shared and absolute times drift with its load.
import { existsSync, statSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cacheRoot, ensureMtimePair, ensurePair, SIZES, type PairInputs } from './generate.js';
import { HAVE_TIME, median, run, type Command, type Sample } from './measure.js';

interface Args {
  sizes: number[];
  runs: number;
  only: Set<string> | null;
  diffoscopeTimeout: number;
}

function parseArgs(argv: string[]): Args {
  const a: Args = { sizes: [500], runs: 5, only: null, diffoscopeTimeout: 1800 };
  for (let i = 0; i < argv.length; i++) {
    const k = argv[i]!;
    const v = argv[i + 1];
    const need = (): string => {
      if (v === undefined) throw new Error(`${k} needs a value`);
      i++;
      return v;
    };
    if (k === '--size' || k === '--sizes') {
      a.sizes = need().split(',').map(Number);
      for (const s of a.sizes) if (!(SIZES as readonly number[]).includes(s)) throw new Error(`--size: one of ${SIZES.join(', ')}`);
    } else if (k === '--runs') {
      a.runs = Number(need());
      if (!Number.isInteger(a.runs) || a.runs < 1) throw new Error('--runs: a positive integer');
    } else if (k === '--only') {
      a.only = new Set(need().split(','));
    } else if (k === '--diffoscope-timeout') {
      a.diffoscopeTimeout = Number(need());
    } else if (k === '--help' || k === '-h') {
      process.stdout.write([
        'npm run bench -- [--size 100|500|1000[,...]] [--runs N] [--only TASK,...] [--diffoscope-timeout SECONDS]',
        '  tasks: diff, walker, walker-tuned, gunzip, lint, walker1, mtime (default: all)',
        '  inputs are generated once into $REPCHECK_BENCH_CACHE or the temp dir, and reused',
        '',
      ].join('\n'));
      process.exit(0);
    } else {
      throw new Error(`unknown option ${k}`);
    }
  }
  return a;
}

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));
const REPCHECK = here('../../bin/repcheck.js');
const WALKER = here('./walker.js');
const log = (s: string) => process.stderr.write(`${s}\n`);

interface Task {
  id: string;
  label: string;
  cmd: Command;
  /** Throws when the output is not what a correct run gives. */
  check(s: Sample & { stdoutLines: number }): void;
}

function gunzipScript(p: PairInputs): string {
  // The two images in parallel, each one's layers in turn (as the issue measured it).
  const q = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;
  const side = (ls: string[]) => `(for l in ${ls.map(q).join(' ')}; do gunzip -c "$l" | sha256sum; done)`;
  return `${side(p.layersA)} & ${side(p.layersB)} & wait`;
}

function expectCode(s: Sample, codes: number[], what: string): void {
  if (s.timedOut) throw new Error(`${what}: timed out`);
  if (s.code === null || !codes.includes(s.code)) {
    throw new Error(`${what}: exit ${s.code}, expected ${codes.join(' or ')}\n${s.stderr.slice(0, 2000)}`);
  }
}

const PAIR_TASKS = ['diff', 'walker', 'walker-tuned', 'gunzip', 'lint', 'walker1'];

function pairTasks(p: PairInputs): Task[] {
  return [
    {
      id: 'diff',
      label: 'repcheck diff A B',
      cmd: { cmd: process.execPath, args: [REPCHECK, 'diff', p.a, p.b], node: true },
      check(s) {
        expectCode(s, [1], 'repcheck diff');
        for (const k of ['entry-mtime', 'entry-owner', 'entry-order', 'entry-content']) {
          if (!s.stdout.includes(k)) throw new Error(`repcheck diff: no ${k} finding in\n${s.stdout}`);
        }
      },
    },
    {
      id: 'walker',
      label: 'baseline: node walker A ∥ B',
      cmd: { cmd: process.execPath, args: [WALKER, p.a, p.b], node: true },
      check(s) {
        expectCode(s, [0], 'walker');
        if (!s.stdout.includes(`${p.entries} entries`)) throw new Error(`walker: unexpected output ${s.stdout}`);
      },
    },
    {
      id: 'walker-tuned',
      label: 'info: node walker A ∥ B, tuned I/O sizes',
      cmd: { cmd: process.execPath, args: [WALKER, '--tuned', p.a, p.b], node: true },
      check(s) {
        expectCode(s, [0], 'walker --tuned');
        if (!s.stdout.includes(`${p.entries} entries`)) throw new Error(`walker: unexpected output ${s.stdout}`);
      },
    },
    {
      id: 'gunzip',
      label: 'baseline: gunzip -c | sha256sum, A ∥ B',
      cmd: { cmd: 'bash', args: ['-c', gunzipScript(p)] },
      check(s) {
        expectCode(s, [0], 'gunzip | sha256sum');
        if (s.stdoutLines !== p.layersA.length + p.layersB.length) throw new Error(`gunzip: ${s.stdoutLines} digests`);
      },
    },
    {
      id: 'lint',
      label: 'repcheck lint A',
      cmd: { cmd: process.execPath, args: [REPCHECK, 'lint', p.a], node: true },
      check(s) {
        expectCode(s, [0, 1], 'repcheck lint');
      },
    },
    {
      id: 'walker1',
      label: 'baseline: node walker A',
      cmd: { cmd: process.execPath, args: [WALKER, p.a], node: true },
      check(s) {
        expectCode(s, [0], 'walker');
      },
    },
  ];
}

interface Row {
  id: string;
  label: string;
  runs: number;
  median: number;
  min: number;
  max: number;
  rssMB: number | null;
  /** Median over the runs of each run's peak RSS. */
  rssMedMB: number | null;
  /** Median CPU seconds (user + system), or null. */
  cpu: number | null;
  lines?: number;
}

async function measure(tasks: Task[], runs: number): Promise<Map<string, Row>> {
  const samples = new Map<string, (Sample & { stdoutLines: number })[]>(tasks.map((t) => [t.id, []]));
  for (let r = 0; r < runs; r++) {
    // Rotate the order each round so no task always runs first (cold cache) or last.
    const order = tasks.map((_, i) => tasks[(i + r) % tasks.length]!);
    for (const t of order) {
      const s = await run(t.cmd);
      t.check(s);
      samples.get(t.id)!.push(s);
      log(`  round ${r + 1}/${runs}  ${t.id.padEnd(8)} ${s.wall.toFixed(2)} s  ${s.rssMB === null ? '' : `${s.rssMB.toFixed(0)} MB`}`);
    }
  }
  const rows = new Map<string, Row>();
  for (const t of tasks) {
    const ss = samples.get(t.id)!;
    const walls = ss.map((s) => s.wall);
    const rss = ss.map((s) => s.rssMB).filter((x): x is number => x !== null);
    const cpu = ss.map((s) => s.cpu).filter((x): x is number => x !== null);
    rows.set(t.id, {
      id: t.id, label: t.label, runs: ss.length,
      median: median(walls), min: Math.min(...walls), max: Math.max(...walls),
      rssMB: rss.length ? Math.max(...rss) : null,
      rssMedMB: rss.length ? median(rss) : null,
      cpu: cpu.length ? median(cpu) : null,
      lines: ss[0]!.stdoutLines,
    });
  }
  return rows;
}

interface Verdict {
  target: string;
  value: string;
  /** null: could not be measured (SKIP) or not a target (info). */
  pass: boolean | null;
  info?: boolean;
}

const fmt = (x: number, d = 2) => x.toFixed(d);
const mb = (b: number) => (b / 1024 / 1024).toFixed(1);

function table(rows: Row[]): string {
  const head = ['task', 'runs', 'median s', 'min s', 'max s', 'CPU s (median)', 'peak RSS MB (max)'];
  const body = rows.map((r) => [
    r.label, String(r.runs), fmt(r.median), fmt(r.min), fmt(r.max),
    r.cpu === null ? 'n/a' : fmt(r.cpu), r.rssMB === null ? 'n/a' : r.rssMB.toFixed(0),
  ]);
  const w = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i]!.length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => (i === 0 ? c.padEnd(w[i]!) : c.padStart(w[i]!))).join(' | ')} |`;
  return [line(head), `|${w.map((n, i) => (i === 0 ? ':' : '') + '-'.repeat(n + 1) + (i === 0 ? '' : ':')).join('|')}|`, ...body.map(line)].join('\n');
}

function verdictLines(vs: Verdict[]): string {
  return vs.map((v) => `${v.info ? 'INFO' : v.pass === null ? 'SKIP' : v.pass ? 'PASS' : 'FAIL'}  ${v.target}: ${v.value}`).join('\n');
}

interface SizeResult {
  size: number;
  inputs: PairInputs;
  rows: Row[];
  when: string;
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const want = (id: string) => args.only === null || args.only.has(id);
  const cpu = cpus();
  const machine = `${cpu.length} × ${cpu[0]?.model ?? 'cpu'}, ${(totalmem() / 2 ** 30).toFixed(0)} GB RAM, node ${process.version} (zlib ${process.versions.zlib}), ${process.platform}`;
  const out: string[] = [];
  const verdicts: Verdict[] = [];
  out.push(`repcheck benchmark — ${machine}`);
  out.push(`load average at start: ${loadavg().map((x) => x.toFixed(2)).join(' ')}; ${args.runs} runs per task, alternating; RSS from ${HAVE_TIME ? '/usr/bin/time' : 'process.resourceUsage() (node children only)'}`);

  const results = new Map<number, SizeResult>();
  for (const size of args.sizes) {
    if (!PAIR_TASKS.some(want)) continue;
    const p = await ensurePair(size, log);
    const tasks = pairTasks(p).filter((t) => want(t.id));
    log(`size ${size}: ${tasks.map((t) => t.id).join(', ')} × ${args.runs}`);
    const rows = await measure(tasks, args.runs);
    const res: SizeResult = { size, inputs: p, rows: [...rows.values()], when: new Date().toISOString() };
    results.set(size, res);
    await writeFile(join(cacheRoot(), `repcheck-bench-results-${size}.json`), JSON.stringify(res, null, 2));
    out.push('');
    out.push(`## ${size} MB pair: archives ${mb(p.archiveBytes[0])} + ${mb(p.archiveBytes[1])} MB, ${p.entries.toLocaleString('en-US')} entries each, ` +
      `${mb(p.tarBytes[0])} + ${mb(p.tarBytes[1])} MB of layer tar; 4 gzip layers each, layer 0 byte-identical (${mb(sharedBytes(p))} MB stored)`);
    out.push(table([...rows.values()]));
    const r = (id: string) => rows.get(id);
    const ratio = (x: string, y: string, limit: number, target: string) => {
      const a = r(x);
      const b = r(y);
      if (!a || !b) return;
      const q = a.median / b.median;
      verdicts.push({ target: `[${size} MB] ${target} ≤ ${limit}×`, value: `${fmt(q)}× (${fmt(a.median)} s / ${fmt(b.median)} s)`, pass: q <= limit });
    };
    ratio('diff', 'walker', 1.25, 'diff vs node walker');
    const dt = r('diff');
    const wt = r('walker-tuned');
    if (dt && wt) verdicts.push({ target: `[${size} MB] diff vs tuned node walker (not a target)`, value: `${fmt(dt.median / wt.median)}× (${fmt(dt.median)} s / ${fmt(wt.median)} s)`, pass: null, info: true });
    ratio('diff', 'gunzip', 1.0, 'diff vs parallel gunzip | sha256sum');
    ratio('lint', 'walker1', 1.25, 'lint vs node walker (one image)');
    for (const id of ['diff', 'lint']) {
      const x = r(id);
      if (x?.rssMB != null) verdicts.push({ target: `[${size} MB] ${id} peak RSS ≤ 256 MB`, value: `${x.rssMB.toFixed(0)} MB`, pass: x.rssMB <= 256 });
    }
  }

  // Flat memory: the 1 GB pair's diff within 10% of the 100 MB pair's, both measured in this
  // invocation. Compared as medians of the per-run peaks: a single run's peak moves by ±5–8%
  // with when the garbage collector happens to run (freed read and zlib buffers are external
  // memory that V8 returns only at a GC), which says nothing about growth with bytes.
  if (want('diff')) {
    const rs = results.get(100)?.rows.find((x) => x.id === 'diff');
    const rb = results.get(1000)?.rows.find((x) => x.id === 'diff');
    const target = 'diff peak RSS, 1 GB pair within 10% of the 100 MB pair';
    if (rs?.rssMedMB != null && rb?.rssMedMB != null) {
      verdicts.push({
        target,
        value: `median ${rb.rssMedMB.toFixed(0)} MB vs ${rs.rssMedMB.toFixed(0)} MB (${fmt((rb.rssMedMB / rs.rssMedMB - 1) * 100, 1)}%); ` +
          `max ${rb.rssMB!.toFixed(0)} MB vs ${rs.rssMB!.toFixed(0)} MB (${fmt((rb.rssMB! / rs.rssMB! - 1) * 100, 1)}%)`,
        pass: rb.rssMedMB <= rs.rssMedMB * 1.1,
      });
    } else {
      verdicts.push({ target, value: 'run with --size 100,1000 (both in one invocation)', pass: null });
    }
  }

  if (want('mtime')) {
    const m = await ensureMtimePair(log);
    const tasks: Task[] = [{
      id: 'mtime',
      label: 'repcheck diff (20,000-entry mtime-only layer pair)',
      cmd: { cmd: process.execPath, args: [REPCHECK, 'diff', m.a, m.b], node: true },
      check(s) {
        expectCode(s, [1], 'repcheck diff (mtime pair)');
        if (!s.stdout.includes('entry-mtime')) throw new Error(`no entry-mtime finding:\n${s.stdout}`);
      },
    }];
    log(`mtime pair: repcheck × ${args.runs}`);
    const rows = await measure(tasks, args.runs);
    const rc = rows.get('mtime')!;
    const dfo = await which('diffoscope');
    let dRow: Row | null = null;
    if (dfo) {
      log(`mtime pair: diffoscope × 1 (takes minutes; timeout ${args.diffoscopeTimeout} s)`);
      // Its own temp dir: a diffoscope killed at the timeout leaves its unpacked files behind.
      const tmp = await mkdtemp(join(tmpdir(), 'repcheck-bench-diffoscope-'));
      const s = await run({ cmd: dfo, args: ['--no-progress', '--text', '-', m.a, m.b], timeoutSec: args.diffoscopeTimeout, keepStdout: 4096, env: { TMPDIR: tmp } })
        .finally(() => rm(tmp, { recursive: true, force: true }));
      if (s.timedOut) {
        // Only a lower bound: conclusive when it alone clears the target.
        const bound = args.diffoscopeTimeout / rc.median;
        verdicts.push({ target: 'mtime pair: repcheck ≥ 100× faster than diffoscope', value: `diffoscope timed out after ${args.diffoscopeTimeout} s; ratio ≥ ${fmt(bound, 0)}×`, pass: bound >= 100 ? true : null });
      } else {
        expectCode(s, [1], 'diffoscope');
        dRow = { id: 'diffoscope', label: 'diffoscope --text - (same pair)', runs: 1, median: s.wall, min: s.wall, max: s.wall, rssMB: s.rssMB, rssMedMB: s.rssMB, cpu: s.cpu, lines: s.stdoutLines };
        const q = s.wall / rc.median;
        verdicts.push({ target: 'mtime pair: repcheck ≥ 100× faster than diffoscope', value: `${fmt(q, 0)}× (${fmt(s.wall, 1)} s / ${fmt(rc.median)} s)`, pass: q >= 100 });
        // diffoscope is single-threaded and runs for minutes, so its wall time follows the
        // machine's load more than repcheck's does; CPU time is the steadier comparison.
        if (s.cpu !== null && rc.cpu !== null) {
          verdicts.push({ target: 'mtime pair: CPU time, diffoscope / repcheck (not a target)', value: `${fmt(s.cpu / rc.cpu, 0)}× (${fmt(s.cpu, 1)} s / ${fmt(rc.cpu)} s)`, pass: null, info: true });
        }
      }
    } else {
      verdicts.push({ target: 'mtime pair: repcheck ≥ 100× faster than diffoscope', value: 'diffoscope not installed (apt-get install diffoscope-minimal)', pass: null });
    }
    verdicts.push({ target: 'mtime pair: report is a handful of lines (≤ 20)', value: `${rc.lines} lines${dRow ? ` (diffoscope: ${dRow.lines} lines)` : ''}`, pass: (rc.lines ?? 0) <= 20 });
    out.push('');
    out.push(`## 20,000-entry layer pair differing only in mtimes (gzip layer tars)`);
    out.push(table(dRow ? [rc, dRow] : [rc]));
  }

  out.push('');
  out.push('## Targets');
  out.push(verdictLines(verdicts));
  out.push(`load average at end: ${loadavg().map((x) => x.toFixed(2)).join(' ')}`);
  process.stdout.write(out.join('\n') + '\n');
  if (verdicts.some((v) => v.pass === false)) process.exitCode = 1;
}

function sharedBytes(p: PairInputs): number {
  return p.layersA.filter((l) => p.layersB.includes(l)).reduce((n, l) => n + statSync(l).size, 0);
}

async function which(name: string): Promise<string | null> {
  for (const d of (process.env.PATH ?? '').split(':')) {
    const f = join(d, name);
    if (d && existsSync(f)) return f;
  }
  return null;
}

main().catch((e: unknown) => {
  process.stderr.write(`bench: ${e instanceof Error ? e.stack ?? e.message : String(e)}\n`);
  process.exitCode = 2;
});
