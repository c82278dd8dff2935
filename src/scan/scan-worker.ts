// The scan thread (see lanes.ts): runs scanLayer on a byte range of a file and posts the scan
// back as plain data. Entry records stay in their columns (entry-columns.ts) for the trip, so
// 20,000 entries cost a few typed arrays to copy, not 20,000 objects to clone.
import { createReadStream } from 'node:fs';
import { parentPort } from 'node:worker_threads';
import type { Limits } from '../model/limits.js';
import type { ByteRange, LayerScan } from '../model/types.js';
import { isArchiveMemberName } from '../sources/archive-names.js';
import { pendingColumns, type EntryColumnsData } from './entry-columns.js';
import { scanLayer, scanLayerUnless, scanStats } from './scan-layer.js';

export interface ScanRequest {
  id: number;
  range: ByteRange;
  limits: Limits;
  entries: boolean;
  speculative: boolean;
}

/** A LayerScan without its entries (they travel as columns). */
export type PlainScan = Omit<LayerScan, 'entries'>;

export type ScanReply =
  | { id: number; read: number }
  | { id: number; scan: PlainScan | null; columns: EntryColumnsData | null; stats: typeof scanStats }
  | { id: number; failed: string };

/** Progress is posted every this many bytes read. */
const PROGRESS_STEP = 4 * 1024 * 1024;

const port = parentPort!;

port.on('message', (req: ScanRequest) => {
  void run(req).then((reply) => port.postMessage(reply), (e: unknown) => {
    port.postMessage({ id: req.id, failed: e instanceof Error ? e.message : String(e) } satisfies ScanReply);
  });
});

async function run(req: ScanRequest): Promise<ScanReply> {
  const before = { ...scanStats };
  const open = async (): Promise<AsyncIterable<Buffer>> => counted(req);
  const scan = req.speculative
    ? await scanLayerUnless(open, { limits: req.limits }, isArchiveMemberName)
    : await scanLayer(open, { limits: req.limits, entries: req.entries });
  const stats = { decompressions: scanStats.decompressions - before.decompressions, tarWalks: scanStats.tarWalks - before.tarWalks };
  if (scan === null) return { id: req.id, scan: null, columns: null, stats };
  const cols = pendingColumns(scan);
  // Every field but entries, in LayerScan's order (the getter would build all the records).
  const plain: PlainScan = {
    storedDigest: scan.storedDigest,
    storedSize: scan.storedSize,
    compression: scan.compression,
    gzip: scan.gzip,
    zstdFrames: scan.zstdFrames,
    diffId: scan.diffId,
    tarSize: scan.tarSize,
    trailingBytes: scan.trailingBytes,
    missingEndMarker: scan.missingEndMarker,
    notes: scan.notes,
  };
  return { id: req.id, scan: plain, columns: cols ? cols.toData() : null, stats };
}

async function* counted(req: ScanRequest): AsyncIterable<Buffer> {
  const { path, start, length } = req.range;
  if (length === 0) return;
  const src = createReadStream(path, {
    start,
    ...(length !== null ? { end: start + length - 1 } : {}),
    highWaterMark: 256 * 1024,
  });
  let unreported = 0;
  try {
    for await (const chunk of src as AsyncIterable<Buffer>) {
      unreported += chunk.length;
      if (unreported >= PROGRESS_STEP) {
        port.postMessage({ id: req.id, read: unreported } satisfies ScanReply);
        unreported = 0;
      }
      yield chunk;
    }
  } finally {
    src.destroy();
    if (unreported > 0) port.postMessage({ id: req.id, read: unreported } satisfies ScanReply);
  }
}
