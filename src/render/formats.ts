// The output formats and what the CLI needs to know of them, without loading any renderer:
// a run loads only the renderer its format needs (load.ts).
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
