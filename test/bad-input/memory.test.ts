// Bounded memory (issue 5, promise 3), from the built CLI: `repcheck lint` on a 200,000-entry
// layer tar (generated here, streamed to disk) must stay under a generous peak RSS.
//
// Peak RSS comes from GNU time (`/usr/bin/time -v`, "Maximum resident set size") when it is
// installed (CI: apt-get install -y time), else from process.resourceUsage().maxRSS of the CLI
// run in a small wrapper process (REPCHECK_NO_GNU_TIME=1 forces that way).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { closeSync, existsSync, openSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { repoRoot } from '../helpers/paths.js';
import { rawHeader } from '../helpers/tar-writer.js';
import { makeCaseDirs, removeCaseDirs } from './harness.js';

export const ENTRIES = 200_000;
export const RSS_LIMIT_MB = 512;
const DIRS = 200;
const GNU_TIME = '/usr/bin/time';

/** `dirs` directories of `ENTRIES / dirs` one-byte files each, in tree-walk order, all clean. */
function writeBigTar(path: string): number {
  const fd = openSync(path, 'w');
  const perDir = Math.ceil(ENTRIES / DIRS);
  const data = Buffer.alloc(512);
  data[0] = 0x61;
  let count = 0;
  try {
    for (let d = 0; d < DIRS; d++) {
      const dir = `d${String(d).padStart(4, '0')}`;
      const parts: Buffer[] = [rawHeader({ name: `${dir}/`, typeflag: '5', size: 0, mode: 0o755, format: 'ustar' })];
      count++;
      for (let f = 0; f < perDir && count < ENTRIES; f++) {
        parts.push(rawHeader({ name: `${dir}/f${String(f).padStart(6, '0')}`, typeflag: '0', size: 1, format: 'ustar' }), data);
        count++;
      }
      writeSync(fd, Buffer.concat(parts));
    }
    writeSync(fd, Buffer.alloc(1024));
  } finally {
    closeSync(fd);
  }
  return count;
}

interface Measured {
  exit: number;
  stdout: string;
  stderr: string;
  peakRssMb: number;
  how: string;
  ms: number;
}

function measure(args: string[], cwd: string, env: Record<string, string>): Measured {
  const bin = join(repoRoot, 'bin', 'repcheck.js');
  const started = Date.now();
  if (existsSync(GNU_TIME) && !process.env.REPCHECK_NO_GNU_TIME) {
    const r = spawnSync(GNU_TIME, ['-v', process.execPath, bin, ...args], { cwd, env, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, timeout: 10 * 60_000 });
    const m = /Maximum resident set size \(kbytes\): (\d+)/.exec(r.stderr);
    assert.ok(m, `GNU time output: ${r.stderr.slice(-2000)}`);
    const stderr = r.stderr.slice(0, r.stderr.indexOf('\tCommand being timed'));
    return { exit: r.status ?? -1, stdout: r.stdout, stderr, peakRssMb: Number(m[1]) / 1024, how: '/usr/bin/time -v', ms: Date.now() - started };
  }
  // The CLI in-process in a wrapper that reports its own peak RSS (kilobytes) on fd 3.
  const wrapper = join(cwd, '..', 'rss-wrapper.mjs');
  writeFileSync(wrapper, [
    "import { writeSync } from 'node:fs';",
    "process.on('exit', () => writeSync(3, String(process.resourceUsage().maxRSS)));",
    `process.argv.splice(1, 1, ${JSON.stringify(bin)});`,
    `await import(${JSON.stringify(new URL(`file://${bin}`).href)});`,
  ].join('\n'));
  const r = spawnSync(process.execPath, [wrapper, ...args], {
    cwd, env, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, timeout: 10 * 60_000, stdio: ['ignore', 'pipe', 'pipe', 'pipe'],
  });
  const kb = Number((r.output[3] ?? '').toString());
  return { exit: r.status ?? -1, stdout: r.stdout, stderr: r.stderr, peakRssMb: kb / 1024, how: 'process.resourceUsage().maxRSS', ms: Date.now() - started };
}

describe('bounded memory (built CLI)', () => {
  it(`lint of a ${ENTRIES.toLocaleString('en')}-entry tar stays under ${RSS_LIMIT_MB} MiB peak RSS`, { timeout: 15 * 60_000 }, (t) => {
    const d = makeCaseDirs();
    try {
      const n = writeBigTar(join(d.dir, 'big.tar'));
      assert.ok(n >= ENTRIES, `${n} entries`);
      const r = measure(['--format', 'json', '--source-date-epoch', '0', 'big.tar'], d.dir, {
        PATH: process.env.PATH ?? '/usr/bin:/bin', NO_COLOR: '1', TMPDIR: d.tmp, HOME: d.home,
      });
      t.diagnostic(`${n} entries: exit ${r.exit}, peak RSS ${r.peakRssMb.toFixed(1)} MiB (${r.how}), ${r.ms} ms`);
      assert.equal(r.exit, 0, r.stderr || r.stdout.slice(0, 2000));
      const report = JSON.parse(r.stdout) as { findings: unknown[] };
      assert.deepEqual(report.findings, []);
      assert.ok(r.peakRssMb > 10, 'a plausible measurement');
      assert.ok(r.peakRssMb < RSS_LIMIT_MB, `peak RSS ${r.peakRssMb.toFixed(1)} MiB >= ${RSS_LIMIT_MB} MiB`);
    } finally {
      removeCaseDirs(d);
    }
  });
});
