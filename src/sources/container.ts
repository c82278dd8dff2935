// One interface over the places an image lives: a directory (OCI layout), an uncompressed tar
// on disk, a compressed tar. The format readers (docker-archive, oci-layout) only see this, so
// every flavour × wrapper combination goes through the same code.
import { FormatError, InputError, LimitError } from '../errors.js';
import { FormatLimitError, toLimitError } from '../io/limit-error.js';
import { printable } from '../io/printable.js';
import { LIMIT_FLAGS, type Limits } from '../model/limits.js';
import type { LayerScan } from '../model/types.js';
import type { ReadOptions } from '../io/read.js';

export type MemberKind = 'file' | 'dir' | 'symlink' | 'other';

export interface MemberStat {
  size: number;
  kind: MemberKind;
  /** Symlink target as stored (symlinks), or the archive path a tar hardlink points at. */
  linkTarget?: string;
}

export interface Container {
  /** What the user typed; errors name `label:member`. */
  readonly label: string;
  /** Canonical member names (no `./`, no trailing `/`), in storage order. */
  names(): string[];
  /** The member itself, links not followed (like lstat); null when absent. */
  stat(name: string): MemberStat | null;
  /**
   * Follows symlinks (and tar hardlinks) inside the container to the member holding the bytes.
   * Null when the name or a link target is absent; InputError when a link escapes the container,
   * loops, or needs more than `limits.maxSymlinkHops` hops.
   */
  resolve(name: string): string | null;
  /** Reads a whole small member (JSON), following links; larger than `max` → LimitError. */
  readSmall(name: string, max?: number): Promise<Buffer>;
  /**
   * Streams a member's bytes afresh (following links); may be called any number of times.
   * `transient`: see ReadOptions (a layer's opener asks for it; a reader that may reuse its
   * buffers does so only then).
   */
  open(name: string, opts?: ReadOptions): Promise<AsyncIterable<Buffer>>;
  /** A full layer scan of the member (links resolved) already made while indexing, if any. */
  prescan?(name: string): LayerScan | undefined;
}

/** `{ prescan }` for a Layer whose member the container scanned while indexing. */
export function prescanOf(c: Container, name: string): { prescan?: LayerScan } {
  if (!c.prescan) return {};
  let real: string | null;
  try {
    real = c.resolve(name);
  } catch {
    return {};
  }
  const scan = real === null ? undefined : c.prescan(real);
  return scan ? { prescan: scan } : {};
}

/**
 * `label:member`, the `file` of every InputError about a member. The member name comes from the
 * archive (or from a manifest naming it): escaped, so an error line stays one harmless line.
 */
export function memberLabel(c: { label: string }, name: string): string {
  return `${c.label}:${printable(name)}`;
}

/**
 * Most layer references all images of one input may add up to. Each reference is linted (and
 * diffed) on its own, so an image list that names the same layers over and over would multiply
 * the work; real archives stay far below (`docker save` of 500 images of 40 layers: 20,000).
 */
export const MAX_LAYER_REFS = 100_000;

export function tooManyLayerRefs(): string {
  return `its images name more than ${MAX_LAYER_REFS} layers in all`;
}

/**
 * The message for a 0-byte layer: not a tar at all (the smallest tar, an empty one, is its
 * 1024-byte end marker), whatever a lenient reader would make of it.
 */
export function emptyLayer(layer: number, image: number | string): string {
  return `layer ${layer} of image ${image} is empty (0 bytes), not a tar`;
}

export function jsonLimitError(file: string, limits: Limits): LimitError {
  const f = LIMIT_FLAGS.maxJsonBytes;
  return new LimitError(file, f.name, f.flag, limits.maxJsonBytes);
}

/** The regular-file stat of a name after following links, or an InputError saying why not. */
export function regularFile(c: Container, name: string): { name: string; stat: MemberStat } {
  const target = c.resolve(name);
  if (target === null) throw new InputError(memberLabel(c, name), 'no such file in the input');
  const st = c.stat(target);
  if (!st) throw new InputError(memberLabel(c, name), 'no such file in the input');
  if (st.kind === 'dir') throw new InputError(memberLabel(c, name), 'is a directory, expected a file');
  if (st.kind !== 'file') throw new InputError(memberLabel(c, name), 'is not a regular file');
  return { name: target, stat: st };
}

/** Collects an async byte stream, failing once it passes `max` bytes. */
export async function collect(src: AsyncIterable<Buffer>, max: number, onTooBig: () => Error): Promise<Buffer> {
  const parts: Buffer[] = [];
  let n = 0;
  for await (const chunk of src) {
    n += chunk.length;
    if (n > max) throw onTooBig();
    parts.push(chunk);
  }
  return Buffer.concat(parts, n);
}

/**
 * Follows in-archive links from `name` over a member table, never touching the filesystem.
 * Symlink targets are relative to the link's directory; an absolute target or one climbing
 * above the archive root is refused (docker save only ever writes `../<id>/layer.tar`).
 * Hardlink targets are archive paths from the root. Intermediate path components are not
 * resolved through symlinked directories: no image tool writes those.
 */
export function resolveInTable(
  label: string,
  name: string,
  lookup: (n: string) => MemberStat | null,
  limits: Limits,
): string | null {
  const file = memberLabel({ label }, name);
  let cur = normalizeMemberPath(name);
  if (cur === null) {
    // `../x` named by a manifest: refused outright, never looked up anywhere.
    if (name.split('/').includes('..')) throw new InputError(file, 'points outside the archive');
    return null;
  }
  const seen = new Set<string>();
  for (let hops = 0; ; hops++) {
    const st = lookup(cur);
    if (!st) return null;
    if (st.kind !== 'symlink' && st.linkTarget === undefined) return cur;
    if (seen.has(cur)) throw new InputError(file, `symlink loop at ${printable(cur)}`);
    seen.add(cur);
    if (hops >= limits.maxSymlinkHops) {
      const f = LIMIT_FLAGS.maxSymlinkHops;
      throw new LimitError(file, f.name, f.flag, limits.maxSymlinkHops);
    }
    const target = st.linkTarget ?? '';
    let next: string | null;
    if (st.kind === 'symlink') {
      if (target.startsWith('/')) {
        throw new InputError(file, `symlink ${printable(cur)} -> ${printable(target)} points outside the archive (absolute target)`);
      }
      const dir = cur.includes('/') ? cur.slice(0, cur.lastIndexOf('/')) : '';
      next = normalizeMemberPath(dir ? `${dir}/${target}` : target);
    } else {
      next = normalizeMemberPath(target);
    }
    if (next === null) {
      throw new InputError(file, `link ${printable(cur)} -> ${printable(target)} points outside the archive`);
    }
    cur = next;
  }
}

/**
 * Normalises a member path: drops `.`/empty segments and leading `/`, applies `..` lexically.
 * Null when `..` would climb above the root or the path is empty.
 */
export function normalizeMemberPath(p: string): string | null {
  const out: string[] = [];
  for (const seg of p.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') {
      if (out.length === 0) return null;
      out.pop();
      continue;
    }
    out.push(seg);
  }
  return out.length === 0 ? null : out.join('/');
}

/**
 * Turns a byte reader's failure (FormatError, FormatLimitError) into the InputError/LimitError
 * that names `file`; anything else (a bug, an InputError already) passes through unchanged.
 */
export function asInputError(file: string, err: unknown): unknown {
  if (err instanceof InputError) return err;
  if (err instanceof FormatLimitError) return toLimitError(file, err);
  if (err instanceof FormatError) return new InputError(file, err.reason, err.offset);
  return err;
}
