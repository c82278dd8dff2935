// The data model shared by every part of repcheck. Imports nothing.
// Sources produce Images; the scanner turns each Layer into a LayerScan; lint rules and
// diff comparators turn those into Findings; renderers turn a Report into a string.

export type Severity = 'error' | 'warning' | 'info';
export const SEVERITY_RANK: Record<Severity, number> = { info: 0, warning: 1, error: 2 };

/** Compression of a stored blob, detected by magic bytes, never by name or media type. */
export type Compression = 'none' | 'gzip' | 'zstd';

/** Tar header dialect of one entry. `pax` means the entry carried a PAX extended header. */
export type TarFormat = 'v7' | 'ustar' | 'gnu' | 'pax';

export type EntryType =
  | 'file' | 'hardlink' | 'symlink' | 'char' | 'block' | 'dir' | 'fifo' | 'contiguous' | 'other';

/** One gzip member header (RFC 1952 §2.3). */
export interface GzipHeader {
  /** Byte offset of the member in the stored blob. */
  offset: number;
  /** MTIME field, seconds since the epoch; 0 means "no time stamp". */
  mtime: number;
  /** XFL: 2 = maximum compression (-9), 4 = fastest (-1), 0 otherwise. */
  xfl: number;
  /** OS: 3 = Unix (GNU gzip, zlib), 255 = unknown (Go compress/gzip, Python). */
  os: number;
  /** Raw FLG byte. */
  flags: number;
  /** FNAME (latin-1), or null when FLG.FNAME is clear. */
  name: string | null;
  /** FCOMMENT (latin-1), or null. */
  comment: string | null;
  /** FEXTRA payload as lowercase hex, or null. */
  extra: string | null;
  /** FLG.FHCRC was set (and the CRC16 checked). */
  headerCrc: boolean;
}

export interface GzipInfo {
  /** Total number of gzip members in the blob. */
  memberCount: number;
  /** Headers of the first members (at most a few are kept; memberCount says how many there were). */
  headers: GzipHeader[];
}

/** One tar entry as seen by the scanner. Content is hashed, never kept. */
export interface EntryRecord {
  /** Position of the entry in its layer's tar (0-based, counting real entries only). */
  index: number;
  /** Canonical path: no leading `./` or `/`, no trailing `/`, no `//`; root is `.`. */
  path: string;
  /** Path exactly as stored (after PAX/GNU long-name resolution). */
  rawPath: string;
  type: EntryType;
  /** Symlink or hardlink target as stored (hardlink targets are canonicalised like paths). */
  linkTarget: string | null;
  /** Permission bits including setuid/setgid/sticky (mode & 0o7777). */
  mode: number;
  uid: number;
  gid: number;
  uname: string;
  gname: string;
  /** Seconds since the epoch; fractional when a PAX mtime carried a fraction. */
  mtime: number;
  size: number;
  /** PAX records other than those folded into the fields above (e.g. atime, ctime). Sorted keys. */
  pax: Record<string, string>;
  /** Extended attributes from SCHILY.xattr.* / LIBARCHIVE.xattr.* records. Sorted keys. */
  xattrs: Record<string, string>;
  format: TarFormat;
  /** sha256 hex of the content of regular files; null for other types. */
  sha256: string | null;
}

/** A recoverable anomaly: coded, shown in reports, never fatal. */
export interface Note {
  code: string;
  /** Input label, image id and layer index where it applies. */
  input?: string;
  image?: string;
  layer?: number;
  message: string;
}

/** What the scanner learned from one pass over one layer blob. */
export interface LayerScan {
  /** sha256 of the stored (possibly compressed) bytes, `sha256:<hex>`. */
  storedDigest: string;
  storedSize: number;
  compression: Compression;
  gzip: GzipInfo | null;
  /** zstd frame count, when zstd. */
  zstdFrames: number | null;
  /** sha256 of the decompressed tar stream, `sha256:<hex>`; null when not decompressed. */
  diffId: string | null;
  tarSize: number | null;
  /** Entries in tar order; empty when not decompressed. */
  entries: EntryRecord[];
  /** Bytes after the tar end-of-archive marker (beyond the two zero blocks and block padding). */
  trailingBytes: number;
  /** The tar ended without the two zero blocks. */
  missingEndMarker: boolean;
  /** Entries a path filter (`--ignore-path`) removed from `entries`, if any. */
  entriesFiltered?: number;
  notes: Note[];
}

export interface Platform {
  os: string;
  architecture: string;
  variant?: string;
}

/** A reference to a blob and what each witness says it should be. */
export interface BlobCheck {
  role: 'manifest' | 'config' | 'layer' | 'index';
  /** Where the blob lives in the input (archive member or relative path). */
  location: string;
  /** Digest implied by its location name (`blobs/sha256/<hex>`, `<hex>.json`), if any. */
  nameDigest: string | null;
  /** Digest given by the referring descriptor or manifest, if any. */
  declaredDigest: string | null;
  declaredSize: number | null;
  /** What the bytes really are; null for layers until scanned. */
  actualDigest: string | null;
  actualSize: number | null;
}

export interface Layer {
  index: number;
  /** Media type from the manifest, or null (docker-archive manifest.json has none). */
  mediaType: string | null;
  /** diffID from the config's rootfs.diff_ids, or null when the config lacks it. */
  diffId: string | null;
  blob: BlobCheck;
  /**
   * Opens the stored bytes afresh. May be called more than once. The chunks are transient: each
   * is valid only until the next one is asked for (file readers reuse their buffers), so a
   * reader of the stream copies what it keeps.
   */
  open(): Promise<AsyncIterable<Buffer>>;
  /**
   * A full scan (entries walked) already made while the input was opened: a compressed bare
   * layer is scanned in the same pass that finds it is not an image archive.
   */
  prescan?: LayerScan;
}

export interface JsonDoc<T = unknown> {
  raw: Buffer;
  parsed: T;
  digest: string;
}

export interface Image {
  /** Stable id within its input: `0`, `1`, … in input order. */
  id: string;
  /** References: RepoTags or `org.opencontainers.image.ref.name`, as written. */
  refs: string[];
  platform: Platform | null;
  /** The manifest, when the input has one (OCI, docker ≥25); null for docker manifest.json-only. */
  manifest: JsonDoc<Record<string, unknown>> | null;
  config: JsonDoc<Record<string, unknown>> | null;
  layers: Layer[];
  /** Digest checks for manifest/config blobs (layer checks live on each Layer.blob). */
  blobs: BlobCheck[];
  /** References found in the input that `docker load` / registries may reject (lint reads these). */
  refSources: { ref: string; where: string }[];
}

export type Flavour =
  | 'docker-archive'        // manifest.json (optionally also an OCI layout: docker >= 25)
  | 'docker-archive-legacy' // repositories + <id>/json + <id>/layer.tar only
  | 'oci-layout'            // directory
  | 'oci-archive'           // OCI layout inside a tar
  | 'layer';                // a bare layer tar (one-layer pseudo-image)

export interface OpenedInput {
  /** What the user typed. Never a temp path. */
  label: string;
  flavour: Flavour;
  /** Compression of the whole input file (a `.tar.gz` image archive), if any. */
  wrapper: Compression;
  images: Image[];
  notes: Note[];
}

/** Canonical sha256 digest string. */
export type Digest = string;
