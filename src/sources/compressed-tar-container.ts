// A gzip- or zstd-compressed tar (a whole image archive, as Nix dockerTools writes `.tar.gz`)
// as a Container.
//
// Cost: a compressed stream cannot be seeked, so construction makes ONE full decompressing pass
// that records every member and keeps the small JSON-looking ones (manifest.json, configs, OCI
// manifests and indexes) in memory. open(name) then re-runs the decompression from the start up
// to that member, so reading every layer of an N-layer archive costs up to N more passes over
// the archive (O(N × archive) CPU, O(1) extra memory). So the indexing pass also scans, as a
// layer, every member that starts like one (a tar header, gzip or zstd magic): the layers of a
// Nix `.tar.gz` are read once, in that pass, and open() is left for what the scans did not
// cover (the text-diff pass, a layer whose inline scan failed, which reports its error then).
import { InputError } from '../errors.js';
import { ChunkQueue } from '../io/chunk-queue.js';
import { detectCompression } from '../io/sniff.js';
import type { Limits } from '../model/limits.js';
import type { LayerScan } from '../model/types.js';
import { scanLayer } from '../scan/index.js';
import { isTarHeader } from '../tar/is-tar-header.js';
import type { TarHeader } from '../tar/header.js';
import { TarParser } from '../tar/parser.js';
import { canonicalPath } from '../tar/path.js';
import {
  asInputError, collect, jsonLimitError, memberLabel, regularFile, resolveInTable,
  type Container, type MemberStat,
} from './container.js';
import { decompressFile, type Wrapper } from './decompress.js';
import { statOfHeader } from './tar-container.js';

interface Member {
  stat: MemberStat;
  /** Position among the parser's entries: the same on every pass, so duplicates stay distinct. */
  ordinal: number;
}

/** Members always kept when small, whatever their first byte. */
const WELL_KNOWN = new Set(['manifest.json', 'repositories', 'index.json', 'oci-layout']);
/** Total bytes of members kept in memory; past it, readSmall re-streams. */
const CACHE_BUDGET = 64 * 1024 * 1024;

export class CompressedTarContainer implements Container {
  private readonly order: string[] = [];
  private readonly members = new Map<string, Member>();
  private readonly cache = new Map<number, Buffer>();
  /** Full layer scans made in the indexing pass, by ordinal. */
  private readonly scans = new Map<number, LayerScan>();

  private constructor(
    readonly label: string,
    private readonly path: string,
    readonly wrapper: Wrapper,
    private readonly limits: Limits,
  ) {}

  /** Makes the one indexing pass. Corrupt compression or tar data → InputError naming the label. */
  static async open(label: string, path: string, wrapper: Wrapper, limits: Limits): Promise<CompressedTarContainer> {
    const c = new CompressedTarContainer(label, path, wrapper, limits);
    let ordinal = -1;
    let name = '';
    let keep: Buffer[] | null = null;
    let kept = 0;
    let cached = 0;
    // The current member's first bytes, until there are enough to tell whether it is a layer.
    let head: Buffer[] | null = null;
    let headLen = 0;
    // The current member's inline layer scan, fed chunk by chunk.
    const live: { queue: ChunkQueue | null } = { queue: null };
    const scans: Promise<void>[] = [];
    const startScan = (first: Buffer): void => {
      const ord = ordinal;
      if (!(detectCompression(first) !== 'none' || isTarHeader(first))) return;
      const q = new ChunkQueue();
      q.push(first);
      live.queue = q;
      // A failed inline scan is forgotten: open() then re-reads the member and fails as ever.
      scans.push(scanLayer(async () => q, { limits }).then((scan) => { c.scans.set(ord, scan); }, () => {}).finally(() => q.abandon()));
    };
    const flushHead = (): void => {
      const first = Buffer.concat(head!, headLen);
      head = null;
      startScan(first);
    };
    const parser = new TarParser({
      limits,
      onEntry(h: TarHeader) {
        ordinal++;
        name = canonicalPath(h.name);
        if (!c.members.has(name)) c.order.push(name);
        const stat = statOfHeader(h);
        c.members.set(name, { stat, ordinal });
        keep = stat.kind === 'file' && stat.linkTarget === undefined && stat.size <= limits.maxJsonBytes &&
          cached + stat.size <= CACHE_BUDGET ? [] : null;
        kept = 0;
        head = stat.kind === 'file' && stat.linkTarget === undefined && stat.size > 0 ? [] : null;
        headLen = 0;
        live.queue = null;
      },
      onData(chunk: Buffer) {
        if (keep) {
          keep.push(Buffer.from(chunk));
          kept += chunk.length;
        }
        if (live.queue) {
          live.queue.push(Buffer.from(chunk));
        } else if (head) {
          head.push(Buffer.from(chunk));
          headLen += chunk.length;
          if (headLen >= 512) flushHead();
        }
      },
      onEntryEnd() {
        if (keep) {
          const buf = Buffer.concat(keep, kept);
          if (WELL_KNOWN.has(name) || looksLikeJson(buf)) {
            c.cache.set(ordinal, buf);
            cached += buf.length;
          }
        }
        keep = null;
        if (head) flushHead(); // a member shorter than a tar block (a small gzip, say)
        live.queue?.end();
        live.queue = null;
      },
    });
    try {
      for await (const chunk of decompressFile(path, wrapper, label, limits)) {
        parser.write(chunk);
        // Backpressure: the scan takes what this chunk gave it before the next is inflated.
        if (live.queue) await live.queue.drained();
      }
      parser.end();
    } catch (err) {
      live.queue?.end();
      throw asInputError(label, err);
    } finally {
      await Promise.all(scans);
    }
    return c;
  }

  /** The full scan of a member made in the indexing pass, when it was a layer and scanned cleanly. */
  prescan(name: string): LayerScan | undefined {
    const m = this.members.get(name);
    return m ? this.scans.get(m.ordinal) : undefined;
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
    const { name: real, stat } = regularFile(this, name);
    const tooBig = () => jsonLimitError(memberLabel(this, name), { ...this.limits, maxJsonBytes: max });
    if (stat.size > max) throw tooBig();
    const hit = this.cache.get(this.members.get(real)!.ordinal);
    if (hit) return hit;
    return collect(await this.open(name), max, tooBig);
  }

  async open(name: string): Promise<AsyncIterable<Buffer>> {
    const { name: real } = regularFile(this, name);
    const m = this.members.get(real);
    if (!m) throw new InputError(memberLabel(this, name), 'no such file in the input');
    const { path, wrapper, limits, label } = this;
    const file = memberLabel(this, name);
    return {
      async *[Symbol.asyncIterator]() {
        const out: Buffer[] = [];
        let ordinal = -1;
        let inTarget = false;
        let done = false;
        const parser = new TarParser({
          limits,
          onEntry() {
            ordinal++;
            inTarget = ordinal === m.ordinal;
          },
          onData(chunk: Buffer) {
            if (inTarget) out.push(Buffer.from(chunk));
          },
          onEntryEnd() {
            if (inTarget) done = true;
            inTarget = false;
          },
        });
        try {
          for await (const chunk of decompressFile(path, wrapper, label, limits)) {
            parser.write(chunk);
            while (out.length) yield out.shift()!;
            if (done) return;
          }
        } catch (err) {
          throw asInputError(file, err);
        }
        if (!done) throw new InputError(file, 'member ended early (archive changed since it was indexed?)');
      },
    };
  }
}

/** First non-blank byte is `{` or `[`: a JSON document worth keeping. */
function looksLikeJson(buf: Buffer): boolean {
  for (const b of buf) {
    if (b === 0x20 || b === 0x0a || b === 0x0d || b === 0x09) continue;
    return b === 0x7b || b === 0x5b;
  }
  return false;
}
