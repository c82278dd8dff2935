// The properties, run inside a worker thread (worker.ts) so a hang or a memory blow-up can be
// detected and stopped from outside (runner.ts). Each run: mutate a valid input, hand it to the
// same code the CLI runs (lintPaths / diffPaths: openInput → scan → lint or diff), render the
// report, and require that it ended in a report or a clean error:
//   - only InputError (LimitError included) or UsageError may escape: anything else is exit 3
//     from the CLI (a FormatError escaping is a reader that forgot to name its file);
//   - an error message is one line with nothing a terminal would interpret;
//   - a report renders as text and JSON, and the text is just as clean.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { InputError, UsageError } from '../../src/errors.js';
import { DEFAULT_LIMITS } from '../../src/model/limits.js';
import type { Report } from '../../src/model/report.js';
import { renderJson } from '../../src/render/json.js';
import { renderText } from '../../src/render/text.js';
import { diffPaths } from '../../src/run/diff.js';
import { lintPaths } from '../../src/run/lint.js';
import { dockerArchive, ociArchive } from '../bad-input/build.js';
import { makeTar, type TarEntrySpec } from '../helpers/tar-writer.js';
import { SEEDS } from './fixtures.js';
import { applyMutations, fixTarChecksums, mutationsArb } from './mutate.js';

export const SEED = Number(process.env.REPCHECK_PROPERTY_SEED ?? 42);
export const RUNS = Number(process.env.REPCHECK_PROPERTY_RUNS ?? 200);

/** Called before each run with the input about to be tried (the runner keeps it for a report). */
export type OnRun = (name: string, input: Buffer) => void;

const UNSAFE = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u061c\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]|[\ud800-\udfff]/u;

class Pipeline {
  readonly dir = mkdtempSync(join(tmpdir(), 'repcheck-prop-'));
  private n = 0;
  constructor(private readonly onRun: OnRun) {}

  write(name: string, bytes: Buffer): string {
    this.onRun(name, bytes);
    const p = join(this.dir, `${this.n++ % 4}-${name}`);
    writeFileSync(p, bytes);
    return p;
  }

  /** lint (and, given a second path, diff) must end in a report or a clean error. */
  async check(paths: string[], diffWith?: string): Promise<void> {
    try {
      const report = diffWith !== undefined
        ? await diffPaths(diffWith, paths[0]!, { limits: DEFAULT_LIMITS, ignore: [], failOn: 'warning' })
        : await lintPaths(paths, { limits: DEFAULT_LIMITS, epoch: null, owner: { uid: 0, gid: 0 }, ignore: [], failOn: 'warning' });
      renderAndCheck(report);
    } catch (err) {
      if (!(err instanceof InputError) && !(err instanceof UsageError)) throw err;
      if (err instanceof InputError) {
        if (err.message.includes('\n') || UNSAFE.test(err.message)) {
          throw new Error(`error message is not one clean line: ${JSON.stringify(err.message)}`);
        }
      }
    }
  }

  close(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}

function renderAndCheck(report: Report): void {
  const text = renderText(report, { color: false, verbose: true });
  for (const line of text.split('\n')) {
    if (UNSAFE.test(line)) throw new Error(`text output holds an unsafe character: ${JSON.stringify(line)}`);
  }
  JSON.parse(renderJson(report));
}

const opts = (): fc.Parameters<unknown> => ({ seed: SEED, numRuns: RUNS, endOnFailure: true });

/** One property per family of inputs. */
export const PROPERTIES: Record<string, (onRun: OnRun) => Promise<void>> = {
  /** A layer tar with every header feature; header checksums re-fixed half of the time. */
  async tar(onRun) {
    const p = new Pipeline(onRun);
    const base = SEEDS.tar();
    try {
      await fc.assert(fc.asyncProperty(mutationsArb(base), fc.boolean(), async (muts, fix) => {
        let b = applyMutations(base, muts);
        if (fix) b = fixTarChecksums(b);
        await p.check([p.write('layer.tar', b)]);
      }), opts());
    } finally {
      p.close();
    }
  },

  /**
   * Tars GENERATED from adversarial specs (not mutated): arbitrary names (`..`, NUL, controls,
   * any Unicode), PAX records with arbitrary keys and values (path, size, uid, mtime, ...),
   * every typeflag and dialect, sizes that lie. Mutation rarely lands on a PAX value; this does.
   */
  async tarSpec(onRun) {
    const p = new Pipeline(onRun);
    const text = fc.oneof(fc.string({ maxLength: 40 }), fc.string({ unit: 'binary', maxLength: 40 }), fc.constantFrom('..', '../..', '/', '.', '', 'a/../../b', 'x\0y'));
    const paxKey = fc.oneof(fc.constantFrom('path', 'linkpath', 'size', 'uid', 'gid', 'mtime', 'atime', 'uname', 'gname', 'comment', 'SCHILY.xattr.user.a', 'LIBARCHIVE.xattr.user.b', 'GNU.sparse.size'), fc.string({ minLength: 1, maxLength: 12 }));
    const paxValue = fc.oneof(text, fc.constantFrom('1.5', '-1', '99999999999999999999', '1e9', '0x10', ' 1', '1 ', 'NaN'), fc.nat().map(String));
    const entry: fc.Arbitrary<TarEntrySpec> = fc.record({
      name: text.map((t) => t.slice(0, 90) || 'x'),
      type: fc.constantFrom('file', 'dir', 'symlink', 'hardlink', 'char', 'block', 'fifo', 'contiguous') as fc.Arbitrary<TarEntrySpec['type']>,
      content: fc.string({ maxLength: 700 }),
      linkname: text.map((t) => t.slice(0, 90)),
      pax: fc.option(fc.dictionary(paxKey, paxValue, { maxKeys: 4 }), { nil: undefined }),
      format: fc.constantFrom('ustar', 'gnu', 'v7', 'pax') as fc.Arbitrary<TarEntrySpec['format']>,
      uid: fc.oneof(fc.nat({ max: 65535 }), fc.constantFrom(2 ** 21, 2 ** 40, 2 ** 53 - 1)),
      mtime: fc.oneof(fc.nat(), fc.constantFrom(-1, 2 ** 33, 8 ** 11 - 1)),
      size: fc.option(fc.nat({ max: 5000 }), { nil: undefined }),
      base256: fc.boolean(),
    }, { requiredKeys: ['name'] });
    try {
      await fc.assert(fc.asyncProperty(
        fc.array(entry, { minLength: 1, maxLength: 6 }),
        fc.option(fc.dictionary(paxKey, paxValue, { maxKeys: 3 }), { nil: undefined }),
        fc.integer({ min: 0, max: 3 }),
        async (entries, global, endBlocks) => {
          let tar: Buffer;
          try {
            tar = makeTar(entries, { ...(global ? { global } : {}), endBlocks });
          } catch {
            return; // the writer cannot express it (e.g. a name too long for ustar)
          }
          await p.check([p.write('spec.tar', tar)]);
        },
      ), opts());
    } finally {
      p.close();
    }
  },

  /** A two-member gzip layer (FNAME, FHCRC, MTIME in the first). */
  async gzip(onRun) {
    const p = new Pipeline(onRun);
    const base = SEEDS.gzip();
    try {
      await fc.assert(fc.asyncProperty(mutationsArb(base), async (muts) => {
        await p.check([p.write('layer.tar.gz', applyMutations(base, muts))]);
      }), opts());
    } finally {
      p.close();
    }
  },

  /** zstd: a real frame with compressed blocks (zstd -19 --check), and a raw-block frame. */
  async zstd(onRun) {
    const p = new Pipeline(onRun);
    const real = SEEDS.zstd();
    const raw = SEEDS.zstdRaw();
    try {
      await fc.assert(fc.asyncProperty(fc.boolean(), mutationsArb(real), mutationsArb(raw), async (useReal, mr, mw) => {
        const b = useReal ? applyMutations(real, mr) : applyMutations(raw, mw);
        await p.check([p.write('layer.tar.zst', b)]);
      }), opts());
    } finally {
      p.close();
    }
  },

  /**
   * docker-archive: byte mutations of the whole archive (header checksums re-fixed half of the
   * time), or manifest.json replaced by arbitrary JSON; linted, or diffed against the original.
   */
  async docker(onRun) {
    const p = new Pipeline(onRun);
    const base = SEEDS.docker();
    const good = p.write('good.tar', base);
    try {
      await fc.assert(fc.asyncProperty(
        fc.oneof(
          fc.record({ muts: mutationsArb(base), fix: fc.boolean() }),
          fc.record({ manifest: fc.jsonValue({ maxDepth: 4 }) }),
        ),
        fc.boolean(),
        async (m, diff) => {
          const b = 'muts' in m ? (m.fix ? fixTarChecksums(applyMutations(base, m.muts)) : applyMutations(base, m.muts))
            : dockerArchive({ manifest: m.manifest });
          const path = p.write('img.tar', b);
          await p.check([path], diff ? good : undefined);
        },
      ), opts());
    } finally {
      p.close();
    }
  },

  /** A gzip-wrapped docker archive (the compressed-tar container path). */
  async dockerGz(onRun) {
    const p = new Pipeline(onRun);
    const base = SEEDS.dockerGz();
    try {
      await fc.assert(fc.asyncProperty(mutationsArb(base), async (muts) => {
        await p.check([p.write('img.tar.gz', applyMutations(base, muts))]);
      }), opts());
    } finally {
      p.close();
    }
  },

  /** oci-archive: byte mutations, or index.json / the image manifest replaced by arbitrary JSON. */
  async oci(onRun) {
    const p = new Pipeline(onRun);
    const base = SEEDS.oci();
    const good = p.write('good-oci.tar', base);
    try {
      await fc.assert(fc.asyncProperty(
        fc.oneof(
          fc.record({ muts: mutationsArb(base), fix: fc.boolean() }),
          fc.record({ index: fc.jsonValue({ maxDepth: 4 }) }),
          fc.record({ manifest: fc.jsonValue({ maxDepth: 4 }) }),
        ),
        fc.boolean(),
        async (m, diff) => {
          const b = 'muts' in m ? (m.fix ? fixTarChecksums(applyMutations(base, m.muts)) : applyMutations(base, m.muts))
            : 'index' in m ? ociArchive({ index: m.index }) : ociArchive({ manifest: m.manifest });
          await p.check([p.write('img.oci.tar', b)], diff ? good : undefined);
        },
      ), opts());
    } finally {
      p.close();
    }
  },
};
