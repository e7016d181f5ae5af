// Beats the narrator writes: the next beat, a rewrite of the last one, a character's line, a new scene (or
// the heading a person gives it), each streamed and cancellable.
import { msg } from '../i18n/message.ts';
import { cancelRemoteBeat } from './beat-lease.ts';
import { commitAndNotify, type EngineCore } from './engine-core.ts';
import type { BeatOutcome, DirectionInput } from './engine-types.ts';
import { UserError } from './errors.ts';
import { createBeatGenerator } from './generate-beat.ts';
import { NAME_MAX, NARRATED_TEXT_MAX, SCENE_DESCRIPTION_MAX } from './limits.ts';
import type { Narration, NarrationOptions } from './narrator.ts';
import { beatId, sceneOpening } from './new-beat.ts';
import { normalizeLabel, normalizeProse } from './normalize-text.ts';
import type { LoadedRoom } from './room-registry.ts';
import {
  authorOf,
  cleanText,
  requireCanAddBeat,
  requireCharacter,
  requireModerator,
  requireNotGenerating,
  requireStory,
  requireUnlocked,
} from './rules.ts';
import type { Actor, Author, Beat, RoomRef, RoomState } from './types.ts';
import type { VoteTimers } from './vote-timers.ts';
import { writeScene } from './written-beats.ts';

const narratorAuthor = (narration: Narration<unknown>): Author => ({
  kind: 'narrator',
  model: narration.model,
});

/** What steers a narrator beat: the direction, and the vote whose winner it carries. */
interface Steer {
  direction?: string | undefined;
  voteId?: string | undefined;
}

/** The direction for the narrator: what the person asked, after the audience's winning option if any. */
function steerFor(room: RoomState, direction: string | undefined): Steer {
  const asked = direction === undefined ? undefined : cleanText(direction, 'direction');
  const pending = room.pendingDirection;
  if (!pending) return { direction: asked };
  return { direction: asked ? `${pending.text}. ${asked}` : pending.text, voteId: pending.voteId };
}

function narratedText(text: string): string {
  const cleaned = normalizeProse(text);
  if (cleaned.length === 0) {
    throw new UserError('narrator.empty', msg('story.narrator.empty'));
  }
  if (cleaned.length > NARRATED_TEXT_MAX) {
    throw new UserError('narrator.long', msg('story.narrator.too-long'));
  }
  return cleaned;
}

export function createNarratedBeats(core: EngineCore, timers: VoteTimers) {
  const { registry, clock, narrator } = core;
  const now = () => clock.now();
  const generate = createBeatGenerator(core, timers);

  function narratedBeat(
    room: LoadedRoom,
    narration: Narration<{
      kind: Beat['kind'];
      character?: string | undefined;
      parenthetical?: string | undefined;
      text: string;
    }>,
    parentId: string | null,
    steer: Steer,
  ): Beat {
    const draft = narration.output;
    const character =
      draft.kind === 'dialogue' ? normalizeLabel(draft.character ?? '').slice(0, NAME_MAX) : undefined;
    if (draft.kind === 'dialogue' && !character) {
      throw new UserError('narrator.malformed', msg('story.narrator.no-speaker'));
    }
    return {
      id: beatId(room),
      parentId,
      kind: draft.kind,
      character,
      parenthetical: normalizeLabel(draft.parenthetical ?? '') || undefined,
      text: narratedText(draft.text),
      author: narratorAuthor(narration),
      at: new Date(now()).toISOString(),
      direction: steer.direction,
      voteId: steer.voteId,
      usage: narration.usage,
    };
  }

  return {
    /** The narrator writes the next beat, steered by a direction and/or the last vote's winner. */
    continueStory(
      ref: RoomRef,
      actor: Actor,
      input: DirectionInput,
      stream?: NarrationOptions,
    ): Promise<BeatOutcome> {
      let steer: Steer = {};
      return generate(
        ref,
        actor,
        {
          prepare: (room) => {
            requireCanAddBeat(room.state, actor, now(), room.generation?.by);
            steer = steerFor(room.state, input.direction);
          },
          produce: (state, options) =>
            narrator.writeBeat({ room: state, direction: steer.direction }, options),
          toEvents: (room, narration) => [
            { type: 'beat.added', beat: narratedBeat(room, narration, room.state.headId, steer) },
          ],
        },
        stream,
      );
    },

    /** A moderator replaces the last beat: the new one becomes a sibling and the old one stays in the tree. */
    rewrite(
      ref: RoomRef,
      actor: Actor,
      input: DirectionInput,
      stream?: NarrationOptions,
    ): Promise<BeatOutcome> {
      let replaced: Beat | undefined;
      const asked = input.direction === undefined ? undefined : cleanText(input.direction, 'direction');
      // Without a new direction, the new take keeps the old one's (a vote's winner, say).
      let steer: Steer = { direction: asked };
      return generate(
        ref,
        actor,
        {
          prepare: (room) => {
            requireStory(room.state);
            requireModerator(actor, 'rewrite-beats');
            requireUnlocked(room.state);
            requireNotGenerating(room.generation?.by);
            replaced = room.state.headId ? room.state.beats[room.state.headId] : undefined;
            if (!replaced) throw new UserError('beat.none', msg('story.beat.nothing-to-rewrite'));
            if (replaced.kind === 'scene') {
              throw new UserError('beat.scene', msg('story.beat.rewrite-scene'));
            }
            if (asked === undefined) steer = { direction: replaced.direction, voteId: replaced.voteId };
          },
          produce: (state, options) => {
            const target = replaced as Beat;
            const room = { ...state, headId: target.parentId };
            if (target.kind === 'dialogue' && target.character) {
              return narrator
                .writeLine({ room, character: target.character, direction: steer.direction }, options)
                .then((n) => ({
                  ...n,
                  output: { kind: 'dialogue' as const, character: target.character, ...n.output },
                }));
            }
            return narrator.writeBeat({ room, direction: steer.direction }, options);
          },
          toEvents: (room, narration) => [
            {
              type: 'beat.added',
              beat: narratedBeat(room, narration, (replaced as Beat).parentId, steer),
            },
          ],
        },
        stream,
      );
    },

    /** The narrator writes one line for a character already in the room. */
    writeLine(
      ref: RoomRef,
      actor: Actor,
      input: DirectionInput & { character: string },
      stream?: NarrationOptions,
    ): Promise<BeatOutcome> {
      let steer: Steer = {};
      let name = '';
      return generate(
        ref,
        actor,
        {
          prepare: (room) => {
            requireCanAddBeat(room.state, actor, now(), room.generation?.by);
            name = requireCharacter(room.state, input.character).name;
            steer = steerFor(room.state, input.direction);
          },
          produce: (state, options) =>
            narrator.writeLine({ room: state, character: name, direction: steer.direction }, options),
          toEvents: (room, narration) => [
            {
              type: 'beat.added',
              beat: narratedBeat(
                room,
                { ...narration, output: { kind: 'dialogue', character: name, ...narration.output } },
                room.state.headId,
                steer,
              ),
            },
          ],
        },
        stream,
      );
    },

    /** Opens a new scene; without a heading the narrator proposes one. */
    async newScene(
      ref: RoomRef,
      actor: Actor,
      input: { heading?: string | undefined; description?: string | undefined },
      stream?: NarrationOptions,
    ): Promise<BeatOutcome> {
      if (input.heading !== undefined) {
        return writeScene(core, ref, actor, { heading: input.heading, description: input.description });
      }
      return generate(
        ref,
        actor,
        {
          prepare: (room) => requireCanAddBeat(room.state, actor, now(), room.generation?.by),
          produce: (state, options) => narrator.proposeScene({ room: state }, options),
          toEvents: (room, narration) =>
            sceneOpening(room, {
              heading: narration.output.heading,
              description: narration.output.description.slice(0, SCENE_DESCRIPTION_MAX),
              author: narratorAuthor(narration),
              at: new Date(now()).toISOString(),
            }),
        },
        stream,
      );
    },

    /** Stops the beat being written; the requester or a moderator may. Nothing of it enters the story. */
    cancelGeneration(ref: RoomRef, actor: Actor): Promise<Actor> {
      return registry.run(ref, async (room) => {
        const generation = room.generation;
        if (!generation) {
          // Perhaps another process is writing it.
          const by = await cancelRemoteBeat(core, room, actor);
          if (!by) throw new UserError('generation.none', msg('story.generation.none'));
          return { ...by, role: 'writer' as const };
        }
        if (generation.by.id !== actor.id) requireModerator(actor, 'cancel-others-beat');
        generation.controller.abort(new UserError('generation.cancelled', msg('story.generation.cancelled')));
        room.generation = undefined;
        // Stored for the audit log; nothing of the beat enters the story.
        await commitAndNotify(core, room, authorOf(actor), [
          { type: 'generation.cancelled', requestedBy: authorOf(generation.by) },
        ]);
        return generation.by;
      });
    },
  };
}
