// The messages between the export pool (export-pool.ts) and its worker (export-worker.ts). The room's events
// go over in slices, so the main thread copies a little at a time; the worker folds them into the state.
import type { StoryEvent } from '../story/events.ts';
import type { RoomHistory } from '../story/room-history.ts';
import type { RoomRef } from '../story/types.ts';
import type { ExportJob } from './render-export.ts';

export type ToWorker =
  | { type: 'events'; id: number; events: StoryEvent[] }
  | {
      type: 'run';
      id: number;
      roomId: string;
      ref: RoomRef;
      schemaVersion: number;
      job: ExportJob;
      /** The storyboard frames' bytes (the HTML transcript embeds them). */
      pictures?: RoomHistory['pictures'];
    };

export type FromWorker =
  | { id: number; ok: true; bytes: ArrayBuffer }
  | { id: number; ok: false; error: string };
