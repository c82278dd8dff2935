// The ONLY place that looks at a path and decides what it is. Files are classified by content,
// never by name: magic bytes for compression, the tar header checksum for tar, then the member
// names for the image flavour.
//
//   directory                      → OCI image layout (oci-layout / index.json)
//   xz / bzip2                     → InputError: decompress first
//   gzip / zstd → tar              → image archive inside (wrapper = gzip/zstd) or compressed bare layer
//   tar with manifest.json         → docker-archive (docker ≥ 25 layouts too)
//   tar with oci-layout/index.json → oci-archive
//   tar with repositories + <id>/json + <id>/layer.tar → docker-archive-legacy
//   any other tar                  → bare layer
import { open as fsOpen, stat } from 'node:fs/promises';
import type { Stats } from 'node:fs';
import { InputError } from '../errors.js';
import type { Limits } from '../model/limits.js';
import { scanLayerUnless } from '../scan/index.js';
import { isArchiveMemberName } from './archive-names.js';
import type { Flavour, Image, Note, OpenedInput } from '../model/types.js';
import { detectCompression, detectUnsupported } from '../io/sniff.js';
import { isTarHeader } from '../tar/is-tar-header.js';
import { CompressedTarContainer } from './compressed-tar-container.js';
import type { Container } from './container.js';
import { asInputError } from './container.js';
import { decompressFile, type Wrapper } from './decompress.js';
import { DirContainer } from './dir-container.js';
import { readDockerArchive } from './docker-archive.js';
import { legacyLayerIds, readLegacyArchive } from './docker-archive-legacy.js';
import { bareLayerImage } from './layer-tar.js';
import { readOciLayout } from './oci-layout.js';
import { TarFileContainer } from './tar-container.js';

export interface OpenOptions {
  limits: Limits;
  /** What the user typed, used in every message (defaults to the path). */
  label?: string;
}

const NOT_AN_IMAGE = 'not a container image or layer tar (expected docker-archive, OCI layout, oci-archive or a layer tar)';

export { isTarHeader };

export async function openInput(path: string, opts: OpenOptions): Promise<OpenedInput> {
  const label = opts.label ?? path;
  const { limits } = opts;
  let st: Stats;
  try {
    st = await stat(path);
  } catch (err) {
    throw fsError(label, err);
  }
  // Refused before any open(): reading a FIFO blocks, /dev/zero never ends.
  if (st.isFIFO()) throw new InputError(label, 'is a named pipe (FIFO); expected a file or directory');
  if (st.isCharacterDevice() || st.isBlockDevice()) throw new InputError(label, 'is a device; expected a file or directory');
  if (st.isSocket()) throw new InputError(label, 'is a socket; expected a file or directory');

  if (st.isDirectory()) return openDirectory(path, label, limits);
  if (!st.isFile()) throw new InputError(label, 'is not a regular file or directory');
  if (st.size === 0) throw new InputError(label, `is empty; ${NOT_AN_IMAGE}`);

  const head = await readHead(path, label, 512);
  const unsupported = detectUnsupported(head);
  if (unsupported) {
    const tool = unsupported === 'xz' ? 'xz -d' : 'bzip2 -d';
    throw new InputError(label, `${unsupported}-compressed input is not supported; decompress it first (${tool})`);
  }
  const compression = detectCompression(head);
  if (compression !== 'none') return openCompressed(path, label, compression, st.size, limits);
  if (!isTarHeader(head)) throw new InputError(label, NOT_AN_IMAGE);

  const c = await TarFileContainer.open(label, path, limits);
  const kind = classify(c);
  if (kind === null) return input(label, 'layer', 'none', [bareLayerImage(path, label, st.size)], []);
  const { images, notes } = await readAs(kind, c, limits);
  return input(label, kind, 'none', images, notes);
}

async function openDirectory(path: string, label: string, limits: Limits): Promise<OpenedInput> {
  const c = new DirContainer(label, path, limits);
  if (c.stat('oci-layout') === null && c.stat('index.json') === null) {
    const hint = c.stat('manifest.json') !== null
      ? ' (it has a manifest.json: an unpacked docker save? give repcheck the tar instead)'
      : '';
    throw new InputError(label, `directory is not an OCI image layout: expected an oci-layout file and index.json${hint}`);
  }
  const { images, notes } = await readOciLayout(c, limits);
  return input(label, 'oci-layout', 'none', images, notes);
}

async function openCompressed(path: string, label: string, wrapper: Wrapper, size: number, limits: Limits): Promise<OpenedInput> {
  // Peek at the decompressed head before committing to a full indexing pass.
  let inner: Buffer;
  try {
    inner = await takeHead(decompressFile(path, wrapper, label, limits), 512);
  } catch (err) {
    throw asInputError(label, err);
  }
  if (!isTarHeader(inner)) {
    throw new InputError(label, `${wrapper}-compressed, but what it holds is not a tar; ${NOT_AN_IMAGE}`);
  }
  // Most compressed tars given directly are layers (`layer.tar.gz`), and learning that takes a
  // whole decompressing pass over the member names. So scan it as a layer in that same pass,
  // abandoning at the first name that an image archive has (or that only image archives have
  // early, like `<64 hex>/layer.tar`). A scan that finishes saw none of the names classify()
  // looks for: it is a bare layer, already scanned. Any failure falls back to the indexing
  // pass below, which reports it as before.
  const bare = bareLayerImage(path, label, size);
  const layer = bare.layers[0]!;
  const prescan = await scanLayerUnless(() => layer.open(), { limits }, isArchiveMemberName).catch(() => null);
  if (prescan !== null) {
    layer.prescan = prescan;
    return input(label, 'layer', 'none', [bare], []);
  }
  const c = await CompressedTarContainer.open(label, path, wrapper, limits);
  const kind = classify(c);
  // A compressed tar that is not an image archive is a compressed layer (`layer.tar.gz`):
  // its one Layer is the file as stored, compression and all.
  if (kind === null) return input(label, 'layer', 'none', [bareLayerImage(path, label, size)], []);
  const { images, notes } = await readAs(kind, c, limits);
  return input(label, kind, wrapper, images, notes);
}

type ArchiveKind = Exclude<Flavour, 'layer' | 'oci-layout'>;

/** The image flavour an archive's member names say, or null for a bare layer. */
function classify(c: Container): ArchiveKind | null {
  if (c.stat('manifest.json') !== null) return 'docker-archive';
  const names = c.names();
  if (c.stat('oci-layout') !== null || (c.stat('index.json') !== null && names.some((n) => n.startsWith('blobs/')))) {
    return 'oci-archive';
  }
  if (c.stat('repositories') !== null && legacyLayerIds(c).length > 0) return 'docker-archive-legacy';
  return null;
}

function readAs(kind: ArchiveKind, c: Container, limits: Limits): Promise<{ images: Image[]; notes: Note[] }> {
  switch (kind) {
    case 'docker-archive':
      return readDockerArchive(c, limits);
    case 'docker-archive-legacy':
      return readLegacyArchive(c, limits);
    case 'oci-archive':
      return readOciLayout(c, limits);
  }
}

function input(label: string, flavour: Flavour, wrapper: OpenedInput['wrapper'], images: Image[], notes: Note[]): OpenedInput {
  return { label, flavour, wrapper, images, notes };
}

async function readHead(path: string, label: string, n: number): Promise<Buffer> {
  let fh;
  try {
    fh = await fsOpen(path, 'r');
  } catch (err) {
    throw fsError(label, err);
  }
  try {
    const buf = Buffer.alloc(n);
    let off = 0;
    while (off < n) {
      const { bytesRead } = await fh.read(buf, off, n - off, off);
      if (bytesRead === 0) break;
      off += bytesRead;
    }
    return buf.subarray(0, off);
  } catch (err) {
    throw fsError(label, err);
  } finally {
    await fh.close();
  }
}

async function takeHead(src: AsyncGenerator<Buffer>, n: number): Promise<Buffer> {
  const parts: Buffer[] = [];
  let got = 0;
  try {
    for await (const chunk of src) {
      parts.push(chunk);
      got += chunk.length;
      if (got >= n) break;
    }
  } finally {
    await src.return(undefined);
  }
  return Buffer.concat(parts, got).subarray(0, n);
}

function fsError(label: string, err: unknown): InputError {
  const code = (err as NodeJS.ErrnoException)?.code;
  switch (code) {
    case 'ENOENT':
      return new InputError(label, 'no such file or directory');
    case 'EACCES':
    case 'EPERM':
      return new InputError(label, 'permission denied');
    case 'ENOTDIR':
      return new InputError(label, 'a component of the path is not a directory');
    case 'ELOOP':
      return new InputError(label, 'too many levels of symbolic links');
    case 'EISDIR':
      return new InputError(label, 'is a directory');
    default:
      return new InputError(label, `cannot read (${code ?? 'unknown error'})`);
  }
}
