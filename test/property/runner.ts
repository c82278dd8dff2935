// Runs a property (properties.ts) in a worker thread under a watchdog: a run that takes longer
// than RUN_TIMEOUT_MS (a hang, even a synchronous one: the worker is terminated) or a process
// whose resident memory passes RSS_LIMIT_MB fails the test, naming the input and saving it for
// reproduction. The worker's V8 heap is capped too (maxOldGenerationSizeMb).
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';

export const RUN_TIMEOUT_MS = Number(process.env.REPCHECK_PROPERTY_RUN_TIMEOUT_MS ?? 20_000);
export const RSS_LIMIT_MB = 2048;
const HEAP_LIMIT_MB = 1024;

export interface PropertyOutcome {
  runs: number;
  /** The largest resident set size seen while it ran (MiB). */
  peakRssMb: number;
  ms: number;
}

export function runProperty(
  name: string,
  o: { worker?: URL; runTimeoutMs?: number } = {},
): Promise<PropertyOutcome> {
  const started = Date.now();
  const runTimeout = o.runTimeoutMs ?? RUN_TIMEOUT_MS;
  const worker = new Worker(o.worker ?? new URL('./worker.js', import.meta.url), {
    workerData: { name },
    resourceLimits: { maxOldGenerationSizeMb: HEAP_LIMIT_MB },
  });
  let last: { run: number; file: string; input: string; at: number } | null = null;
  let peak = 0;
  return new Promise<PropertyOutcome>((resolve, reject) => {
    const fail = (why: string): void => {
      clearInterval(watch);
      void worker.terminate();
      let saved = '';
      if (last) {
        const dir = mkdtempSync(join(tmpdir(), 'repcheck-prop-fail-'));
        const p = join(dir, last.file);
        writeFileSync(p, Buffer.from(last.input, 'base64'));
        saved = ` (run ${last.run}; its input is saved as ${p}: \`repcheck ${p}\` reproduces it)`;
      }
      reject(new Error(`property ${name}: ${why}${saved}`));
    };
    const watch = setInterval(() => {
      const rss = process.memoryUsage.rss() / 1024 / 1024;
      peak = Math.max(peak, rss);
      if (rss > RSS_LIMIT_MB) fail(`resident memory ${Math.round(rss)} MiB passed ${RSS_LIMIT_MB} MiB`);
      else if (last && Date.now() - last.at > runTimeout) fail(`a run took longer than ${runTimeout} ms (a hang)`);
    }, 50);
    worker.on('message', (m: { type: string; run?: number; runs?: number; file?: string; input?: string; message?: string }) => {
      if (m.type === 'run') last = { run: m.run!, file: m.file!, input: m.input!, at: Date.now() };
      else if (m.type === 'done') {
        clearInterval(watch);
        void worker.terminate();
        resolve({ runs: m.runs!, peakRssMb: Math.round(peak), ms: Date.now() - started });
      } else if (m.type === 'fail') {
        fail(`a run ended in neither a report nor a clean error:\n${m.message}`);
      }
    });
    worker.on('error', (err) => fail(`the worker died: ${err.message}`));
    worker.on('exit', (code) => {
      clearInterval(watch);
      if (code !== 0 && code !== 1) fail(`the worker exited with ${code}`);
    });
  });
}
