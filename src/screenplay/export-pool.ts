// Exports render in worker threads, so a 5,000-beat PDF or map never stalls the bot's event loop (issue 8).
// A small pool: workers start on the first job and are replaced when one fails or runs past its time; jobs
// beyond the workers wait in a bounded queue, and one more is refused as busy. An idle worker is unref'd
// (it never keeps the process alive); a working one is ref'd, so a piped terminal session ends only once
// its export is written.
import { availableParallelism } from 'node:os';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { Worker } from 'node:worker_threads';
import { msg } from '../i18n/message.ts';
import { UserError } from '../story/errors.ts';
import type { RoomHistory } from '../story/room-history.ts';
import type { FromWorker, ToWorker } from './export-protocol.ts';
import type { ExportJob } from './render-export.ts';

export interface ExportPoolOptions {
  /** Workers at most (default: 1 on a machine of two cores or fewer, else 2). */
  size?: number | undefined;
  /** Jobs that may wait for a worker; one more is refused as busy (default 4). */
  queueLimit?: number | undefined;
  /** A job running longer is stopped and its worker replaced (default 60 s). */
  timeoutMs?: number | undefined;
  /** Events per message to a worker: the main thread copies one slice per turn of its event loop. */
  sliceEvents?: number | undefined;
  /** Each worker's heap limit in MB (default 1,024): a room too big to render fails its export, not the bot. */
  maxHeapMb?: number | undefined;
}

export interface ExportPool {
  /** The job's file, rendered by a worker; refused with a UserError when busy or too slow. */
  run(
    history: RoomHistory,
    job: ExportJob,
    options?: { timeoutMs?: number | undefined },
  ): Promise<Uint8Array>;
  /** Stops the workers; jobs not finished fail. */
  close(): Promise<void>;
}

interface Task {
  id: number;
  history: RoomHistory;
  job: ExportJob;
  timeoutMs: number;
  resolve(bytes: Uint8Array): void;
  reject(error: unknown): void;
  timer?: NodeJS.Timeout;
}

interface Slot {
  worker: Worker;
  task: Task | undefined;
}

// Run from source (.ts, Node's type stripping, vitest) or built (dist/*.js).
const WORKER_URL = new URL(
  import.meta.url.endsWith('.ts') ? './export-worker.ts' : './export-worker.js',
  import.meta.url,
);

export function createExportPool(options: ExportPoolOptions = {}): ExportPool {
  const size = Math.max(1, options.size ?? (availableParallelism() > 2 ? 2 : 1));
  const queueLimit = options.queueLimit ?? 4;
  const timeoutMs = options.timeoutMs ?? 60_000;
  const sliceEvents = Math.max(1, options.sliceEvents ?? 500);
  const maxHeapMb = options.maxHeapMb ?? 1024;
  const slots: Slot[] = [];
  const waiting: Task[] = [];
  let nextId = 1;
  let closed = false;

  function spawn(): Slot {
    const worker = new Worker(WORKER_URL, { resourceLimits: { maxOldGenerationSizeMb: maxHeapMb } });
    worker.unref();
    const slot: Slot = { worker, task: undefined };
    worker.on('message', (answer: FromWorker) => finish(slot, answer));
    worker.on('error', (error) => retire(slot, error));
    worker.on('exit', (code) => retire(slot, new Error(`the export worker exited with code ${code}`)));
    slots.push(slot);
    return slot;
  }

  /** Takes a worker out of the pool (failed, too slow or closing) and fails its job. */
  function retire(slot: Slot, error: unknown) {
    const index = slots.indexOf(slot);
    if (index < 0) return;
    slots.splice(index, 1);
    const task = slot.task;
    slot.task = undefined;
    void slot.worker.terminate();
    if (task) {
      clearTimeout(task.timer);
      task.reject(error);
    }
    startWaiting();
  }

  function finish(slot: Slot, answer: FromWorker) {
    const task = slot.task;
    if (!task || answer.id !== task.id) return;
    clearTimeout(task.timer);
    slot.task = undefined;
    slot.worker.unref();
    if (answer.ok) task.resolve(new Uint8Array(answer.bytes));
    else task.reject(new Error(`the export worker failed: ${answer.error}`));
    startWaiting();
  }

  function freeSlot(): Slot | undefined {
    return slots.find((slot) => !slot.task) ?? (slots.length < size ? spawn() : undefined);
  }

  function startWaiting() {
    while (!closed && waiting.length > 0) {
      const slot = freeSlot();
      if (!slot) return;
      start(slot, waiting.shift() as Task);
    }
  }

  function start(slot: Slot, task: Task) {
    slot.task = task;
    slot.worker.ref();
    const seconds = task.timeoutMs / 1000;
    task.timer = setTimeout(
      () => retire(slot, new UserError('exports.timeout', msg('exports.timeout', { seconds }))),
      task.timeoutMs,
    );
    void send(slot, task);
  }

  /** The room's events a slice per turn (each copy is short), then the job. */
  async function send(slot: Slot, task: Task) {
    const { events, roomId, ref, schemaVersion, pictures } = task.history;
    const post = (message: ToWorker) => slot.worker.postMessage(message);
    for (let from = 0; from < events.length; from += sliceEvents) {
      if (slot.task !== task) return;
      post({ type: 'events', id: task.id, events: events.slice(from, from + sliceEvents) });
      await nextTurn();
    }
    if (slot.task !== task) return;
    // Only the HTML transcript shows the pictures; the other formats need not copy them.
    const withPictures = task.job.kind === 'html' ? { pictures } : {};
    post({ type: 'run', id: task.id, roomId, ref, schemaVersion, job: task.job, ...withPictures });
  }

  return {
    run(history, job, options = {}) {
      if (closed) return Promise.reject(new Error('the export pool is closed'));
      const slot = waiting.length === 0 ? freeSlot() : undefined;
      if (!slot && waiting.length >= queueLimit) {
        return Promise.reject(new UserError('exports.busy', msg('exports.busy')));
      }
      return new Promise<Uint8Array>((resolve, reject) => {
        const task: Task = {
          id: nextId++,
          history,
          job,
          timeoutMs: options.timeoutMs ?? timeoutMs,
          resolve,
          reject,
        };
        if (slot) start(slot, task);
        else waiting.push(task);
      });
    },
    async close() {
      closed = true;
      const stopped = new Error('the export pool is closed');
      for (const task of waiting.splice(0)) task.reject(stopped);
      const workers = slots.map((slot) => slot.worker);
      for (const slot of [...slots]) retire(slot, stopped);
      await Promise.all(workers.map((worker) => worker.terminate()));
    },
  };
}

// One pool per process: its workers are the process's, like its threads. Created on the first export,
// closed by main.ts on shutdown (closeSharedExportPool); tests give commands their own pool.
let shared: ExportPool | undefined;

export function sharedExportPool(): ExportPool {
  shared ??= createExportPool();
  return shared;
}

export async function closeSharedExportPool(): Promise<void> {
  const pool = shared;
  shared = undefined;
  await pool?.close();
}
