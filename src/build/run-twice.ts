// `repcheck build`: run the command twice in fresh temp dirs — build A with every variation at
// its base value, build B with every applicable variation varied — and compare the artifacts.
// When they differ: a control build (no variation) tells intrinsic nondeterminism apart, then
// delta debugging over the variations names the culprits, one independent cause at a time.
// Every build after A is compared with A, so each set of variations the search tries costs one
// build, and a set is never built twice.
import { mkdirSync, realpathSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import type { Note } from '../model/types.js';
import { BuildAborted, BuildError } from './build-error.js';
import { buildOnce, emptySetup, type BuildContext, type Built } from './build-once.js';
import type { CompareResult } from './compare-artifacts.js';
import type { BuildDetails, BuildTwiceOptions, BuildTwiceResult } from './types.js';
import { BudgetExhausted, findCauses, memoize } from './ddmin.js';
import { probeHost } from './host.js';
import { unmountSync } from './sandbox.js';
import { beyond, differenceSignatures, summarizeSignatures } from './signatures.js';
import { TempRoot } from './temp-root.js';
import { VARIATIONS, type Availability, type CheckContext, type HostFacts, type VariationId } from './variations/index.js';

export type { BuildDetails, BuildProgress, BuildTwiceOptions, BuildTwiceResult, CauseEffect } from './types.js';

const PROXY = /^(https?|ftp|no|all)_proxy$/i;

export async function buildTwice(opts: BuildTwiceOptions): Promise<BuildTwiceResult> {
  if (opts.command.length === 0) throw new BuildError('no build command');
  const sysEnv = { PATH: opts.path };
  const root = TempRoot.create(opts.tmpDir, (mp) => unmountSync(mp, sysEnv));
  const builds: Built[] = [];
  try {
    return await run(opts, root, builds);
  } catch (err) {
    if (opts.keep && (err instanceof BuildError || err instanceof BuildAborted)) err.kept = root.path;
    throw err;
  } finally {
    if (opts.keep) root.keep();
    else root.removeSync();
  }
}

async function run(opts: BuildTwiceOptions, root: TempRoot, builds: Built[]): Promise<BuildTwiceResult> {
  const progress = opts.onProgress ?? (() => undefined);
  const probeDir = join(root.path, 'probe');
  mkdirSync(probeDir);
  const host: HostFacts = { ...(await probeHost(probeDir, { PATH: opts.path })), ...opts.host };
  root.removeBelowSync(probeDir);
  if (opts.signal?.aborted) throw new BuildAborted(String(opts.signal.reason ?? 'SIGINT'));

  // Which variations apply here.
  const pinned = new Set(Object.keys(opts.env));
  const ctx: CheckContext = { host, pinned };
  const chosen = new Set<VariationId>(opts.vary ?? VARIATIONS.map((v) => v.id));
  for (const id of opts.noVary ?? []) chosen.delete(id);
  const availability = new Map<VariationId, Availability>();
  // Not chosen, yet kept the same in both builds by applying its base value (the clock).
  const held: typeof VARIATIONS[number][] = [];
  for (const v of VARIATIONS) {
    if (chosen.has(v.id)) {
      availability.set(v.id, v.check(ctx));
      continue;
    }
    const why = opts.noVary?.includes(v.id) ? 'not chosen (--no-vary)' : 'not chosen (not in --vary)';
    const holding = v.hold?.(ctx) ?? null;
    if (holding) held.push(v);
    availability.set(v.id, { applied: false, reason: holding ? `${why}; ${holding}` : why });
  }
  const applied = VARIATIONS.filter((v) => availability.get(v.id)!.applied);
  const searchable = applied.filter((v) => {
    const a = availability.get(v.id)!;
    return a.applied && !a.uncontrolled;
  }).map((v) => v.id);

  const notes: Note[] = [];
  for (const v of applied) {
    const av = availability.get(v.id)!;
    if (av.applied && av.note && !av.noteIfIntrinsic) notes.push({ code: `build-${v.id}`, message: av.note });
  }
  const proxies = (opts.hostEnvNames ?? []).filter((n) => PROXY.test(n) && !pinned.has(n)).sort();
  if (proxies.length) {
    notes.push({
      code: 'build-proxy-not-passed',
      message: `${proxies.join(', ')} ${proxies.length === 1 ? 'is' : 'are'} set here but not passed to the builds (pass with --env NAME)`,
    });
  }
  if (applied.length === 0) {
    notes.push({ code: 'build-nothing-varied', message: 'no variation was applied: the two builds can differ only where the build itself is nondeterministic' });
  }

  // Real path for copying (so the temp root is recognised if it lies inside the source), the
  // name as given for the build dir (builds may name things after their directory).
  const srcGiven = resolve(opts.src);
  const bctx: Omit<BuildContext, 'notBefore'> = {
    root: root.path,
    src: realpathSync(srcGiven),
    srcName: basename(srcGiven) || 'src',
    command: opts.command,
    ...(opts.artifact !== undefined ? { artifact: opts.artifact } : {}),
    path: opts.path,
    userEnv: opts.env,
    ...(opts.timeoutMs !== undefined ? { timeoutMs: opts.timeoutMs } : {}),
    ...(opts.signal ? { signal: opts.signal } : {}),
    keep: opts.keep,
    exclude: new Set([root.path]),
  };

  let lastEnd = 0;
  const build = async (set: readonly VariationId[], label: string, tag: string): Promise<Built> => {
    const setup = emptySetup();
    for (const v of applied) v.apply(setup, set.includes(v.id), ctx);
    for (const v of held) v.apply(setup, false, ctx);
    const n = builds.length + 1;
    progress({ type: 'build-start', n, label, max: opts.maxBuilds });
    try {
      const b = await buildOnce({ ...bctx, notBefore: lastEnd }, setup, n, label, tag);
      builds.push(b);
      progress({ type: 'build-end', n, label, ms: b.ms });
      return b;
    } finally {
      lastEnd = Date.now();
    }
  };
  /** Done with a build B: its artifact is compared; without --keep its tree goes now (disk). */
  const release = (b: Built): void => {
    if (!opts.keep) root.removeBelowSync(b.dir);
  };

  const a = await build([], 'A', 'a');
  const b = await build(searchable, 'B', 'b-all');
  const first = await opts.compare(a.artifact, b.artifact, ['build A', 'build B'], { first: true });
  checkAbort(opts.signal);
  release(b);

  const summary: BuildDetails = {
    command: [...opts.command],
    variations: VARIATIONS.map((v) => {
      const av = availability.get(v.id)!;
      return av.applied ? { id: v.id, applied: true, detail: av.detail } : { id: v.id, applied: false, reason: av.reason };
    }),
    culprits: [],
    causes: [],
    intrinsic: null,
    builds: 0,
    effects: [],
    control: null,
  };
  const finish = (): BuildTwiceResult => {
    summary.builds = builds.length;
    summary.culprits = VARIATIONS.map((v) => v.id).filter((id) => summary.causes.some((c) => c.includes(id)));
    return {
      summary,
      first,
      notes,
      kept: opts.keep ? { root: root.path, builds: builds.map((x) => ({ label: x.label, dir: x.dir })) } : null,
    };
  };

  if (!first.differs) return finish();
  if (!opts.search) {
    summary.searchStopped = 'search skipped (--no-search): no control build, no culprits';
    return finish();
  }
  if (opts.maxBuilds <= 2) {
    summary.searchStopped = `--max-builds ${opts.maxBuilds}: no control build, no search`;
    return finish();
  }

  // The control: B's setup with nothing varied, i.e. A's again.
  progress({ type: 'phase', text: 'control build (nothing varied)' });
  let control: CompareResult;
  if (searchable.length === 0) control = first;
  else {
    const c = await build([], 'control', 'control');
    control = await opts.compare(a.artifact, c.artifact, ['build A', 'build A again']);
    release(c);
    checkAbort(opts.signal);
  }
  summary.intrinsic = control.differs;
  if (control.differs) {
    for (const v of applied) {
      const av = availability.get(v.id)!;
      if (av.applied && av.note && av.noteIfIntrinsic) notes.push({ code: `build-${v.id}`, message: av.note });
    }
  }
  let noise: ReadonlySet<string> = new Set();
  if (control.differs) {
    if (!control.report || !first.report) {
      summary.searchStopped = 'the control pair differs and the comparison gives no details to tell intrinsic differences apart';
      return finish();
    }
    noise = differenceSignatures(control.report);
    summary.control = summarizeSignatures([...noise]);
    if (beyond(first.report, noise).length === 0 || searchable.length === 0) return finish();
  }

  // The oracle: does varying exactly `set` make B differ from A beyond the control's differences?
  const results = new Map<string, CompareResult>();
  const key = (set: readonly VariationId[]): string => searchable.filter((id) => set.includes(id)).join('+');
  results.set(key(searchable), first);
  results.set('', control);
  const differs = (r: CompareResult): boolean => r.differs && (!control.differs || !r.report || beyond(r.report, noise).length > 0);
  const test = memoize<VariationId>(async (set) => {
    const k = key(set);
    const known = results.get(k);
    if (known) return differs(known);
    if (builds.length >= opts.maxBuilds) throw new BudgetExhausted();
    const x = await build(set, `B[${set.join(',')}]`, `b-${k}`);
    const r = await opts.compare(a.artifact, x.artifact, ['build A', 'build B']);
    release(x);
    checkAbort(opts.signal);
    results.set(k, r);
    return differs(r);
  }, searchable);

  progress({ type: 'phase', text: `searching ${searchable.length} variations for the culprits` });
  const found = await findCauses(searchable, test);
  summary.causes = found.causes.map((c) => [...c]);
  if (found.stopped) {
    summary.searchStopped =
      `--max-builds ${opts.maxBuilds} reached` +
      (found.lastPartial ? ': the last cause is not minimal yet' : '') +
      '; further causes were not sought';
  }
  summary.effects = found.causes.map((cause, i) => {
    const r = results.get(key(cause));
    const sigs = r?.report ? (control.differs ? beyond(r.report, noise) : [...differenceSignatures(r.report)].sort()) : [];
    const s = summarizeSignatures(sigs);
    return {
      variations: [...cause],
      kinds: s.kinds,
      paths: s.paths,
      hints: cause.map((id) => VARIATIONS.find((v) => v.id === id)!.hint),
      minimal: !(found.lastPartial && i === found.causes.length - 1),
    };
  });
  return finish();
}

/** A comparison is not interruptible; a signal that arrived during one is honoured right after. */
function checkAbort(signal?: AbortSignal): void {
  if (signal?.aborted) throw new BuildAborted(String(signal.reason ?? 'SIGINT'));
}
