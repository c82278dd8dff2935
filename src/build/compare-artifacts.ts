// The real comparator of two build artifacts: `repcheck diff` when both are something diff
// reads (image archives, OCI layouts, layer tarballs), else a file/tree comparison with unified
// diffs for text. Labels replace the temp paths everywhere, so the report never shows one.
import { InputError } from '../errors.js';
import type { Kind } from '../model/kinds.js';
import type { Limits } from '../model/limits.js';
import type { Report } from '../model/report.js';
import type { Note, Severity } from '../model/types.js';
import { diffPaths } from '../run/diff.js';
import type { FileCollector } from '../run/text-pass.js';
import { assembleReport } from '../run/report.js';
import { compareTrees } from './compare-tree.js';

export interface CompareResult {
  differs: boolean;
  report?: Report;
}

/**
 * Compares build A's artifact with another build's. `first` marks the pair the report shows
 * (A vs B): only it gets unified diffs and --report-dir files; the search only needs to know
 * what differs.
 */
export type Compare = (aPath: string, bPath: string, labels: [string, string], how?: { first?: boolean }) => Promise<CompareResult>;

export interface ArtifactCompareOptions {
  limits: Limits;
  ignore: Kind[];
  ignorePaths?: string[];
  semantic?: boolean;
  failOn: Severity;
  image?: string;
  platform?: string;
  /** Name the artifact is shown under in file comparisons (`artifact`, or the --artifact path). */
  name: string;
  textDiffBytes?: number;
  /** Receives both versions of changed files of the first pair (for --report-dir). */
  collect?: FileCollector;
}

export function artifactComparator(opts: ArtifactCompareOptions): Compare {
  return async (a, b, labels, how) => {
    const first = how?.first === true;
    const textDiffBytes = first ? (opts.textDiffBytes ?? 256 * 1024) : 0;
    let notImage: InputError;
    try {
      const report = await diffPaths(a, b, {
        limits: opts.limits,
        ignore: opts.ignore,
        failOn: opts.failOn,
        labels,
        textDiffBytes,
        ...(first && opts.collect ? { collect: opts.collect } : {}),
        ...(opts.ignorePaths ? { ignorePaths: opts.ignorePaths } : {}),
        ...(opts.semantic ? { semantic: true } : {}),
        ...(opts.image !== undefined ? { image: opts.image } : {}),
        ...(opts.platform !== undefined ? { platform: opts.platform } : {}),
      });
      return { differs: report.verdict === 'differs', report };
    } catch (err) {
      if (!(err instanceof InputError)) throw err;
      notImage = err;
    }
    const t = await compareTrees(a, b, { name: opts.name, labels, textDiffBytes });
    const notes: Note[] = [
      {
        code: 'build-artifact-not-image',
        message: `the artifacts were compared as files (${notImage.message}); file times and the artifact's own mode are not compared`,
      },
    ];
    if (t.more > 0) notes.push({ code: 'build-compare-truncated', message: `${t.more} more differing paths not listed` });
    const report = assembleReport({
      mode: 'build',
      inputs: t.inputs,
      findings: t.findings,
      notes,
      ignore: { kinds: opts.ignore },
      failOn: opts.failOn,
      verdict: t.identical ? 'identical' : 'differs',
    });
    // Everything that differed may have been ignored.
    if (!t.identical && report.findings.length === 0 && t.more === 0) report.verdict = 'equivalent';
    return { differs: report.verdict === 'differs', report };
  };
}
