// Worker-thread side of runner.ts: runs one property and reports each run's input first, so the
// runner can name the input that hung or blew up memory. (Under `node --test dist/test/` every
// file in a test folder is run as a test file too: outside a worker this does nothing.)
import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import { PROPERTIES } from './properties.js';

if (!isMainThread && parentPort) {
  const port = parentPort;
  const { name } = workerData as { name: string };
  let run = 0;
  try {
    await PROPERTIES[name]!((file, input) => {
      port.postMessage({ type: 'run', run: run++, file, input: input.toString('base64') });
    });
    port.postMessage({ type: 'done', runs: run });
  } catch (err) {
    port.postMessage({ type: 'fail', runs: run, message: err instanceof Error ? `${err.message}\n${err.stack ?? ''}` : String(err) });
  }
}
