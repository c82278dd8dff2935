// One renderer by format, loaded when asked for: `repcheck diff` with text output never loads
// the HTML, SARIF or JUnit renderers (module loading is a fifth of a small diff's time).
import type { Report } from '../model/report.js';
import type { Format, RenderOptions } from './formats.js';

export type Renderer = (report: Report, opts: RenderOptions) => string;

export async function loadRenderer(format: Format): Promise<Renderer> {
  switch (format) {
    case 'text': return (await import('./text.js')).renderText;
    case 'json': { const { renderJson } = await import('./json.js'); return (r) => renderJson(r); }
    case 'markdown': return (await import('./markdown.js')).renderMarkdown;
    case 'html': return (await import('./html.js')).renderHtml;
    case 'junit': return (await import('./junit.js')).renderJunit;
    case 'sarif': return (await import('./sarif.js')).renderSarif;
    case 'github': return (await import('./github.js')).renderGithub;
  }
}
