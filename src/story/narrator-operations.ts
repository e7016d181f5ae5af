// What the narrator does besides writing beats: pinned canon (/canon), the script review (/critique), character
// proposals (/character generate, accept, discard), token usage (/room usage), and the rolling summary that
// keeps long stories inside the model's context, written in the background after beats.
import type { Critique, Narration, NarrationOptions } from '../llm/narrator.ts';
import { summaryDue } from '../llm/prompt/memory-plan.ts';
import { type CharacterProposal, characterProposals } from './character-proposals.ts';
import type { EngineCore } from './engine.ts';
import { UserError } from './errors.ts';
import type { EventBody } from './events.ts';
import { roomIdOf } from './room-id.ts';
import { createRoomOperations } from './room-operations.ts';
import type { LoadedRoom } from './room-registry.ts';
import {
  authorOf,
  cleanLabel,
  cleanText,
  requireModerator,
  requireStory,
  requireUnlocked,
  requireWriter,
} from './rules.ts';
import { canonicalPath } from './tree.ts';
import type { Actor, Author, RoomRef, RoomState, TokenUsage } from './types.ts';

/** Canon is always in the prompt, so it is kept short. */
export const CANON_MAX = 30;
export const CANON_TEXT_MAX = 300;
/** Summaries folded in one go after a beat, at most (a long backlog continues after the next beat). */
const SUMMARY_ROUNDS = 5;

export interface RoomUsage {
  total: TokenUsage;
  /** Beats written by each model, with their tokens. */
  byModel: { model: string; beats: number; usage: TokenUsage }[];
  /** Summaries, critiques and character designs. */
  other: TokenUsage;
}

const unsupported = (what: string) =>
  new UserError(
    'narrator.unsupported',
    `This narrator cannot ${what}. Ask the operator to configure a model.`,
  );

export function createNarratorOperations(core: EngineCore) {
  const { registry, narrator, logger } = core;
  const rooms = createRoomOperations(core);
  // Proposals are kept beside the room's log until accepted or discarded (see character-proposals.ts).
  const proposals = characterProposals(core.store, (roomId) =>
    logger.warn({ roomId }, 'stored character proposals are not in the expected shape; starting afresh'),
  );
  const noProposal = (id: string) =>
    new UserError(
      'character.proposal',
      `There is no character proposal "${id}" here. Ask for a new one with /character generate.`,
    );
  const summarizing = new Set<string>();
  const stopping = new AbortController();

  async function commit(room: LoadedRoom, author: Author, bodies: EventBody[]) {
    const events = await registry.commit(room, author, bodies);
    core.notify(room.state, events);
  }

  function recordUsage(ref: RoomRef, author: Author, purpose: string, narration: Narration<unknown>) {
    const { usage } = narration;
    if (usage.promptTokens + usage.completionTokens === 0) return Promise.resolve();
    return registry.run(ref, (room) => commit(room, author, [{ type: 'usage.recorded', purpose, usage }]));
  }

  const readStory = (ref: RoomRef, check?: (state: RoomState) => void) =>
    registry.run(ref, (room) => {
      requireStory(room.state);
      check?.(room.state);
      return room.state;
    });

  return {
    /** A moderator pins a fact the narrator must never contradict. */
    async addCanon(ref: RoomRef, actor: Actor, input: { text: string }) {
      await core.narrator.checkText?.([input.text]);
      return registry.run(ref, async (room) => {
        requireStory(room.state);
        requireModerator(actor, 'pin canon facts');
        requireUnlocked(room.state);
        const text = cleanLabel(input.text, 'canon fact', CANON_TEXT_MAX);
        if (room.state.canon.length >= CANON_MAX) {
          throw new UserError(
            'canon.limit',
            `A story can pin at most ${CANON_MAX} facts. Remove one with /canon remove.`,
          );
        }
        if (room.state.canon.some((fact) => fact.text.toLowerCase() === text.toLowerCase())) {
          throw new UserError('canon.exists', 'That fact is already pinned.');
        }
        const id = `c${room.state.seq + 1}`;
        await commit(room, authorOf(actor), [{ type: 'canon.added', id, text }]);
        return { number: room.state.canon.length, text };
      });
    },

    /** Removes a pinned fact by its number in /canon list (1-based). */
    removeCanon(ref: RoomRef, actor: Actor, input: { number: number }) {
      return registry.run(ref, async (room) => {
        requireStory(room.state);
        requireModerator(actor, 'remove canon facts');
        const fact = room.state.canon[input.number - 1];
        if (!fact) {
          throw new UserError(
            'canon.missing',
            `There is no canon fact #${input.number}. /canon list shows them.`,
          );
        }
        await commit(room, authorOf(actor), [{ type: 'canon.removed', id: fact.id }]);
        return fact;
      });
    },

    async canon(ref: RoomRef) {
      return (await readStory(ref)).canon.map((fact, index) => ({ number: index + 1, text: fact.text }));
    },

    /** The narrator reviews the script so far; the result is for the person who asked. */
    async critique(ref: RoomRef, actor: Actor, stream?: NarrationOptions): Promise<Narration<Critique>> {
      const state = await readStory(ref, (room) => {
        if (room.headId === null) throw new UserError('critique.empty', 'There is nothing to review yet.');
      });
      if (!narrator.critique) throw unsupported('review the script');
      const result = await narrator.critique({ room: state }, stream);
      await recordUsage(ref, authorOf(actor), 'critique', result);
      return result;
    },

    /** The narrator proposes a character; nothing enters the room until someone accepts it. */
    async designCharacter(
      ref: RoomRef,
      actor: Actor,
      input: { hint?: string | undefined },
      stream?: NarrationOptions,
    ): Promise<CharacterProposal> {
      const hint = input.hint === undefined ? undefined : cleanText(input.hint, 'hint', 500);
      const state = await readStory(ref, (room) => {
        requireUnlocked(room);
        requireWriter(room, actor);
      });
      if (!narrator.designCharacter) throw unsupported('design characters');
      const result = await narrator.designCharacter({ room: state, hint }, stream);
      await recordUsage(ref, authorOf(actor), 'character', result);
      const by = { id: actor.id, name: actor.name, role: actor.role };
      return registry.run(ref, () =>
        proposals.add(state.id, { design: result.output, model: result.model, by }),
      );
    },

    async acceptCharacter(ref: RoomRef, actor: Actor, input: { id: string }) {
      const state = await readStory(ref);
      const proposal = await registry.run(ref, () => proposals.find(state.id, input.id));
      if (!proposal) throw noProposal(input.id);
      const { design } = proposal;
      const character = await rooms.addCharacter(ref, actor, {
        name: design.name,
        description: `${design.look} ${design.personality} ${design.backstory}`.slice(0, 1000),
        voice: `Sounds like: "${design.sampleLine}"`.slice(0, 200),
      });
      await registry.run(ref, () => proposals.remove(state.id, proposal.id));
      return character;
    },

    async discardCharacter(ref: RoomRef, actor: Actor, input: { id: string }) {
      const state = await readStory(ref);
      return registry.run(ref, async () => {
        const proposal = await proposals.find(state.id, input.id);
        if (!proposal) throw noProposal(input.id);
        if (proposal.by.id !== actor.id) requireModerator(actor, "discard someone else's character proposal");
        await proposals.remove(state.id, proposal.id);
        return proposal;
      });
    },

    /** Tokens the room has used: every beat ever written (rewritten ones too), and the narrator's other work. */
    async usage(ref: RoomRef, actor: Actor): Promise<RoomUsage> {
      requireModerator(actor, "see the narrator's token usage");
      const state = await readStory(ref);
      const byModel = new Map<string, { model: string; beats: number; usage: TokenUsage }>();
      const beatTotal = { promptTokens: 0, completionTokens: 0 };
      for (const beat of Object.values(state.beats)) {
        if (beat.author.kind !== 'narrator' || !beat.usage) continue;
        const entry = byModel.get(beat.author.model) ?? {
          model: beat.author.model,
          beats: 0,
          usage: { promptTokens: 0, completionTokens: 0 },
        };
        entry.beats += 1;
        entry.usage.promptTokens += beat.usage.promptTokens;
        entry.usage.completionTokens += beat.usage.completionTokens;
        byModel.set(entry.model, entry);
        beatTotal.promptTokens += beat.usage.promptTokens;
        beatTotal.completionTokens += beat.usage.completionTokens;
      }
      return {
        total: { ...state.usage },
        byModel: [...byModel.values()].sort((a, b) => b.beats - a.beats),
        other: {
          promptTokens: state.usage.promptTokens - beatTotal.promptTokens,
          completionTokens: state.usage.completionTokens - beatTotal.completionTokens,
        },
      };
    },

    /**
     * Folds older beats into the room's summary when the memory window has moved past them (see summaryDue).
     * Runs outside the room's queue and never throws: a failed summary is retried after the next beat, and the
     * prompt keeps the unsummarized beats verbatim meanwhile, within its budget.
     */
    async summarizeIfDue(ref: RoomRef): Promise<void> {
      const summarize = narrator.summarize?.bind(narrator);
      if (!summarize) return;
      const roomId = roomIdOf(ref);
      if (summarizing.has(roomId)) return;
      summarizing.add(roomId);
      try {
        for (let round = 0; round < SUMMARY_ROUNDS && !stopping.signal.aborted; round++) {
          const due = await registry.run(ref, (room) => {
            const plan = summaryDue(room.state);
            return plan && { plan, state: room.state };
          });
          if (!due) return;
          const { plan, state } = due;
          const result = await summarize(
            { room: state, previous: plan.previous, beats: plan.beats },
            { signal: stopping.signal },
          );
          const stored = await registry.run(ref, async (room) => {
            const covered = room.state.summary?.beatCount ?? 0;
            const onPath = canonicalPath(room.state)[plan.beatCount - 1]?.id === plan.throughBeatId;
            // Someone else's summary landed first, or an undo took the beats off the path: drop this one.
            if (covered !== plan.beatCount - plan.beats.length || !onPath) return false;
            const bodies: EventBody[] = [
              {
                type: 'summary.updated',
                text: result.output.text,
                throughBeatId: plan.throughBeatId,
                beatCount: plan.beatCount,
              },
            ];
            if (result.usage.promptTokens + result.usage.completionTokens > 0) {
              bodies.push({ type: 'usage.recorded', purpose: 'summary', usage: result.usage });
            }
            await commit(room, { kind: 'system' }, bodies);
            return true;
          });
          if (!stored) return;
        }
      } catch (error) {
        if (!stopping.signal.aborted)
          logger.warn({ err: error, roomId }, 'rolling summary failed; will retry after the next beat');
      } finally {
        summarizing.delete(roomId);
      }
    },

    /** Stops summaries in progress (engine shutdown). */
    stopNarration() {
      stopping.abort();
    },
  };
}

export type NarratorOperations = ReturnType<typeof createNarratorOperations>;
