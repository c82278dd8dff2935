// The end of every command: waivers from the config, the report on stdout in --format, each
// --output file, the --report-dir, and the exit code. The only writer of files besides build/.
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { applyWaivers, type RepcheckConfig } from '../config/index.js';
import type { Report } from '../model/report.js';
import type { Format, RenderOptions } from '../render/formats.js';
import { loadRenderer } from '../render/load.js';
import { planReportDir, reportDirIndex, REPORT_DIR_FILES } from '../render/report-dir.js';
import type { CollectedFile } from '../run/text-pass.js';
import type { Io } from './main.js';
import { format, outputs, type Opts } from './parse.js';

/** Both versions of changed files written to --report-dir: at most this many, this big. */
export const REPORT_DIR_LIMITS = { maxBytes: 1024 * 1024, maxFiles: 200 } as const;

export interface EmitArgs {
  io: Io;
  opts: Opts;
  config: RepcheckConfig;
  /** Collected file versions for --report-dir (diff and build). */
  files?: CollectedFile[];
}

function today(): string {
  // The one clock read: whether a waiver has expired. Nothing of it enters the report.
  return new Date().toISOString().slice(0, 10);
}

export async function emit(report: Report, { io, opts, config, files }: EmitArgs): Promise<number> {
  const fmt = format(String(opts.format ?? 'text'));
  const outs = outputs(opts.output);
  if (config.waivers?.length) report = applyWaivers(report, config.waivers, today());
  const verbose = Boolean(opts.verbose);
  // --color forces, --no-color forbids; otherwise colour only on a terminal without NO_COLOR.
  const color = typeof opts.color === 'boolean' ? opts.color : io.env.NO_COLOR === undefined && io.stdoutIsTTY;
  io.stdout(await render(report, fmt, { color, verbose }));
  for (const o of outs) {
    await mkdir(dirname(o.file), { recursive: true });
    await writeFile(o.file, await render(report, o.format, { color: false, verbose }));
  }
  if (typeof opts.reportDir === 'string') await writeReportDir(opts.reportDir, report, files ?? [], verbose);
  return report.gate.failed ? 1 : 0;
}

async function render(report: Report, format: Format, opts: RenderOptions): Promise<string> {
  return (await loadRenderer(format))(report, opts);
}

async function writeReportDir(dir: string, report: Report, files: CollectedFile[], verbose: boolean): Promise<void> {
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, REPORT_DIR_FILES.json), await render(report, 'json', { color: false, verbose }));
  await writeFile(join(dir, REPORT_DIR_FILES.html), await render(report, 'html', { color: false, verbose }));
  // Archive paths never become file system paths: the planner names every file.
  const plan = planReportDir(report, files.map(({ layer, index, side, path }) => ({ layer, index, side, path })));
  const key = (f: { layer: number; index: number; side: string }) => `${f.layer}:${f.index}:${f.side}`;
  const content = new Map(files.map((f) => [key(f), f.content]));
  for (const p of plan) {
    const target = join(dir, ...p.relPath.split('/'));
    await mkdir(dirname(target), { recursive: true });
    await writeFile(target, content.get(key(p))!);
  }
  await writeFile(join(dir, REPORT_DIR_FILES.index), reportDirIndex(plan));
}
