// Artifacts that are not container images (a binary, a tarball of docs, a directory of files):
// compared as files. Each path that differs becomes one finding of the entry kinds diff uses
// (entry-set, entry-type, entry-mode, entry-link, entry-content), with a unified diff for text.
// The mode of the artifact itself and file times are not compared: every file a build writes gets the kernel's clock, so they differ
// between any two builds; archives that store times are images or tars and go through diff.
import { lstat, readdir, readFile, readlink } from 'node:fs/promises';
import { join } from 'node:path';
import { textDiff } from '../diff/index.js';
import type { Finding } from '../model/finding.js';
import { KIND_INFO, type Kind } from '../model/kinds.js';
import type { InputSummary } from '../model/report.js';
import { sameBytes } from '../run/same-bytes.js';

export interface TreeEntry {
  type: 'file' | 'dir' | 'symlink' | 'other';
  mode: number;
  size: number;
  linkTarget: string | null;
}

/** Most findings from one comparison; past it the rest are counted in a note. */
const MAX_FINDINGS = 500;

async function walk(root: string, name: string): Promise<Map<string, TreeEntry & { abs: string }>> {
  const out = new Map<string, TreeEntry & { abs: string }>();
  const visit = async (abs: string, rel: string): Promise<void> => {
    const st = await lstat(abs);
    const type = st.isFile() ? 'file' : st.isDirectory() ? 'dir' : st.isSymbolicLink() ? 'symlink' : 'other';
    out.set(rel, { abs, type, mode: st.mode & 0o7777, size: st.size, linkTarget: type === 'symlink' ? await readlink(abs) : null });
    if (type === 'dir') {
      const names = (await readdir(abs)).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
      for (const n of names) await visit(join(abs, n), `${rel}/${n}`);
    }
  };
  await visit(root, name);
  return out;
}

export interface TreeComparison {
  findings: Finding[];
  /** Paths that differed beyond MAX_FINDINGS (counted, not listed). */
  more: number;
  inputs: [InputSummary, InputSummary];
  identical: boolean;
}

export async function compareTrees(
  a: string,
  b: string,
  opts: { name: string; labels: [string, string]; textDiffBytes: number },
): Promise<TreeComparison> {
  const [ta, tb] = await Promise.all([walk(a, opts.name), walk(b, opts.name)]);
  const findings: Finding[] = [];
  let more = 0;
  const add = (kind: Kind, path: string, field: string, av: unknown, bv: unknown, detail?: string): void => {
    if (findings.length >= MAX_FINDINGS) {
      more++;
      return;
    }
    findings.push({
      kind,
      severity: KIND_INFO[kind].severity,
      layer: null,
      path,
      field,
      a: av,
      b: bv,
      count: 1,
      examples: [],
      origin: 'build-compare',
      ...(detail ? { detail } : {}),
    });
  };
  const paths = [...new Set([...ta.keys(), ...tb.keys()])].sort((x, y) => (x < y ? -1 : x > y ? 1 : 0));
  for (const p of paths) {
    const x = ta.get(p);
    const y = tb.get(p);
    if (!x || !y) {
      add('entry-set', p, 'present', x ? x.type : null, y ? y.type : null);
      continue;
    }
    if (x.type !== y.type) {
      add('entry-type', p, 'type', x.type, y.type);
      continue;
    }
    // The artifact's own mode is how it sits on this disk, not what gets shipped (bytes of a
    // file; the entries of a directory): only modes below the root are compared.
    if (x.mode !== y.mode && p !== opts.name) add('entry-mode', p, 'mode', x.mode, y.mode);
    if (x.type === 'symlink' && x.linkTarget !== y.linkTarget) add('entry-link', p, 'linkTarget', x.linkTarget, y.linkTarget);
    if (x.type === 'file' && !(await sameBytes(x.abs, y.abs))) {
      let detail: string | undefined;
      if (x.size <= opts.textDiffBytes && y.size <= opts.textDiffBytes) {
        const d = textDiff(p, await readFile(x.abs), await readFile(y.abs), opts.textDiffBytes);
        if (d) detail = d;
      }
      add('entry-content', p, 'content', { size: x.size }, { size: y.size }, detail);
    }
  }
  const summary = (label: string, root: TreeEntry | undefined): InputSummary => ({
    label,
    flavour: root?.type === 'dir' ? 'directory' : 'file',
    wrapper: 'none',
    images: [],
  });
  return {
    findings,
    more,
    inputs: [summary(opts.labels[0], ta.get(opts.name)), summary(opts.labels[1], tb.get(opts.name))],
    identical: findings.length === 0 && more === 0,
  };
}
