// How a narrated beat is produced: the narrator runs outside the room's queue (votes and other rooms go on
// meanwhile) while the room is marked as writing (in this process, and by a lease in the store for the
// others), the beat is stored only if the narrator completes, no one cancelled it and the lease still holds,
// and the room's automatic vote opens after it.
import { msg } from '../i18n/message.ts';
import { claimBeat, confirmBeat, keepBeat } from './beat-lease.ts';
import { commitAndNotify, type EngineCore } from './engine-core.ts';
import type { BeatOutcome } from './engine-types.ts';
import { isUserError, UserError } from './errors.ts';
import type { EventBody } from './events.ts';
import type { Narration, NarrationOptions } from './narrator.ts';
import { beatOutcome } from './new-beat.ts';
import type { LoadedRoom } from './room-registry.ts';
import { authorOf, requireUnlocked } from './rules.ts';
import type { Actor, RoomRef, RoomState } from './types.ts';
import { openVoteIn } from './vote-lifecycle.ts';
import type { VoteTimers } from './vote-timers.ts';

export interface GenerationSteps<T> {
  /** Checks and reads the room before the narrator is asked (inside the room's turn). */
  prepare(room: LoadedRoom): void;
  produce(state: RoomState, options: NarrationOptions): Promise<Narration<T>>;
  toEvents(room: LoadedRoom, narration: Narration<T>): EventBody[];
}

export function createBeatGenerator(core: EngineCore, timers: VoteTimers) {
  const { registry, clock, narrator, logger } = core;

  async function autoVote(ref: RoomRef, actor: Actor, result: BeatOutcome): Promise<BeatOutcome> {
    if (!result.room.settings.autoVote || result.room.openVoteId || result.room.locked) return result;
    try {
      const proposal = await narrator.proposeOptions({ room: result.room, count: 3 });
      const vote = await registry.run(ref, async (room) => {
        const { usage } = proposal;
        if (usage.promptTokens + usage.completionTokens > 0) {
          await registry.commit(room, authorOf(actor), [
            { type: 'usage.recorded', purpose: 'vote options', usage },
          ]);
        }
        return room.state.openVoteId
          ? undefined
          : openVoteIn(core, timers, ref, room, actor, proposal.output.slice(0, 4), {});
      });
      return { ...result, vote };
    } catch (error) {
      // The beat is stored; a failed automatic vote must not turn it into an error for the writer.
      logger.warn({ err: error, roomId: result.room.id }, 'automatic vote after a beat failed');
      return result;
    }
  }

  /**
   * Runs a narrator call outside the room's queue while the room is marked as writing, so a second beat can't
   * start from the same head. Nothing is stored unless it completes.
   */
  return async function generate<T>(
    ref: RoomRef,
    actor: Actor,
    steps: GenerationSteps<T>,
    stream: NarrationOptions | undefined,
  ): Promise<BeatOutcome> {
    const controller = new AbortController();
    const signal = stream?.signal ? AbortSignal.any([controller.signal, stream.signal]) : controller.signal;
    const holder = crypto.randomUUID();
    const state = await registry.run(ref, async (room) => {
      steps.prepare(room);
      await claimBeat(core, room, actor, holder);
      room.generation = { by: actor, controller, startedAt: clock.now(), holder };
      return room.state;
    });
    const roomId = state.id;
    const release = (room: LoadedRoom) => {
      if (room.generation?.controller === controller) room.generation = undefined;
    };
    const stopRenewing = keepBeat(core, roomId, holder, controller);
    let released = false;
    const letGo = async () => {
      stopRenewing();
      if (released) return;
      released = true;
      await core.store.releaseLease(roomId, holder).catch((error: unknown) => {
        // It runs out by itself.
        logger.warn({ err: error, roomId }, 'releasing the beat lease failed');
      });
    };
    try {
      const narration = await steps.produce(state, {
        signal,
        onText: stream?.onText,
        onRestart: stream?.onRestart,
      });
      if (signal.aborted) throw signal.reason;
      const result = await registry.run(ref, async (room) => {
        // A cancel may have reached the room's queue while the narrator's reply was on its way here, or another
        // process (after this one stalled past the lease).
        if (signal.aborted) throw signal.reason;
        await confirmBeat(core, roomId, holder, controller);
        release(room);
        requireUnlocked(room.state);
        return beatOutcome(
          room,
          await commitAndNotify(core, room, authorOf(actor), steps.toEvents(room, narration)),
        );
      });
      await letGo(); // before the automatic vote: the room is free for the next beat
      return await autoVote(ref, actor, result);
    } catch (error) {
      if (signal.aborted) {
        if (isUserError(signal.reason) && signal.reason.code === 'generation.interrupted')
          throw signal.reason;
        throw new UserError('generation.cancelled', msg('story.generation.cancelled'));
      }
      throw error;
    } finally {
      await registry.run(ref, release);
      await letGo();
    }
  };
}
