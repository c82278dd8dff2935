// `repcheck lint`: open each input, scan every layer once, run the lint rules, assemble a Report.
import type { Finding } from '../model/finding.js';
import type { Kind } from '../model/kinds.js';
import type { Limits } from '../model/limits.js';
import type { Report } from '../model/report.js';
import type { LayerScan, Note, Severity } from '../model/types.js';
import { lintImage } from '../lint/index.js';
import { openInput, selectImages } from '../sources/index.js';
import type { ProgressTracker } from './progress.js';
import { assembleReport } from './report.js';
import { scanImageLayers, summarizeInput } from './scan-image.js';

export interface LintOptions {
  limits: Limits;
  /** Expected SOURCE_DATE_EPOCH and where it came from; null = infer from the image. */
  epoch: { value: number; source: 'flag' | 'env' } | null;
  owner: { uid: number; gid: number };
  ignore: Kind[];
  failOn: Severity;
  image?: string;
  platform?: string;
  /** Counts bytes read per input (for a progress bar). */
  progress?: ProgressTracker;
}

export async function lintPaths(paths: string[], opts: LintOptions): Promise<Report> {
  const findings: (Finding & { input?: string })[] = [];
  const notes: Note[] = [];
  const inputs = [];
  let epoch: Report['epoch'] | undefined;
  for (const path of paths) {
    const input = await openInput(path, { limits: opts.limits, label: path });
    const selected = selectImages(input, { image: opts.image, platform: opts.platform });
    const images = opts.progress ? opts.progress.track(input.label, selected) : selected;
    inputs.push(summarizeInput(input, images));
    notes.push(...input.notes.map((n) => ({ ...n, input: n.input ?? input.label })));
    const multi = input.images.length > 1;
    const cache = new Map<string, Promise<LayerScan>>();
    for (const image of images) {
      const { scans, notes: scanNotes } = await scanImageLayers(input.label, image, { limits: opts.limits, cache });
      notes.push(...scanNotes.map((n) => (multi ? { ...n, image: image.id } : n)));
      const res = lintImage({
        input,
        image,
        scans,
        owner: opts.owner,
        ...(opts.epoch ? { epoch: opts.epoch.value, epochSource: opts.epoch.source } : {}),
      });
      epoch ??= res.epoch;
      for (const f of res.findings) findings.push({ ...f, input: input.label, ...(multi ? { image: image.id } : {}) });
      for (const n of res.notes) notes.push({ ...n, input: n.input ?? input.label, ...(multi ? { image: image.id } : {}) });
    }
  }
  return assembleReport({ mode: 'lint', inputs, findings, notes, ignore: { kinds: opts.ignore }, failOn: opts.failOn, ...(epoch ? { epoch } : {}) });
}

