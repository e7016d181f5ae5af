// Vote deadlines: one timer per room with an open vote, closing the vote when it fires (or later, when the
// deadline was extended meanwhile), and re-arming the stored open votes after a restart.
// Several processes may keep time for one vote (each re-arms every stored open vote it serves, on start and
// then every few seconds, so a vote whose process died still closes): the close is an append like any other,
// so whichever timer fires first closes it, with every ballot stored before it, and the others find it closed.
import type { EngineCore } from './engine-core.ts';
import { parseRoomId } from './room-id.ts';
import type { LoadedRoom } from './room-registry.ts';
import type { Author, RoomRef, Vote } from './types.ts';
import { decideResult } from './votes.ts';

export const SYSTEM: Author = { kind: 'system' };

export interface VoteTimers {
  /**
   * Closes the vote with its result (by the count, or `pick` for a moderator) and forgets its deadline.
   * Call only inside registry.run().
   */
  finish(room: LoadedRoom, vote: Vote, actor: Author, pick?: number): Promise<Vote>;
  /** Sets the room's timer to the vote's deadline. */
  arm(ref: RoomRef, room: LoadedRoom, vote: Vote): void;
  disarm(room: LoadedRoom): void;
  /** Re-arms stored open votes of the rooms this process serves (all, unless `owns` says otherwise). */
  rearm(owns?: (ref: RoomRef) => boolean): Promise<void>;
  /** Re-arms now and then every `everyMs`, until stop(). */
  watch(owns: ((ref: RoomRef) => boolean) | undefined, everyMs: number): Promise<void>;
  stop(): void;
}

export function createVoteTimers(core: EngineCore): VoteTimers {
  const { registry, clock, store, logger } = core;

  async function finish(room: LoadedRoom, vote: Vote, actor: Author, pick?: number) {
    const result =
      pick === undefined
        ? decideResult(vote, actor.kind === 'system' ? 'deadline' : 'closed-early')
        : { ...decideResult(vote, 'closed-early'), winner: pick, reason: 'moderator' as const };
    const events = await registry.commit(room, actor, [{ type: 'vote.closed', voteId: vote.id, result }]);
    disarm(room);
    await store.clearOpenVote(room.state.id, vote.deadline);
    core.notify(room.state, events);
    return structuredClone(vote);
  }

  function disarm(room: LoadedRoom) {
    if (room.voteTimer !== undefined) clock.clearTimeout(room.voteTimer);
    room.voteTimer = undefined;
    room.voteTimerDeadline = undefined;
  }

  function arm(ref: RoomRef, room: LoadedRoom, vote: Vote) {
    disarm(room);
    const delay = Math.max(0, Date.parse(vote.deadline) - clock.now());
    room.voteTimerDeadline = vote.deadline;
    room.voteTimer = clock.setTimeout(() => {
      void closeIfDue(ref, vote.id).catch((error: unknown) => {
        logger.error(
          { err: error, roomId: room.state.id, voteId: vote.id },
          'closing a vote at its deadline failed',
        );
      });
    }, delay);
  }

  function closeIfDue(ref: RoomRef, voteId: string) {
    return registry.run(ref, async (room) => {
      const vote = room.state.votes[voteId];
      if (vote?.status !== 'open') return;
      if (Date.parse(vote.deadline) > clock.now()) {
        arm(ref, room, vote); // extended meanwhile
        return;
      }
      room.voteTimer = undefined;
      room.voteTimerDeadline = undefined;
      await finish(room, vote, SYSTEM);
    });
  }

  async function rearm(owns: (ref: RoomRef) => boolean = () => true): Promise<void> {
    const index = await store.openVotes();
    for (const [roomId, deadline] of Object.entries(index)) {
      const ref = parseRoomId(roomId);
      if (!ref || !owns(ref)) continue;
      // Already keeping time for this deadline: nothing to read.
      if (registry.cachedRoom(roomId)?.voteTimerDeadline === deadline) continue;
      await registry.run(ref, async (room) => {
        const id = room.state.openVoteId;
        const vote = id ? room.state.votes[id] : undefined;
        if (vote?.status !== 'open') {
          // Only if no process wrote the next vote's deadline since this one was read.
          await store.clearOpenVote(roomId, deadline);
          return;
        }
        if (Date.parse(vote.deadline) <= clock.now()) await finish(room, vote, SYSTEM);
        else if (room.voteTimerDeadline !== vote.deadline) arm(ref, room, vote);
      });
    }
  }

  let watching: unknown;
  let stopped = false;
  async function watch(owns: ((ref: RoomRef) => boolean) | undefined, everyMs: number) {
    stopped = false;
    const again = () => {
      if (stopped) return;
      watching = clock.setTimeout(() => {
        rearm(owns)
          .catch((error: unknown) => logger.warn({ err: error }, 're-arming open votes failed; trying again'))
          .finally(again);
      }, everyMs);
    };
    try {
      await rearm(owns);
    } finally {
      again();
    }
  }

  function stop() {
    stopped = true;
    if (watching !== undefined) clock.clearTimeout(watching);
    watching = undefined;
  }

  return { finish, arm, disarm, rearm, watch, stop };
}
