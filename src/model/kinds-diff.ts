// The catalog's second half: how a kind reads when two builds are compared rather than one
// image linted. Lint titles speak of a hazard in one image ("newer than SOURCE_DATE_EPOCH");
// a diff speaks of a difference and, by its shape, of the likely cause. Same kinds, same fixes
// unless a shape knows better. Kept beside kinds.ts so all prose stays in model/.
import type { Kind } from './kinds.js';

export interface DiffShapeInfo {
  /** A title naming the cause this shape points at. */
  title?: string;
  fix?: string;
}

export interface DiffKindInfo {
  title: string;
  shapes?: Readonly<Record<string, DiffShapeInfo>>;
}

const SAME_EPOCH =
  'Give both builds the same SOURCE_DATE_EPOCH (e.g. `git log -1 --format=%ct`) and clamp: GNU tar `--mtime=@$SOURCE_DATE_EPOCH --clamp-mtime`; BuildKit `--output type=image,rewrite-timestamp=true`; buildah `--timestamp $SOURCE_DATE_EPOCH`.';
const CLAMP =
  'Clamp mtimes to SOURCE_DATE_EPOCH: GNU tar `--mtime=@$SOURCE_DATE_EPOCH --clamp-mtime`; BuildKit `--output type=image,rewrite-timestamp=true` (BuildKit ≥ 0.13); buildah `--timestamp $SOURCE_DATE_EPOCH`; kaniko `--reproducible`.';

export const DIFF_INFO: Partial<Record<Kind, DiffKindInfo>> = {
  'entry-mtime': {
    title: 'File mtimes differ',
    shapes: {
      'constant-shift': { title: 'All mtimes shifted by a constant: different SOURCE_DATE_EPOCH values or build clocks', fix: SAME_EPOCH },
      clock: { title: "mtimes fall in a build's wall-clock window: the build clock leaks into files", fix: CLAMP },
      clamped: { title: 'Only one build clamps mtimes', fix: CLAMP },
      'directories-only': { title: 'Only directory mtimes differ: directory times are not clamped', fix: 'Directories change when files below them are created during the build; clamp them too: GNU tar `--mtime=@$SOURCE_DATE_EPOCH --clamp-mtime`, or `touch -d @$SOURCE_DATE_EPOCH` every directory before archiving.' },
      directories: { title: 'Directory mtimes differ (not clamped)', fix: CLAMP },
      scattered: { title: 'mtimes differ without a pattern (copied from the source checkout or the clock)', fix: CLAMP },
    },
  },
  'entry-owner': {
    title: 'File owners differ',
    shapes: {
      'build-user': { title: 'The build user leaks into file owners' },
      'user-name': { title: 'User/group names of the build host leak into entries' },
    },
  },
  'entry-order': {
    title: 'Entries in another order',
    shapes: {
      reordered: { title: 'Entries in another order: directory listing (readdir) order leaks into the tar' },
      'hardlink-swap': { title: 'Hardlinked files swapped roles: archive order decides which copy holds the data', fix: 'GNU tar `--sort=name` makes the first name in sorted order the one that carries the data.' },
    },
  },
  'entry-set': { title: 'Paths present in one build only' },
  'entry-content': { title: 'File contents differ' },
  'entry-mode': { title: 'Permission bits differ', shapes: { umask: { title: 'Permission bits differ as a umask would: the build umask leaks', fix: 'Set `umask 022` in the build, or normalise modes: GNU tar `--mode=go-w`, or `chmod -R u+rwX,go+rX,go-w` before archiving.' } } },
  'gzip-mtime': { title: 'gzip header timestamps differ' },
  'gzip-name': { title: 'gzip header file names differ' },
  'config-created': { title: 'Image created times differ' },
  'history-created': { title: 'History times differ' },
  'entry-pax': { title: 'PAX header records differ' },
  'tar-format': {
    title: 'Tar header format differs',
    shapes: {
      'path-spelling': { title: 'Entry names spelled differently (`./x` vs `x`)', fix: 'Archive the same way in both builds: `tar -C dir -cf out.tar .` writes `./x`; a file list writes `x`.' },
      'tar-stream': { title: 'The tar streams differ in bytes no entry field explains (padding, record size, header encoding)', fix: 'Use the same archiver and version in both builds; GNU tar `--format=posix` and a fixed `--record-size`.' },
    },
  },
};

export function diffTitle(kind: Kind, defaultTitle: string, shape?: string): string {
  const d = DIFF_INFO[kind];
  return (shape !== undefined && d?.shapes?.[shape]?.title) || d?.title || defaultTitle;
}

export function diffFix(kind: Kind, shape?: string): string | undefined {
  return shape !== undefined ? DIFF_INFO[kind]?.shapes?.[shape]?.fix : undefined;
}
