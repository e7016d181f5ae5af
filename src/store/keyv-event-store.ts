// EventStore on any keyv backend (SQLite, Redis, PostgreSQL, memory).
// Layout: room:<id>:e:<seq> holds one event, room:<id>:head the highest acknowledged seq (written after the
// events, so a half-written append is invisible and overwritten by the next one), room:<id>:snap a snapshot.
import type Keyv from 'keyv';
import type { StoryEvent } from '../story/events.ts';
import type { EventStore, StoredSnapshot } from './event-store.ts';

const OPEN_VOTES_KEY = 'open-votes';

const eventKey = (roomId: string, seq: number) => `room:${roomId}:e:${seq}`;
const headKey = (roomId: string) => `room:${roomId}:head`;
const snapshotKey = (roomId: string) => `room:${roomId}:snap`;

/** Reads at most this many keys in one getMany call. */
const READ_CHUNK = 500;

export function createKeyvEventStore(keyv: Keyv): EventStore {
  // Read-modify-write of the open-votes index is serialized within the process.
  let indexQueue: Promise<unknown> = Promise.resolve();

  return {
    async head(roomId) {
      const value = await keyv.get<number>(headKey(roomId));
      return typeof value === 'number' ? value : 0;
    },

    async append(roomId, events: readonly StoryEvent[]) {
      const last = events.at(-1);
      if (!last) return;
      await keyv.setMany(events.map((event) => ({ key: eventKey(roomId, event.seq), value: event })));
      await keyv.set(headKey(roomId), last.seq);
    },

    async read(roomId, fromSeq, toSeq) {
      const out: unknown[] = [];
      for (let start = fromSeq; start <= toSeq; start += READ_CHUNK) {
        const end = Math.min(toSeq, start + READ_CHUNK - 1);
        const keys: string[] = [];
        for (let seq = start; seq <= end; seq++) keys.push(eventKey(roomId, seq));
        const values = await keyv.getMany<unknown>(keys);
        for (const [index, value] of values.entries()) {
          if (value === undefined) throw new Error(`event ${start + index} of room ${roomId} is missing`);
          out.push(value);
        }
      }
      return out;
    },

    readSnapshot(roomId) {
      return keyv.get<unknown>(snapshotKey(roomId));
    },

    async writeSnapshot(roomId, snapshot: StoredSnapshot) {
      await keyv.set(snapshotKey(roomId), snapshot);
    },

    async openVotes() {
      return (await keyv.get<Record<string, string>>(OPEN_VOTES_KEY)) ?? {};
    },

    setOpenVote(roomId, deadline) {
      const next = indexQueue.then(async () => {
        const index = (await keyv.get<Record<string, string>>(OPEN_VOTES_KEY)) ?? {};
        if (deadline === null) delete index[roomId];
        else index[roomId] = deadline;
        await keyv.set(OPEN_VOTES_KEY, index);
      });
      indexQueue = next.catch(() => undefined);
      return next;
    },

    async close() {
      await keyv.disconnect();
    },
  };
}
