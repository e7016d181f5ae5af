// A room's whole history, for exports and the audit log: its events as stored (upgraded to this release's
// schema) and the state they fold into. Also the two audit entries exports leave (an export was made, a
// room was imported from a file), and the import itself: events from a file appended to an empty room.
import { msg } from '../i18n/message.ts';
import { commitAndNotify, type EngineCore } from './engine-core.ts';
import { UserError } from './errors.ts';
import { SCHEMA_VERSION, type StoryEvent } from './events.ts';
import { type PictureFile, readPictureFiles } from './picture-files.ts';
import { applyEvent, emptyRoom } from './reduce.ts';
import { authorOf, requireModerator, requireStory } from './rules.ts';
import type { Actor, RoomRef, RoomState } from './types.ts';
import { upgradeEvent } from './upgrade-event.ts';
import type { VoteTimers } from './vote-timers.ts';

export interface RoomHistory {
  roomId: string;
  ref: RoomRef;
  /** The schema version the events are in (this release's). */
  schemaVersion: number;
  /** Every event of the room, oldest first, seq 1 to state.seq. */
  events: StoryEvent[];
  /** The events folded, a copy nobody else changes. */
  state: RoomState;
  /** The storyboard frames whose bytes are still kept, by picture id (for the HTML transcript). */
  pictures?: Record<string, PictureFile> | undefined;
}

export type ExportScope = 'story' | 'all';

/** Folds events into a fresh state (the same reducer the engine uses). */
export function replay(roomId: string, ref: RoomRef, events: readonly StoryEvent[]): RoomState {
  const state = emptyRoom(roomId, ref);
  for (const event of events) applyEvent(state, event);
  return state;
}

export function createRoomHistory(core: EngineCore, timers: VoteTimers) {
  const { registry, store } = core;

  return {
    /**
     * The room's events and state as of now, read in the room's turn; with `pictures`, also the kept bytes
     * of its storyboard frames (megabytes: only the HTML transcript asks).
     */
    history(ref: RoomRef, options: { pictures?: boolean | undefined } = {}): Promise<RoomHistory> {
      return registry.run(ref, async (room) => {
        const { id, seq } = room.state;
        const raw = seq > 0 ? await store.read(id, 1, seq) : [];
        const events = raw.map(upgradeEvent);
        const state = replay(id, ref, events);
        const pictures =
          options.pictures && state.pictures ? await readPictureFiles(store, id, state.pictures) : undefined;
        return { roomId: id, ref, schemaVersion: SCHEMA_VERSION, events, state, pictures };
      });
    },

    /** Notes in the log that a moderator exported the room (after reading it, so a file never lists itself). */
    recordExport(ref: RoomRef, actor: Actor, input: { format: string; scope: ExportScope }): Promise<void> {
      return registry.run(ref, async (room) => {
        requireStory(room.state);
        requireModerator(actor, 'export-story');
        await commitAndNotify(core, room, authorOf(actor), [{ type: 'room.exported', ...input }]);
      });
    },

    /**
     * Recreates a room from another room's events (checked and renumbered by the caller, e.g. the JSON
     * import), keeping their authors and times, then notes the import. Only into a room without a story.
     */
    importRoom(
      ref: RoomRef,
      actor: Actor,
      input: { fromRoomId: string; events: readonly StoryEvent[] },
    ): Promise<RoomState> {
      return registry.run(ref, async (room) => {
        requireModerator(actor, 'import-story');
        if (room.state.story || room.state.seq > 0) {
          throw new UserError('import.exists', msg('story.import.exists'));
        }
        const events = input.events.map((event, index) => ({
          ...event,
          v: SCHEMA_VERSION,
          seq: room.state.seq + index + 1,
        }));
        // Stored as they are (their own times and authors), not through commit(), which stamps now.
        await store.append(room.state.id, events);
        for (const event of events) applyEvent(room.state, event);
        await commitAndNotify(core, room, authorOf(actor), [
          { type: 'room.imported', fromRoomId: input.fromRoomId, eventCount: events.length },
        ]);
        const open = room.state.openVoteId ? room.state.votes[room.state.openVoteId] : undefined;
        if (open) {
          await store.setOpenVote(room.state.id, open.deadline);
          timers.arm(ref, room, open);
        }
        return room.state;
      });
    },
  };
}
