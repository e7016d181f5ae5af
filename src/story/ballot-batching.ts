// Ballots: each is checked and acknowledged on its own, but ballots that arrive while the room is busy are
// stored together in one append (group commit), so a busy vote costs one write per batch, not per ballot.
import { msg } from '../i18n/message.ts';
import type { EngineCore } from './engine-core.ts';
import type { BallotInput, BallotReceipt } from './engine-types.ts';
import { UserError } from './errors.ts';
import { isAppendConflict } from './event-store.ts';
import { roomIdOf } from './room-id.ts';
import type { LoadedRoom } from './room-registry.ts';
import { authorOf, requireUnlocked } from './rules.ts';
import type { Actor, RoomRef } from './types.ts';
import { SYSTEM, type VoteTimers } from './vote-timers.ts';
import { optionLetter, requireOpenVote } from './votes.ts';

interface PendingBallot {
  actor: Actor;
  input: BallotInput;
  resolve(receipt: BallotReceipt): void;
  reject(error: unknown): void;
}

export function createBallotBatching(core: EngineCore, timers: VoteTimers) {
  const { registry, clock } = core;
  /** Ballots waiting for their room's turn, by room id. */
  const ballots = new Map<string, PendingBallot[]>();

  /**
   * Checks each ballot against the room, stores the valid ones in one append, and only then answers each: when
   * the append loses the race to another process, the registry runs this again on the reloaded room, and no
   * ballot may have been answered from the state that lost.
   */
  async function recordBallots(room: LoadedRoom, batch: readonly PendingBallot[]) {
    const accepted: { pending: PendingBallot; receipt: BallotReceipt }[] = [];
    const refused: { pending: PendingBallot; error: unknown }[] = [];
    const latest = new Map<string, number>();
    for (const pending of batch) {
      try {
        const { actor, input } = pending;
        const vote = requireOpenVote(room.state, input.voteId);
        requireUnlocked(room.state);
        if (Date.parse(vote.deadline) <= clock.now()) {
          await timers.finish(room, vote, SYSTEM);
          throw new UserError('vote.closed', msg('story.vote.just-closed'));
        }
        const index = input.option - 1;
        if (!Number.isInteger(index) || index < 0 || index >= vote.options.length) {
          throw new UserError(
            'vote.option',
            msg('story.vote.pick-option-or-letter', {
              count: vote.options.length,
              first: optionLetter(0),
              last: optionLetter(vote.options.length - 1),
            }),
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
        if (isAppendConflict(error)) throw error; // the vote's close lost the race: run the batch again
        refused.push({ pending, error });
      }
    }
    if (accepted.length > 0) {
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
        if (isAppendConflict(error)) throw error;
        for (const { pending } of accepted) pending.reject(error);
        accepted.length = 0;
      }
    }
    for (const { pending, error } of refused) pending.reject(error);
    for (const { pending, receipt } of accepted) pending.resolve(receipt);
  }

  return {
    /**
     * Records one person's ballot (1-based option); voting again changes it. Ballots that arrive while the
     * room is busy are stored together in one append (group commit), and each is acknowledged once stored.
     */
    castVote(ref: RoomRef, actor: Actor, input: BallotInput) {
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
  };
}
