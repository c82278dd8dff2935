// The renderers' entry point: one pure function per format (Report in, string out), chosen here.
// JSON is canonical; parseReportJson reads it back, so every format can be rendered from a saved
// report (`repcheck render report.json --format html`).
import type { Report } from '../model/report.js';
import { renderGithub } from './github.js';
import { renderHtml } from './html.js';
import { renderJson } from './json.js';
import { renderJunit } from './junit.js';
import { renderMarkdown } from './markdown.js';
import { renderSarif } from './sarif.js';
import { renderText } from './text.js';

export const FORMATS = ['text', 'json', 'markdown', 'html', 'junit', 'sarif', 'github'] as const;
export type Format = (typeof FORMATS)[number];

export interface RenderOptions {
  /** ANSI colour (text only). */
  color: boolean;
  /** Every example and note (text, markdown, github); full diffs in markdown. */
  verbose: boolean;
}

export function isFormat(s: string): s is Format {
  return (FORMATS as readonly string[]).includes(s);
}

/** The usual file extension of a format (for `--report-dir` and the GitHub Action). */
export const FORMAT_EXTENSION: Readonly<Record<Format, string>> = {
  text: 'txt', json: 'json', markdown: 'md', html: 'html', junit: 'xml', sarif: 'sarif', github: 'txt',
};

/** Formats meant for machines: a progress bar must not interleave with them on a terminal. */
export const MACHINE_FORMATS: readonly Format[] = ['json', 'junit', 'sarif', 'github'];

export function render(report: Report, format: Format, opts: RenderOptions): string {
  switch (format) {
    case 'text': return renderText(report, opts);
    case 'json': return renderJson(report);
    case 'markdown': return renderMarkdown(report, opts);
    case 'html': return renderHtml(report, opts);
    case 'junit': return renderJunit(report, opts);
    case 'sarif': return renderSarif(report, opts);
    case 'github': return renderGithub(report, opts);
  }
}

export { parseReportJson } from './parse.js';
export { progressLine, type Progress } from './progress.js';
export { planReportDir, reportDirIndex, REPORT_DIR_FILES, type ReportDirFile, type PlannedFile } from './report-dir.js';
