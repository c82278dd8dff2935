// A worker that hangs (a synchronous loop) after its first run: proves runner.ts's watchdog
// stops a hang the event loop cannot see. Outside a worker (`node --test` runs every file in a
// test folder) it does nothing.
import { isMainThread, parentPort } from 'node:worker_threads';

if (!isMainThread && parentPort) {
  parentPort.postMessage({ type: 'run', run: 0, file: 'hang.bin', input: Buffer.from('hang').toString('base64') });
  for (;;) {
    // spin
  }
}
