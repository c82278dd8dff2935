// Path helpers shared by the rules: OCI whiteouts and the two entry orders a deterministic
// archiver writes. Paths are canonical (no leading `./` or `/`, root is `.`).

/** OCI image-spec layer.md: `.wh.<name>` deletes <name>; `.wh..wh..opq` hides the lower directory. */
export const WHITEOUT_PREFIX = '.wh.';
export const OPAQUE_WHITEOUT = '.wh..wh..opq';

export type Whiteout =
  | { kind: 'file'; /** The path it deletes. */ target: string }
  | { kind: 'opaque'; /** The directory whose lower-layer contents it hides. */ dir: string }
  /** Other `.wh..wh.*` names are AUFS bookkeeping (`.wh..wh.plnk`): no effect on the tree. */
  | { kind: 'meta' };

export function dirname(path: string): string {
  const i = path.lastIndexOf('/');
  return i < 0 ? '.' : path.slice(0, i);
}

export function basename(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

export function join(dir: string, name: string): string {
  return dir === '.' ? name : `${dir}/${name}`;
}

/** The whiteout a path encodes, or null for an ordinary entry. */
export function whiteoutOf(path: string): Whiteout | null {
  const base = basename(path);
  if (!base.startsWith(WHITEOUT_PREFIX)) return null;
  if (base === OPAQUE_WHITEOUT) return { kind: 'opaque', dir: dirname(path) };
  if (base.startsWith(WHITEOUT_PREFIX + WHITEOUT_PREFIX)) return { kind: 'meta' };
  return { kind: 'file', target: join(dirname(path), base.slice(WHITEOUT_PREFIX.length)) };
}

export function isWhiteout(path: string): boolean {
  return basename(path).startsWith(WHITEOUT_PREFIX);
}

/** True when `path` is `dir` itself or below it. */
export function isUnder(path: string, dir: string): boolean {
  return dir === '.' || path === dir || path.startsWith(dir + '/');
}

const SLASH = 0x2f;

/**
 * Sort key for the order GNU tar `--sort=name` (and a sorted tree walk such as Go's
 * filepath.WalkDir) writes: per directory, names in byte order, each directory before its
 * contents. That is the byte order of the UTF-8 path with `/` ranked below every other byte,
 * so `a/c` comes before `a-b` although `-` < `/` in plain byte order. The root sorts first.
 */
export function treeWalkKey(path: string): Buffer {
  if (path === '.') return Buffer.alloc(0);
  const b = Buffer.from(path, 'utf8');
  for (let i = 0; i < b.length; i++) if (b[i] === SLASH) b[i] = 0;
  return b;
}

/** Sort key for plain byte order of the full UTF-8 path (never localeCompare). Root first. */
export function byteOrderKey(path: string): Buffer {
  return path === '.' ? Buffer.alloc(0) : Buffer.from(path, 'utf8');
}
