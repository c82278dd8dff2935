// The README's option and kind tables, generated from the option table and the catalog.
import { OPTIONS } from '../../src/cli/options.js';
import { KINDS, KIND_INFO } from '../../src/model/kinds.js';
import { COMPARATORS } from '../../src/diff/index.js';
import { RULES } from '../../src/lint/index.js';

const cell = (s: string) => s.replace(/\|/g, '\\|');

export function optionsTable(): string {
  const rows = OPTIONS.map((o) => `| \`${o.flags}\` | ${o.commands.join(', ')} | ${cell(o.description)} | ${o.default !== undefined ? `\`${o.default}\`` : ''} |`);
  return ['| option | commands | meaning | default |', '| --- | --- | --- | --- |', ...rows].join('\n');
}

export function kindsTable(): string {
  const lint = new Set(RULES.flatMap((r) => r.kinds));
  const diff = new Set(COMPARATORS.flatMap((c) => c.kinds));
  const rows = KINDS.map((k) => {
    const i = KIND_INFO[k];
    return `| \`${k}\` | ${lint.has(k) ? '✓' : ''} | ${diff.has(k) ? '✓' : ''} | ${i.severity} | ${cell(i.cause)} |`;
  });
  return ['| kind | lint | diff | severity | root cause |', '| --- | --- | --- | --- | --- |', ...rows].join('\n');
}

/** Replaces the text between `<!-- NAME:begin -->` and `<!-- NAME:end -->`. */
export function replaceSection(doc: string, name: string, body: string): string {
  const begin = `<!-- ${name}:begin -->`;
  const end = `<!-- ${name}:end -->`;
  const i = doc.indexOf(begin);
  const j = doc.indexOf(end);
  if (i < 0 || j < i) throw new Error(`README has no ${name} section markers`);
  return doc.slice(0, i + begin.length) + '\n' + body + '\n' + doc.slice(j);
}
