// Branch votes: open, cast, close (by deadline or moderator), extend, cancel, and re-arming after a restart.
import type { NarrationOptions } from '../llm/narrator.ts';
import type { EngineCore } from './engine.ts';
import { UserError } from './errors.ts';
import { roomIdOf } from './room-id.ts';
import type { LoadedRoom } from './room-registry.ts';
import { authorOf, requireModerator, requireStory, requireUnlocked, requireWriter } from './rules.ts';
import type { Actor, Author, RoomRef, Vote } from './types.ts';
import { checkDuration, checkOptions, decideResult, optionLetter, VOTE_MAX_MS } from './votes.ts';

export interface OpenVoteInput {
  options?: string[] | undefined;
  durationMs?: number | undefined;
  quorum?: number | undefined;
}

const SYSTEM: Author = { kind: 'system' };

function requireOpenVote(room: LoadedRoom, voteId?: string): Vote {
  const id = voteId ?? room.state.openVoteId;
  // The id may come from a person (a button or `vote:`), so only the room's own votes count.
  const vote = id !== undefined && Object.hasOwn(room.state.votes, id) ? room.state.votes[id] : undefined;
  if (!vote) {
    throw new UserError(
      'vote.none',
      voteId ? 'That vote no longer exists.' : 'There is no open vote here. Start one with /vote open.',
    );
  }
  if (vote.status !== 'open') {
    throw new UserError('vote.closed', 'That vote has already closed, so the ballot was not counted.');
  }
  return vote;
}

export interface BallotReceipt {
  voteId: string;
  options: string[];
  /** 0-based index of the option voted for. */
  option: number;
  /** The person's earlier choice in this vote, if they had voted already. */
  previous: number | undefined;
}

interface PendingBallot {
  actor: Actor;
  input: { option: number; voteId?: string | undefined };
  resolve(receipt: BallotReceipt): void;
  reject(error: unknown): void;
}

export function createVoteOperations(core: EngineCore) {
  const { registry, clock, store, logger } = core;
  /** Ballots waiting for their room's turn, by room id. */
  const ballots = new Map<string, PendingBallot[]>();

  async function finish(room: LoadedRoom, vote: Vote, actor: Author, pick?: number) {
    const result =
      pick === undefined
        ? decideResult(vote, actor.kind === 'system' ? 'deadline' : 'closed-early')
        : { ...decideResult(vote, 'closed-early'), winner: pick, reason: 'moderator' as const };
    const events = await registry.commit(room, actor, [{ type: 'vote.closed', voteId: vote.id, result }]);
    disarm(room);
    await store.setOpenVote(room.state.id, null);
    core.notify(room.state, events);
    return structuredClone(vote);
  }

  function disarm(room: LoadedRoom) {
    if (room.voteTimer !== undefined) clock.clearTimeout(room.voteTimer);
    room.voteTimer = undefined;
  }

  function arm(ref: RoomRef, room: LoadedRoom, vote: Vote) {
    disarm(room);
    const delay = Math.max(0, Date.parse(vote.deadline) - clock.now());
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
      await finish(room, vote, SYSTEM);
    });
  }

  async function recordBallots(room: LoadedRoom, batch: readonly PendingBallot[]) {
    const accepted: { pending: PendingBallot; receipt: BallotReceipt }[] = [];
    const latest = new Map<string, number>();
    for (const pending of batch) {
      try {
        const { actor, input } = pending;
        const vote = requireOpenVote(room, input.voteId);
        requireUnlocked(room.state);
        if (Date.parse(vote.deadline) <= clock.now()) {
          await finish(room, vote, SYSTEM);
          throw new UserError('vote.closed', 'Voting has just closed, so that ballot was not counted.');
        }
        const index = input.option - 1;
        if (!Number.isInteger(index) || index < 0 || index >= vote.options.length) {
          throw new UserError(
            'vote.option',
            `Pick an option from 1 to ${vote.options.length} (or ${optionLetter(0)} to ${optionLetter(vote.options.length - 1)}).`,
          );
        }
        const key = `${vote.id}:${actor.id}`;
        const previous = latest.has(key) ? latest.get(key) : vote.ballots[actor.id];
        latest.set(key, index);
        // Not the whole vote: copying every ballot for every ballot would make a busy vote quadratic.
        accepted.push({
          pending,
          receipt: { voteId: vote.id, options: [...vote.options], option: index, previous },
        });
      } catch (error) {
        pending.reject(error);
      }
    }
    if (accepted.length === 0) return;
    try {
      const events = await registry.commitEach(
        room,
        accepted.map(({ pending, receipt }) => ({
          actor: authorOf(pending.actor),
          body: { type: 'vote.cast' as const, voteId: receipt.voteId, option: receipt.option },
        })),
      );
      core.notify(room.state, events);
    } catch (error) {
      for (const { pending } of accepted) pending.reject(error);
      return;
    }
    for (const { pending, receipt } of accepted) pending.resolve(receipt);
  }

  /** Opens a vote inside an already running room call (used by auto-vote after a beat too). */
  async function openIn(
    ref: RoomRef,
    room: LoadedRoom,
    actor: Actor,
    options: string[],
    input: OpenVoteInput,
  ) {
    if (room.state.openVoteId) {
      throw new UserError(
        'vote.open',
        'A vote is already open here. Close or cancel it before starting another.',
      );
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
    arm(ref, room, vote);
    core.notify(room.state, events);
    return structuredClone(vote);
  }

  return {
    openVoteIn: openIn,

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
          throw new UserError(
            'vote.open',
            'A vote is already open here. Close or cancel it before starting another.',
          );
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
        options = proposal.output.slice(0, 4).map((option) => option.slice(0, 100));
        await registry.run(ref, (room) =>
          registry.commit(room, authorOf(actor), [
            { type: 'usage.recorded', purpose: 'vote options', usage: proposal.usage },
          ]),
        );
      }
      const chosen = options;
      return registry.run(ref, (room) => {
        check(room);
        return openIn(ref, room, actor, chosen, input);
      });
    },

    /**
     * Records one person's ballot (1-based option); voting again changes it. Ballots that arrive while the
     * room is busy are stored together in one append (group commit), and each is acknowledged once stored.
     */
    castVote(ref: RoomRef, actor: Actor, input: { option: number; voteId?: string | undefined }) {
      return new Promise<BallotReceipt>((resolve, reject) => {
        const id = roomIdOf(ref);
        let batch = ballots.get(id);
        if (!batch) {
          const fresh: PendingBallot[] = [];
          batch = fresh;
          ballots.set(id, fresh);
          registry
            .run(ref, (room) => {
              if (ballots.get(id) === fresh) ballots.delete(id);
              return recordBallots(room, fresh);
            })
            .catch((error: unknown) => {
              for (const pending of fresh) pending.reject(error);
            });
        }
        batch.push({ actor, input, resolve, reject });
      });
    },

    /** A moderator ends the vote now; `pick` (1-based) chooses the winner regardless of the count. */
    closeVote(ref: RoomRef, actor: Actor, input: { pick?: number | undefined }) {
      return registry.run(ref, async (room) => {
        requireModerator(actor, 'close votes');
        const vote = requireOpenVote(room);
        let pick: number | undefined;
        if (input.pick !== undefined) {
          pick = input.pick - 1;
          if (!Number.isInteger(pick) || pick < 0 || pick >= vote.options.length) {
            throw new UserError('vote.option', `Pick an option from 1 to ${vote.options.length}.`);
          }
        }
        return finish(room, vote, authorOf(actor), pick);
      });
    },

    extendVote(ref: RoomRef, actor: Actor, input: { byMs?: number | undefined }) {
      return registry.run(ref, async (room) => {
        requireModerator(actor, 'extend votes');
        const vote = requireOpenVote(room);
        const byMs = checkDuration(input.byMs ?? room.state.settings.voteDurationMs);
        const deadline = Date.parse(vote.deadline) + byMs;
        if (deadline - Date.parse(vote.openedAt) > VOTE_MAX_MS) {
          throw new UserError('vote.duration', 'A vote can run for at most 24 hours in all.');
        }
        const iso = new Date(deadline).toISOString();
        const events = await registry.commit(room, authorOf(actor), [
          { type: 'vote.extended', voteId: vote.id, deadline: iso },
        ]);
        await store.setOpenVote(room.state.id, iso);
        arm(ref, room, vote);
        core.notify(room.state, events);
        return structuredClone(vote);
      });
    },

    cancelVote(ref: RoomRef, actor: Actor) {
      return registry.run(ref, async (room) => {
        requireModerator(actor, 'cancel votes');
        const vote = requireOpenVote(room);
        const events = await registry.commit(room, authorOf(actor), [
          { type: 'vote.cancelled', voteId: vote.id },
        ]);
        disarm(room);
        await store.setOpenVote(room.state.id, null);
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
        if (!latest)
          throw new UserError('vote.none', 'No vote has been held here yet. Start one with /vote open.');
        return structuredClone(latest);
      });
    },

    /** Re-arms stored open votes of the rooms this process serves (all, unless `owns` says otherwise). */
    async rearm(owns: (ref: RoomRef) => boolean = () => true): Promise<void> {
      const index = await store.openVotes();
      for (const roomId of Object.keys(index)) {
        const ref = refFromRoomId(roomId);
        if (!ref || !owns(ref)) continue;
        await registry.run(ref, async (room) => {
          const id = room.state.openVoteId;
          const vote = id ? room.state.votes[id] : undefined;
          if (vote?.status !== 'open') {
            await store.setOpenVote(roomId, null);
            return;
          }
          if (Date.parse(vote.deadline) <= clock.now()) await finish(room, vote, SYSTEM);
          else arm(ref, room, vote);
        });
      }
    },
  };
}

export type VoteOperations = ReturnType<typeof createVoteOperations>;

function refFromRoomId(roomId: string): RoomRef | undefined {
  const [platform, workspaceId, ...channel] = roomId.split(':');
  if ((platform !== 'discord' && platform !== 'slack' && platform !== 'console') || !workspaceId)
    return undefined;
  return { platform, workspaceId, channelId: channel.join(':') };
}
