// The human `build` section of the text report: what was varied, the control, the culprits
// with what they change and how to fix it. Shown before the diff of the first pair. Pure.
import { Chalk } from 'chalk';
import type { Report } from '../model/report.js';

function shellQuote(a: string): string {
  return /^[A-Za-z0-9_@%+=:,./-]+$/.test(a) ? a : `'${a.replace(/'/g, `'\\''`)}'`;
}

export function renderBuildSection(report: Report, opts: { color: boolean }): string {
  const s = report.build;
  if (!s) return '';
  const c = new Chalk({ level: opts.color ? 1 : 0 });
  const out: string[] = [];
  out.push(`${c.bold('build')}    ${s.command.map(shellQuote).join(' ')}  (${s.builds} build${s.builds === 1 ? '' : 's'})`);
  const width = Math.max(...s.variations.map((v) => v.id.length));
  for (const v of s.variations) {
    const state = v.applied ? c.green('varied ') : c.dim('skipped');
    out.push(`  ${state}  ${v.id.padEnd(width)}  ${v.applied ? (v.detail ?? '') : c.dim(v.reason ?? '')}`);
  }
  if (s.intrinsic === true) {
    const ctl = s.control;
    const what = ctl ? `: ${ctl.kinds.join(', ')}${ctl.paths.length ? ` (${ctl.paths.join(', ')}${ctl.paths.length >= 5 ? ', …' : ''})` : ''}` : '';
    out.push(`${c.bold('control')}  ${c.yellow('differs with nothing varied')} (intrinsic, or file times from the real clock)${what}`);
  } else if (s.intrinsic === false) {
    out.push(`${c.bold('control')}  identical with nothing varied: the differences come from the variations`);
  }
  if (report.verdict !== 'differs') {
    out.push(`${c.bold('result')}   ${c.green('reproducible')}: build A and build B are ${report.verdict ?? 'identical'}`);
  } else if (s.causes.length) {
    out.push(`${c.bold('culprits')} ${c.red(s.culprits.join(', '))}`);
    s.causes.forEach((cause, i) => {
      const eff = s.effects?.[i];
      const changes = eff && eff.kinds.length ? ` → ${eff.kinds.join(', ')}${eff.paths.length ? `: ${eff.paths.join(', ')}` : ''}` : '';
      const tag = eff && !eff.minimal ? c.dim(' (not minimal: search stopped)') : '';
      out.push(`  cause ${i + 1}  ${c.bold(cause.join(' + '))}${changes}${tag}`);
      for (const h of eff?.hints ?? []) out.push(`           ${c.green('fix:')} ${h}`);
    });
  } else if (s.intrinsic === true) {
    out.push(`${c.bold('culprits')} none among the variations: every difference already shows in the control pair`);
  }
  if (s.searchStopped) out.push(`${c.bold('search')}   ${s.searchStopped}`);
  return out.join('\n') + '\n\n';
}
