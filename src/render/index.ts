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

export { FORMATS, FORMAT_EXTENSION, isFormat, MACHINE_FORMATS, type Format, type RenderOptions } from './formats.js';
import type { Format, RenderOptions } from './formats.js';

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
