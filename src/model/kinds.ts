// The catalog: the only place with prose about causes and fixes.
// Kind ids are public API (`--ignore`, JSON consumers): never rename one.
import type { Severity } from './types.js';

export const KINDS = [
  // entries (lint and diff)
  'entry-mtime', 'entry-owner', 'entry-order', 'entry-mode', 'entry-content', 'entry-type',
  'entry-link', 'entry-set', 'entry-pax', 'entry-xattrs', 'tar-format',
  'duplicate-entry', 'shadowed-path',
  // compression
  'gzip-mtime', 'gzip-name', 'gzip-os', 'gzip-header', 'compression-level', 'compressor',
  'layer-compression',
  // layers
  'layer-order', 'layer-set', 'digest-mismatch',
  // config, manifest, references
  'config-created', 'history-created', 'history-other', 'history-mismatch', 'config-other',
  'manifest-other', 'invalid-reference', 'image-ref',
] as const;

export type Kind = (typeof KINDS)[number];

/** A shape-specific override: the same root cause seen in a form that warrants another severity or hint. */
export interface ShapeInfo {
  /** Replaces the kind's title for this shape. */
  title?: string;
  severity?: Severity;
  /** Replaces the kind's fix for this shape. */
  fix?: string;
}

export interface KindInfo {
  title: string;
  /** The root cause, one or two sentences. */
  cause: string;
  /** A concrete fix naming real flags of real tools. */
  fix: string;
  severity: Severity;
  /** Overrides for shapes (Finding.shape) that need another severity or hint. */
  shapes?: Readonly<Record<string, ShapeInfo>>;
}

export function isKind(s: string): s is Kind {
  return (KINDS as readonly string[]).includes(s);
}

// Compression kinds are warnings: the content is the same, but every blob digest, the manifest
// digest and so any signature differ, which is what a reproducibility gate is for. `--semantic`
// (or `--ignore`) is the way to say only contents matter.
// Fix hints name flags checked against the tools themselves (GNU tar 1.34, gzip 1.12, pigz 2.6,
// buildah 1.28, skopeo 1.9, umoci 0.4.7 `--help`) or their upstream docs (BuildKit README and
// docs/build-repro.md, kaniko README, buildah PR #6208 for --source-date-epoch/--rewrite-timestamp,
// nixpkgs dockerTools docs). Keep them short: a CI user reads them next to a failing line.
const CLAMP_TAR = 'GNU tar `--mtime=@$SOURCE_DATE_EPOCH --clamp-mtime`';
const BUILDKIT_EPOCH =
  'BuildKit `--build-arg SOURCE_DATE_EPOCH=$SOURCE_DATE_EPOCH --output type=image,rewrite-timestamp=true` (BuildKit ≥ 0.13)';
const BUILDAH_EPOCH = 'buildah `--timestamp $SOURCE_DATE_EPOCH` (buildah ≥ 1.41: `--source-date-epoch … --rewrite-timestamp`)';
const CREATED_FIX =
  'BuildKit `--build-arg SOURCE_DATE_EPOCH=$SOURCE_DATE_EPOCH` (Buildx ≥ 0.10 forwards the env var itself); ' +
  'buildah `--timestamp $SOURCE_DATE_EPOCH`; kaniko `--reproducible`; Nix dockerTools: keep the default `created` (not "now"); ' +
  'umoci `config --created` / `--history.created`.';
const ZERO_TIME =
  '0001-01-01T00:00:00Z is Go\'s zero time: constant, so it reproduces, but it is not your epoch; set it from SOURCE_DATE_EPOCH if tools should show a real date.';
const BEFORE_EPOCH =
  'Earlier than the epoch: usually inherited from the base image, and reproducible as long as the base is pinned by digest.';

export const KIND_INFO = {
  'entry-mtime': {
    title: 'File times newer than SOURCE_DATE_EPOCH',
    cause: 'Entries keep the time they were written (build clock, checkout time) instead of a clamped epoch, so every rebuild changes the layer bytes.',
    fix: `Clamp mtimes: ${CLAMP_TAR}; ${BUILDKIT_EPOCH}; ${BUILDAH_EPOCH}; kaniko \`--reproducible\`.`,
    severity: 'warning',
    shapes: {
      'directories-only': {
        fix: `Only directories are newer: they changed when files below them were added or removed during the build. Clamp with ${CLAMP_TAR} or \`touch -d @$SOURCE_DATE_EPOCH\` them before archiving; ${BUILDKIT_EPOCH}.`,
      },
    },
  },
  'entry-owner': {
    title: 'Unexpected file owner',
    cause: 'Entries keep the uid/gid (and user/group names) of whoever ran the build, which differ between machines and CI runners.',
    fix: 'GNU tar `--owner=0 --group=0 --numeric-owner`; Dockerfile `COPY --chown=0:0`; Go archive/tar: set Header.Uid/Gid and clear Uname/Gname.',
    severity: 'warning',
    shapes: {
      'system-id': {
        severity: 'info',
        fix: 'System ids below 1000 and 65534 (nobody) are normally set on purpose by the distribution (e.g. etc/shadow 0:42): nothing to fix unless you did not expect them.',
      },
      'user-name': {
        fix: 'The ids are fine but the names come from the build machine: GNU tar `--numeric-owner` (or `--owner=0 --group=0`); Go archive/tar: leave Uname/Gname empty.',
      },
      'nix-store': {
        fix: 'Nix store paths must be root-owned: let Nix dockerTools write the layer, or archive with GNU tar `--owner=0 --group=0 --numeric-owner`.',
      },
    },
  },
  'entry-order': {
    title: 'Layer entries not in sorted order',
    cause: 'The archiver wrote entries in directory-read order, which depends on the filesystem and differs between machines.',
    fix: 'GNU tar `--sort=name`; with Go archive/tar or another library, walk the tree in sorted order (filepath.WalkDir sorts) before writing.',
    severity: 'warning',
  },
  'entry-mode': {
    title: 'Permission bits differ',
    cause: 'Modes come from the builder\'s umask or from a VCS checkout (git keeps only the executable bit), so two machines produce different bits.',
    fix: 'Run the build with `umask 022`, normalise with GNU tar `--mode=go-w`, or set modes explicitly with Dockerfile `COPY --chmod=…`.',
    severity: 'warning',
  },
  'entry-content': {
    title: 'File content differs',
    cause: 'The build writes something that changes per run into the file: a timestamp, random id, build path, or an unpinned download.',
    fix: 'Export SOURCE_DATE_EPOCH to the build (most compilers and packagers honour it), pin packages and base images by digest, and run diffoscope on the file to see what moved.',
    severity: 'warning',
  },
  'entry-type': {
    title: 'Entry type differs',
    cause: 'A path is a file in one build and a link or directory in the other; hardlinks, for instance, depend on inodes being shared in the build tree.',
    fix: 'Make the tree identical before archiving; GNU tar `--hard-dereference` stores hardlinked files as regular files.',
    severity: 'warning',
  },
  'entry-link': {
    title: 'Link target differs',
    cause: 'Symlink targets embed build paths or versions, or hardlinks point at whichever path the walk met first.',
    fix: 'Use relative symlink targets that never mention the build directory; archive in sorted order (GNU tar `--sort=name`) so hardlinks pair up the same way.',
    severity: 'warning',
  },
  'entry-set': {
    title: 'Files added or removed',
    cause: 'One build produced files the other did not: caches, logs, bytecode, or steps that depend on the network or the clock.',
    fix: 'Delete caches in the step that makes them (`rm -rf /var/lib/apt/lists/* /var/log/*`), use `pip install --no-cache-dir`, and pin every download.',
    severity: 'warning',
  },
  'entry-pax': {
    title: 'Extra PAX header records',
    cause: 'PAX headers carry atime/ctime (when the file was read or its inode changed), which differ on every build.',
    fix: 'GNU tar `--format=posix --pax-option=delete=atime,delete=ctime`.',
    severity: 'warning',
  },
  'entry-xattrs': {
    title: 'Extended attributes differ',
    cause: 'xattrs (SELinux labels, capabilities, user.*) are copied from the build host and differ between machines.',
    fix: 'GNU tar `--no-xattrs --no-selinux --no-acls`, or keep only what you need with `--xattrs --xattrs-include=security.capability`.',
    severity: 'warning',
  },
  'tar-format': {
    title: 'Tar header format differs',
    cause: 'Another archiver or version wrote ustar, GNU or PAX headers for the same files; long names and large ids force extensions.',
    fix: 'Pin the archiver and force one format: GNU tar `--format=posix` (or `--format=gnu`).',
    severity: 'info',
  },
  'duplicate-entry': {
    title: 'Path appears twice in one layer',
    cause: 'The tar was appended to or given overlapping inputs; extractors disagree on which copy wins.',
    fix: 'Write each layer in one pass from one tree: no `tar --append` (`-r`), no overlapping path arguments.',
    severity: 'warning',
    shapes: {
      identical: {
        severity: 'info',
        fix: 'The copies are identical, so only bytes are wasted; still, write each layer in one pass (no `tar --append`, no overlapping path arguments).',
      },
    },
  },
  'shadowed-path': {
    title: 'File replaced by a later layer',
    cause: 'A later layer writes a path an earlier layer already had; the earlier copy still ships and is downloaded.',
    fix: 'Create and change files in the same step (one RUN), copy only results out of a build stage, or squash (buildah `--squash`).',
    severity: 'info',
    shapes: {
      identical: {
        fix: 'The later copy is byte-identical: pure waste. Drop the step that writes it again, or squash (buildah `--squash`).',
      },
      overwritten: {
        fix: 'Normal when packages update shared files (dpkg status, caches); worth fixing when large: change files in the step that creates them, or squash (buildah `--squash`).',
      },
    },
  },
  'gzip-mtime': {
    title: 'gzip header carries a timestamp',
    cause: 'The compressor stored a modification time (GNU gzip given a file stores its mtime), so the same tar compresses to different bytes.',
    fix: '`gzip -n` or `pigz -n` (or compress from stdin); Go compress/gzip: leave Header.ModTime zero.',
    severity: 'warning',
    shapes: {
      constant: {
        severity: 'info',
        fix: 'A constant every build writes (2288912640 is Go\'s zero time cut to 32 bits, from writers without a zero check): reproducible, nothing to fix.',
      },
    },
  },
  'gzip-name': {
    title: 'gzip header stores a file name',
    cause: 'GNU gzip given a file stores its name (FNAME); temp-file names vary between builds and machines.',
    fix: '`gzip -n` or `pigz -n`; Go compress/gzip: leave Header.Name empty.',
    severity: 'warning',
  },
  'gzip-os': {
    title: 'gzip OS byte differs',
    cause: 'The OS byte fingerprints the compressor (3 for GNU gzip and zlib, 255 for Go and Python): another tool compressed this layer.',
    fix: 'Build both images with the same builder and version; if the diffIDs match, the content is the same.',
    severity: 'warning',
  },
  'gzip-header': {
    title: 'gzip header fields or members differ',
    cause: 'Optional header fields (comment, extra, header CRC) or the number of gzip members changed the bytes but not the tar.',
    fix: 'Pin the compressor and its options; `gzip -n` and `pigz -n` write a plain header.',
    severity: 'warning',
  },
  'compression-level': {
    title: 'Compression level differs',
    cause: 'The same tar compressed at another level (gzip XFL 2 = -9, 4 = -1) gives other bytes and another digest.',
    fix: 'Pin the level: `gzip -n -6`; BuildKit exporter `compression-level=N,force-compression=true`; skopeo copy `--dest-compress-level N`.',
    severity: 'warning',
  },
  compressor: {
    title: 'Different compressor',
    cause: 'Another implementation (GNU gzip, pigz, zlib-ng, Go) produced a different deflate stream for the same tar.',
    fix: 'Use one builder image and version everywhere; BuildKit `force-compression=true` recompresses every layer with one compressor.',
    severity: 'warning',
  },
  'layer-compression': {
    title: 'Same layer, different compression',
    cause: 'The tar is identical (same diffID) but stored compressed differently: a copy or save step recompressed or decompressed it.',
    fix: 'Compare by diffID, or copy without recompressing: `skopeo copy --preserve-digests`.',
    severity: 'warning',
  },
  'layer-order': {
    title: 'Layers in a different order',
    cause: 'The builder assembled the same layers in another sequence, e.g. from parallel stages or unordered inputs.',
    fix: 'Make the layer order explicit in the build definition (one COPY per layer in a fixed order); pin the builder version.',
    severity: 'warning',
  },
  'layer-set': {
    title: 'Layers added or removed',
    cause: 'One build has layers the other lacks: the base image tag moved, a cache hit versus a miss, or a conditional step.',
    fix: 'Pin the base image by digest (`FROM image@sha256:…`) and compare builds made with `--no-cache`.',
    severity: 'warning',
  },
  'digest-mismatch': {
    title: 'Blob does not match its digest',
    cause: 'A blob does not hash to the digest that names or declares it, or a layer\'s tar to its diff_id: it changed after the manifest was written. A layer mutated without changing its hash poisons every cache.',
    fix: 'Never edit blobs in place: rebuild or re-export the image from its source so digests are recomputed (skopeo and registries verify them and will refuse this one).',
    severity: 'error',
    shapes: {
      name: { title: 'Blob bytes do not match the digest in its file name' },
      declared: { title: 'Blob bytes do not match the digest the manifest declares' },
      size: { title: 'Blob size does not match the size the manifest declares' },
      'diff-id': { title: "Layer tar does not match the config's diff_id: mutated without changing its hash" },
    },
  },
  'config-created': {
    title: 'Image created time is not SOURCE_DATE_EPOCH',
    cause: 'The config `created` field holds the build\'s wall-clock time instead of SOURCE_DATE_EPOCH.',
    fix: CREATED_FIX,
    severity: 'warning',
    shapes: {
      'wall-clock': { fix: `Sub-second precision: a clock wrote it, an epoch is whole seconds. ${CREATED_FIX}` },
      'zero-time': { severity: 'info', fix: ZERO_TIME },
      'before-epoch': { severity: 'info', fix: BEFORE_EPOCH },
    },
  },
  'history-created': {
    title: 'History times are not SOURCE_DATE_EPOCH',
    cause: 'History entries record when each build step ran, so they change on every build.',
    fix: CREATED_FIX,
    severity: 'warning',
    shapes: {
      'zero-time': { severity: 'info', fix: ZERO_TIME },
      'before-epoch': { severity: 'info', fix: BEFORE_EPOCH },
    },
  },
  'history-other': {
    title: 'History entries differ',
    cause: 'created_by, comment or author strings record build arguments, paths or tool versions that vary between builds.',
    fix: 'Keep varying values (dates, temp paths, secrets) out of RUN lines and build args that land in history; pin the builder version.',
    severity: 'info',
  },
  'history-mismatch': {
    title: 'History does not match the layers',
    cause: 'Tools pair each non-empty_layer history entry with a layer; a missing history or a different count breaks `docker history` and gets the image rejected by strict registries and tools.',
    fix: 'Let the build tool write history (no buildah `--omit-history`, no umoci `--no-history`); when assembling by hand, add one entry per layer and mark config-only steps `"empty_layer": true`.',
    severity: 'error',
  },
  'config-other': {
    title: 'Config fields differ',
    cause: 'Labels, env or other config fields embed values that change per build: dates, hostnames, builder versions.',
    fix: 'Derive labels from the commit, not the clock; buildah `--identity-label=false` drops its version label.',
    severity: 'warning',
  },
  'manifest-other': {
    title: 'Manifest differs',
    cause: 'Manifest annotations (e.g. org.opencontainers.image.created) or media types differ between builds.',
    fix: 'Set annotations from SOURCE_DATE_EPOCH or the commit, not the clock; use the same media-type setting (BuildKit `oci-mediatypes=true|false`) in both builds.',
    severity: 'warning',
  },
  'invalid-reference': {
    title: 'Image reference docker load rejects',
    cause: 'A name written into the archive (RepoTags, ref annotations) breaks the reference grammar, e.g. an uppercase repository; `docker load` rejects the whole archive.',
    fix: 'Write `name:tag` with a lowercase repository (uppercase is fine in the tag only) and at most 255 characters after the registry host.',
    severity: 'error',
  },
  'image-ref': {
    title: 'Image references differ',
    cause: 'The archives carry different tags or ref names: the archive bytes change, the image does not.',
    fix: 'Tag both builds identically before saving, or compare images by config digest.',
    severity: 'info',
  },
} satisfies Record<Kind, KindInfo>;

/** The catalog entry of a kind. */
export function kindInfo(kind: Kind): KindInfo {
  return KIND_INFO[kind];
}

/** The title for a finding: the shape's own title when the catalog has one, else the kind's. */
export function titleFor(kind: Kind, shape?: string): string {
  const info: KindInfo = KIND_INFO[kind];
  return (shape !== undefined && info.shapes?.[shape]?.title) || info.title;
}

/** The fix hint for a finding: the shape's own hint when the catalog has one, else the kind's. */
export function hintFor(kind: Kind, shape?: string): string {
  const info: KindInfo = KIND_INFO[kind];
  return (shape !== undefined && info.shapes?.[shape]?.fix) || info.fix;
}

/** The severity for a finding of this kind and shape (the shape's override, else the kind's default). */
export function severityFor(kind: Kind, shape?: string): Severity {
  const info: KindInfo = KIND_INFO[kind];
  return (shape !== undefined && info.shapes?.[shape]?.severity) || info.severity;
}
