// The export pool's worker thread: gathers a room's events, folds them with the engine's reducer and renders
// the export, so a PDF or a map of thousands of beats never holds up the bot's event loop.
import { parentPort } from 'node:worker_threads';
import type { StoryEvent } from '../story/events.ts';
import { replay } from '../story/room-history.ts';
import type { FromWorker, ToWorker } from './export-protocol.ts';
import { renderExport } from './render-export.ts';

const port = parentPort;
if (!port) throw new Error('export-worker.ts runs as a worker thread (see export-pool.ts)');

let gathering: { id: number; events: StoryEvent[] } | undefined;

async function run(message: Extract<ToWorker, { type: 'run' }>): Promise<FromWorker> {
  const events = gathering?.id === message.id ? gathering.events : [];
  gathering = undefined;
  const { roomId, ref, schemaVersion, pictures } = message;
  const history = { roomId, ref, schemaVersion, events, state: replay(roomId, ref, events), pictures };
  const bytes = await renderExport(history, message.job);
  // Only a buffer the bytes fill alone can be handed over without a copy.
  const own =
    bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength ? bytes : new Uint8Array(bytes);
  return { id: message.id, ok: true, bytes: own.buffer as ArrayBuffer };
}

port.on('message', (message: ToWorker) => {
  if (message.type === 'events') {
    if (gathering?.id !== message.id) gathering = { id: message.id, events: [] };
    for (const event of message.events) gathering.events.push(event);
    return;
  }
  run(message).then(
    (answer) => {
      try {
        port.postMessage(answer, answer.ok ? [answer.bytes] : []);
      } catch {
        // Memory a native library (resvg) or Node's buffer pool owns cannot be handed over: copied instead.
        port.postMessage(answer);
      }
    },
    (error: unknown) =>
      port.postMessage({
        id: message.id,
        ok: false,
        error: error instanceof Error ? (error.stack ?? error.message) : String(error),
      } satisfies FromWorker),
  );
});
