// Which compressor probably wrote a gzip header. A hint, never proof: the bytes are what
// the tools are known to write by default (DESIGN.md "Things known about the formats"):
// GNU gzip given a file sets FNAME and MTIME, reading stdin (or with -n) neither; OS is 3
// (Unix) for GNU gzip, pigz and zlib, 255 for Go's compress/gzip and Python's gzip/tarfile;
// XFL is 2 at -9 and 4 at -1.
import type { GzipHeader } from '../model/types.js';

const FNAME = 0x08;

const OS_NAMES: Record<number, string> = {
  0: 'FAT (MS-DOS/Windows)', 3: 'Unix', 7: 'Macintosh', 11: 'NTFS', 255: 'unknown',
};

export function osName(os: number): string {
  return OS_NAMES[os] ?? `OS ${os}`;
}

/** A short description of the header bytes and the compressor they suggest. */
export function compressorHint(h: GzipHeader | undefined, memberCount = 1): string {
  if (!h) return 'no gzip header';
  const bytes = `OS=${h.os} XFL=${h.xfl}${h.flags & FNAME ? ' FNAME' : ''}${h.mtime ? ' MTIME' : ''}`;
  let guess: string;
  if (h.os === 255) guess = h.mtime === 0 ? 'Go compress/gzip' : 'Python gzip/tarfile or Go compress/gzip with ModTime';
  else if (h.os === 3) {
    if (h.flags & FNAME) guess = 'GNU gzip or pigz given a file';
    else if (h.mtime === 0) guess = 'zlib, or gzip/pigz -n or reading stdin';
    else guess = 'pigz reading stdin, or zlib given a time';
  } else guess = `a compressor on ${osName(h.os)}`;
  if (memberCount > 1) guess += `, ${memberCount} members (a parallel or appending writer)`;
  return `${bytes}: likely ${guess}`;
}
