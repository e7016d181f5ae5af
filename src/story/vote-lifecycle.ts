// Branch votes from opening to the end: open (with the narrator's options or people's own), close by a
// moderator, extend, cancel, and the vote's status. Deadlines are in vote-timers.ts, ballots in
// ballot-batching.ts.
import { msg } from '../i18n/message.ts';
import type { EngineCore } from './engine-core.ts';
import type { OpenVoteInput } from './engine-types.ts';
import { UserError } from './errors.ts';
import { VOTE_MAX_MS, VOTE_OPTION_MAX } from './limits.ts';
import type { NarrationOptions } from './narrator.ts';
import type { LoadedRoom } from './room-registry.ts';
import { authorOf, requireModerator, requireStory, requireUnlocked, requireWriter } from './rules.ts';
import type { Actor, RoomRef, Vote } from './types.ts';
import type { VoteTimers } from './vote-timers.ts';
import { checkDuration, checkOptions, requireOpenVote } from './votes.ts';

/** Opens a vote inside an already running room call (used by auto-vote after a beat too). */
export async function openVoteIn(
  core: EngineCore,
  timers: VoteTimers,
  ref: RoomRef,
  room: LoadedRoom,
  actor: Actor,
  options: string[],
  input: OpenVoteInput,
) {
  const { registry, clock, store } = core;
  if (room.state.openVoteId) {
    throw new UserError('vote.open', msg('story.vote.already-open'));
  }
  const durationMs = checkDuration(input.durationMs ?? room.state.settings.voteDurationMs);
  const voteId = `v${room.state.seq + 1}`;
  const deadline = new Date(clock.now() + durationMs).toISOString();
  const checked = checkOptions(options);
  // The index first: a restart finds every stored open vote through it (and drops entries with none), so a
  // crash between the two writes can leave a stale entry but never a vote without a deadline.
  await store.setOpenVote(room.state.id, deadline);
  const events = await registry.commit(room, authorOf(actor), [
    { type: 'vote.opened', voteId, options: checked, deadline, quorum: input.quorum },
  ]);
  const vote = room.state.votes[voteId] as Vote;
  timers.arm(ref, room, vote);
  core.notify(room.state, events);
  return structuredClone(vote);
}

export function createVoteLifecycle(core: EngineCore, timers: VoteTimers) {
  const { registry, store } = core;

  return {
    /** Opens a vote; without options, the narrator proposes 2 to 4 from the story so far. */
    async openVote(
      ref: RoomRef,
      actor: Actor,
      input: OpenVoteInput,
      stream?: NarrationOptions,
    ): Promise<Vote> {
      const check = (room: LoadedRoom) => {
        requireStory(room.state);
        requireUnlocked(room.state);
        requireWriter(room.state, actor);
        if (room.state.openVoteId) {
          throw new UserError('vote.open', msg('story.vote.already-open'));
        }
        if (input.durationMs !== undefined) checkDuration(input.durationMs);
      };
      let options = input.options;
      if (options && options.length > 0) {
        checkOptions(options);
        await core.narrator.checkText?.(options);
      } else {
        const state = await registry.run(ref, (room) => {
          check(room);
          return room.state;
        });
        const proposal = await core.narrator.proposeOptions({ room: state, count: 3 }, stream);
        options = proposal.output.slice(0, 4).map((option) => option.slice(0, VOTE_OPTION_MAX));
        await registry.run(ref, (room) =>
          registry.commit(room, authorOf(actor), [
            { type: 'usage.recorded', purpose: 'vote options', usage: proposal.usage },
          ]),
        );
      }
      const chosen = options;
      return registry.run(ref, (room) => {
        check(room);
        return openVoteIn(core, timers, ref, room, actor, chosen, input);
      });
    },

    /** A moderator ends the vote now; `pick` (1-based) chooses the winner regardless of the count. */
    closeVote(ref: RoomRef, actor: Actor, input: { pick?: number | undefined }) {
      return registry.run(ref, async (room) => {
        requireModerator(actor, 'close-votes');
        const vote = requireOpenVote(room.state);
        let pick: number | undefined;
        if (input.pick !== undefined) {
          pick = input.pick - 1;
          if (!Number.isInteger(pick) || pick < 0 || pick >= vote.options.length) {
            throw new UserError('vote.option', msg('story.vote.pick-option', { count: vote.options.length }));
          }
        }
        return timers.finish(room, vote, authorOf(actor), pick);
      });
    },

    extendVote(ref: RoomRef, actor: Actor, input: { byMs?: number | undefined }) {
      return registry.run(ref, async (room) => {
        requireModerator(actor, 'extend-votes');
        const vote = requireOpenVote(room.state);
        const byMs = checkDuration(input.byMs ?? room.state.settings.voteDurationMs);
        const deadline = Date.parse(vote.deadline) + byMs;
        if (deadline - Date.parse(vote.openedAt) > VOTE_MAX_MS) {
          throw new UserError('vote.duration', msg('story.vote.too-long'));
        }
        const iso = new Date(deadline).toISOString();
        const events = await registry.commit(room, authorOf(actor), [
          { type: 'vote.extended', voteId: vote.id, deadline: iso },
        ]);
        await store.setOpenVote(room.state.id, iso);
        timers.arm(ref, room, vote);
        core.notify(room.state, events);
        return structuredClone(vote);
      });
    },

    cancelVote(ref: RoomRef, actor: Actor) {
      return registry.run(ref, async (room) => {
        requireModerator(actor, 'cancel-votes');
        const vote = requireOpenVote(room.state);
        const events = await registry.commit(room, authorOf(actor), [
          { type: 'vote.cancelled', voteId: vote.id },
        ]);
        timers.disarm(room);
        await store.clearOpenVote(room.state.id, vote.deadline);
        core.notify(room.state, events);
        return structuredClone(vote);
      });
    },

    /** The open vote, or else the most recent one. */
    voteStatus(ref: RoomRef) {
      return registry.run(ref, (room) => {
        requireStory(room.state);
        const open = room.state.openVoteId ? room.state.votes[room.state.openVoteId] : undefined;
        const latest = open ?? Object.values(room.state.votes).at(-1);
        if (!latest) throw new UserError('vote.none', msg('story.vote.never-held'));
        return structuredClone(latest);
      });
    },
  };
}
