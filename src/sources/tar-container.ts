// An uncompressed tar file on disk as a Container. The headers are indexed once with positional
// reads (data is skipped, not read); a member's bytes are streamed with a ranged read, so a
// multi-gigabyte `docker save` costs one header walk plus one read per layer.
import { InputError } from '../errors.js';
import type { Limits } from '../model/limits.js';
import type { TarHeader } from '../tar/header.js';
import { readRange, type ReadOptions } from '../io/read.js';
import { indexTarFile } from '../tar/index-file.js';
import { canonicalPath } from '../tar/path.js';
import {
  asInputError, collect, jsonLimitError, memberLabel, regularFile, resolveInTable,
  type Container, type MemberStat,
} from './container.js';

interface Member {
  stat: MemberStat;
  dataOffset: number;
}

/** MemberStat of a tar header: a hardlink carries its (root-relative) target as linkTarget. */
export function statOfHeader(h: TarHeader): MemberStat {
  switch (h.type) {
    case 'file':
    case 'contiguous':
      return { size: h.size, kind: 'file' };
    case 'dir':
      return { size: 0, kind: 'dir' };
    case 'symlink':
      return { size: 0, kind: 'symlink', linkTarget: h.linkname };
    case 'hardlink':
      return { size: 0, kind: 'file', linkTarget: h.linkname };
    default:
      return { size: 0, kind: 'other' };
  }
}

export class TarFileContainer implements Container {
  private readonly order: string[] = [];
  /** Last header wins, as when a tar is extracted. */
  private readonly members = new Map<string, Member>();

  private constructor(readonly label: string, private readonly path: string, private readonly limits: Limits) {}

  /** Indexes the tar at `path`; a corrupt header is an InputError naming its offset. */
  static async open(label: string, path: string, limits: Limits): Promise<TarFileContainer> {
    const c = new TarFileContainer(label, path, limits);
    try {
      // Member by member: only the small record is kept, never every TarHeader at once.
      await indexTarFile(path, limits, ({ header, dataOffset }) => {
        const name = canonicalPath(header.name);
        if (!c.members.has(name)) c.order.push(name);
        c.members.set(name, { stat: statOfHeader(header), dataOffset });
      });
    } catch (err) {
      throw asInputError(label, err);
    }
    return c;
  }

  names(): string[] {
    return this.order;
  }

  stat(name: string): MemberStat | null {
    return this.members.get(name)?.stat ?? null;
  }

  resolve(name: string): string | null {
    return resolveInTable(this.label, name, (n) => this.stat(n), this.limits);
  }

  async readSmall(name: string, max = this.limits.maxJsonBytes): Promise<Buffer> {
    const { stat } = regularFile(this, name);
    const tooBig = () => jsonLimitError(memberLabel(this, name), { ...this.limits, maxJsonBytes: max });
    if (stat.size > max) throw tooBig();
    return collect(await this.open(name), max, tooBig);
  }

  async open(name: string, opts: ReadOptions = {}): Promise<AsyncIterable<Buffer>> {
    const { name: real, stat } = regularFile(this, name);
    const m = this.members.get(real);
    if (!m) throw new InputError(memberLabel(this, name), 'no such file in the input');
    const file = memberLabel(this, name);
    const src = readRange(this.path, m.dataOffset, stat.size, opts);
    return {
      async *[Symbol.asyncIterator]() {
        try {
          yield* src;
        } catch (err) {
          throw asInputError(file, err);
        }
      },
    };
  }
}
