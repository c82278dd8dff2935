// Where layer scans run: on this thread, or on one scan thread (a worker). Two lanes for two
// cores. zlib already inflates on libuv's pool, but the rest of a scan — the tar walk, the
// sha256 of the stored bytes, of the tar and of every file, the CRC-32 — is synchronous
// JavaScript or native code on the calling thread, and two inputs scanned "concurrently" on
// one thread take turns at it. A job whose stored bytes are a byte range of a file
// (Layer.range) can run on the scan thread; one that only open() can produce (a member of a
// compressed archive) runs here.
//
// This thread is preferred when it is free: a single scan (lint of one layer) never starts a
// worker. The worker starts at the first job it takes, and lives for the process, unref'd
// while idle so it never keeps the process alive.
//
// Whatever fails on the scan thread is run again here: errors then come from the same code
// path as ever (layer.open() and its wrapping), byte for byte the same messages.
import { Worker } from 'node:worker_threads';
import type { Limits } from '../model/limits.js';
import type { ByteRange, LayerScan } from '../model/types.js';
import { isArchiveMemberName } from '../sources/archive-names.js';
import { EntryColumns, lazyEntries } from './entry-columns.js';
import { scanLayer, scanLayerUnless, scanStats } from './scan-layer.js';
import type { ScanReply, ScanRequest } from './scan-worker.js';

export interface LaneJob {
  /** The stored bytes, on this thread. */
  open(): Promise<AsyncIterable<Buffer>>;
  /** The same bytes as a file range: the job may run on the scan thread. */
  range?: ByteRange | undefined;
  limits: Limits;
  /** Walk the entries (false: hash the stored bytes only). */
  entries: boolean;
  /** Give up (null) at the first image-archive member name (see sources/archive-names.ts). */
  speculative?: boolean;
  /** Bytes read on the scan thread (on this thread, open()'s own iterator sees them). */
  onRead?: ((bytes: number) => void) | undefined;
}

let threadsAllowed = true;

/** Counters for tests: scans started on each lane (a thread failure rerun counts here too). */
export const laneStats = { here: 0, thread: 0 };

/** 0: every scan runs on this thread (for measuring, or where workers are unwelcome). */
export function setScanThreads(n: 0 | 1): void {
  threadsAllowed = n === 1;
}

interface Waiting {
  job: LaneJob;
  resolve(scan: LayerScan | null): void;
  reject(e: unknown): void;
}

let mainFree = true;
let threadFree = true;
let thread: ScanThread | null = null;
let threadDead = false;
const queue: Waiting[] = [];

/**
 * Starts the scan thread now, when two scans are sure to come (a diff): its start-up (~50 ms
 * of module loading) then overlaps with this thread's own work instead of delaying a scan.
 */
export function prewarmScanThread(): void {
  if (threadsAllowed && !threadDead && thread === null) thread = new ScanThread();
}

/** Scans on whichever lane is free (this thread first); null only for a speculative job given up. */
export function scanOnLane(job: LaneJob): Promise<LayerScan | null> {
  return new Promise((resolve, reject) => {
    queue.push({ job, resolve, reject });
    pump();
  });
}

function pump(): void {
  for (let i = 0; i < queue.length; i++) {
    const w = queue[i]!;
    if (mainFree) {
      queue.splice(i--, 1);
      mainFree = false;
      runHere(w.job).then(w.resolve, w.reject).finally(() => { mainFree = true; pump(); });
    } else if (threadFree && w.job.range && threadsAllowed && !threadDead) {
      queue.splice(i--, 1);
      threadFree = false;
      runThere(w.job).then(w.resolve, w.reject).finally(() => { threadFree = true; pump(); });
    }
  }
}

function runHere(job: LaneJob): Promise<LayerScan | null> {
  laneStats.here++;
  return job.speculative
    ? scanLayerUnless(() => job.open(), { limits: job.limits }, isArchiveMemberName)
    : scanLayer(() => job.open(), { limits: job.limits, entries: job.entries });
}

async function runThere(job: LaneJob): Promise<LayerScan | null> {
  let reply: Extract<ScanReply, { scan: unknown }> | null = null;
  laneStats.thread++;
  try {
    thread ??= new ScanThread();
    reply = await thread.scan(job);
  } catch {
    reply = null;
  }
  // A failure there (bad input, a limit, a dead worker): the same scan here, for the same error.
  if (reply === null) return runHere(job);
  scanStats.decompressions += reply.stats.decompressions;
  scanStats.tarWalks += reply.stats.tarWalks;
  const scan = reply.scan;
  if (scan === null) return null;
  // Keep LayerScan's key order (entries sits after tarSize) for anything that serialises it.
  const ordered: LayerScan = {
    storedDigest: scan.storedDigest,
    storedSize: scan.storedSize,
    compression: scan.compression,
    gzip: scan.gzip,
    zstdFrames: scan.zstdFrames,
    diffId: scan.diffId,
    tarSize: scan.tarSize,
    entries: [],
    trailingBytes: scan.trailingBytes,
    missingEndMarker: scan.missingEndMarker,
    notes: scan.notes,
  };
  if (reply.columns) lazyEntries(ordered, EntryColumns.fromData(reply.columns));
  return ordered;
}

class ScanThread {
  private readonly worker: Worker;
  private nextId = 0;
  private readonly pending = new Map<number, { job: LaneJob; resolve(r: Extract<ScanReply, { scan: unknown }> | null): void; reject(e: unknown): void }>();

  constructor() {
    this.worker = new Worker(new URL('./scan-worker.js', import.meta.url));
    this.worker.on('message', (m: ScanReply) => this.onMessage(m));
    const die = (e: unknown) => {
      threadDead = true;
      for (const p of this.pending.values()) p.reject(e);
      this.pending.clear();
    };
    this.worker.on('error', die);
    this.worker.on('exit', (code) => die(new Error(`scan thread exited (${code})`)));
    // After the listeners: adding a 'message' listener refs the worker's port again.
    this.worker.unref();
  }

  scan(job: LaneJob): Promise<Extract<ScanReply, { scan: unknown }> | null> {
    if (threadDead) return Promise.reject(new Error('scan thread is gone'));
    const id = this.nextId++;
    const req: ScanRequest = { id, range: job.range!, limits: job.limits, entries: job.entries, speculative: job.speculative ?? false };
    return new Promise((resolve, reject) => {
      this.pending.set(id, { job, resolve, reject });
      this.worker.ref();
      this.worker.postMessage(req);
    });
  }

  private onMessage(m: ScanReply): void {
    const p = this.pending.get(m.id);
    if (!p) return;
    if ('read' in m) {
      p.job.onRead?.(m.read);
      return;
    }
    this.pending.delete(m.id);
    if (this.pending.size === 0) this.worker.unref();
    p.resolve('failed' in m ? null : m);
  }
}
