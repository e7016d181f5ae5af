// Runs calls that once looped forever in a worker thread, so a regression fails the test in seconds instead of
// freezing the test run: a synchronous infinite loop cannot be interrupted on the thread that runs it.
import { Worker } from 'node:worker_threads';

const SCRIPT = `
const { parentPort, workerData } = require('node:worker_threads');
import(workerData.url).then(
  (module) => {
    for (const args of workerData.calls) module[workerData.name](...args);
    parentPort.postMessage({ done: true });
  },
  (error) => parentPort.postMessage({ error: String(error && error.stack) }),
);
`;

/** Resolves when `name` from the module at `url` returned for every argument list; rejects after `timeoutMs`. */
export function returnsWithin(url: URL, name: string, calls: unknown[][], timeoutMs: number): Promise<void> {
  const worker = new Worker(SCRIPT, { eval: true, workerData: { url: url.href, name, calls } });
  return new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      void worker.terminate();
      reject(new Error(`${name} did not return within ${timeoutMs} ms`));
    }, timeoutMs);
    worker.on('message', (message: { done?: true; error?: string }) => {
      clearTimeout(timer);
      void worker.terminate();
      if (message.done) resolve();
      else reject(new Error(message.error));
    });
    worker.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
  });
}
