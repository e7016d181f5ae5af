// Adding to the screenplay: narrator beats and lines (streamed, cancellable), people's own lines and
// actions, new scenes, rewrite and undo on the beat tree.

import type { EngineCore } from './engine.ts';
import { UserError } from './errors.ts';
import type { EventBody, StoryEvent } from './events.ts';
import { NAME_MAX, NARRATED_TEXT_MAX, PARENTHETICAL_MAX, SCENE_DESCRIPTION_MAX } from './limits.ts';
import type { Narration, NarrationOptions } from './narrator.ts';
import type { LoadedRoom } from './room-registry.ts';
import {
  authorOf,
  cleanHeading,
  cleanText,
  requireCanAddBeat,
  requireCharacter,
  requireModerator,
  requireNotGenerating,
  requireStory,
  requireUnlocked,
} from './rules.ts';
import type { Actor, Author, Beat, RoomRef, RoomState, Scene, Vote } from './types.ts';
import type { VoteOperations } from './vote-operations.ts';

export interface BeatOutcome {
  beat: Beat;
  scene?: Scene | undefined;
  /** The vote opened right after the beat when the room's auto-vote is on. */
  vote?: Vote | undefined;
  room: RoomState;
}

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
  const cleaned = text.replace(/\r\n?/g, '\n').trim();
  if (cleaned.length === 0) {
    throw new UserError(
      'narrator.empty',
      'The narrator returned nothing usable. The story is unchanged; try again.',
    );
  }
  if (cleaned.length > NARRATED_TEXT_MAX) {
    throw new UserError(
      'narrator.long',
      'The narrator wrote far too much. The story is unchanged; try again.',
    );
  }
  return cleaned;
}

export function createBeatOperations(core: EngineCore, votes: VoteOperations) {
  const { registry, clock, narrator, logger } = core;
  const now = () => clock.now();

  async function commitBeats(room: LoadedRoom, actor: Actor, bodies: EventBody[]) {
    const events = await registry.commit(room, authorOf(actor), bodies);
    core.notify(room.state, events);
    return events;
  }

  function outcome(room: LoadedRoom, events: readonly StoryEvent[]): BeatOutcome {
    const added = events.find((event) => event.type === 'beat.added');
    if (added?.type !== 'beat.added') throw new Error('no beat was added');
    return { beat: added.beat, scene: added.scene, room: room.state };
  }

  /**
   * Runs a narrator call outside the room's queue (votes and other rooms go on meanwhile) while the room is
   * marked as writing, so a second beat can't start from the same head. Nothing is stored unless it completes.
   */
  async function generate<T>(
    ref: RoomRef,
    actor: Actor,
    steps: {
      prepare(room: LoadedRoom): void;
      produce(state: RoomState, options: NarrationOptions): Promise<Narration<T>>;
      toEvents(room: LoadedRoom, narration: Narration<T>): EventBody[];
    },
    stream: NarrationOptions | undefined,
  ): Promise<BeatOutcome> {
    const controller = new AbortController();
    const signal = stream?.signal ? AbortSignal.any([controller.signal, stream.signal]) : controller.signal;
    const state = await registry.run(ref, (room) => {
      steps.prepare(room);
      room.generation = { by: actor, controller, startedAt: now() };
      return room.state;
    });
    const release = (room: LoadedRoom) => {
      if (room.generation?.controller === controller) room.generation = undefined;
    };
    try {
      const narration = await steps.produce(state, {
        signal,
        onText: stream?.onText,
        onRestart: stream?.onRestart,
      });
      if (signal.aborted) throw signal.reason;
      const result = await registry.run(ref, async (room) => {
        // A cancel may have reached the room's queue while the narrator's reply was on its way here.
        if (signal.aborted) throw signal.reason;
        release(room);
        requireUnlocked(room.state);
        return outcome(room, await commitBeats(room, actor, steps.toEvents(room, narration)));
      });
      return await autoVote(ref, actor, result);
    } catch (error) {
      if (signal.aborted) {
        throw new UserError(
          'generation.cancelled',
          'The beat was cancelled before it was finished. Nothing was added.',
        );
      }
      throw error;
    } finally {
      await registry.run(ref, release);
    }
  }

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
          : votes.openVoteIn(ref, room, actor, proposal.output.slice(0, 4), {});
      });
      return { ...result, vote };
    } catch (error) {
      // The beat is stored; a failed automatic vote must not turn it into an error for the writer.
      logger.warn({ err: error, roomId: result.room.id }, 'automatic vote after a beat failed');
      return result;
    }
  }

  const beatId = (room: LoadedRoom, offset = 1) => `b${room.state.seq + offset}`;

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
      draft.kind === 'dialogue' ? (draft.character ?? '').trim().slice(0, NAME_MAX) : undefined;
    if (draft.kind === 'dialogue' && !character) {
      throw new UserError(
        'narrator.malformed',
        'The narrator wrote a line without a speaker. The story is unchanged; try again.',
      );
    }
    return {
      id: beatId(room),
      parentId,
      kind: draft.kind,
      character,
      parenthetical: draft.parenthetical?.trim() || undefined,
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
      input: { direction?: string | undefined },
      stream?: NarrationOptions,
    ) {
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
      input: { direction?: string | undefined },
      stream?: NarrationOptions,
    ) {
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
            requireModerator(actor, 'rewrite beats');
            requireUnlocked(room.state);
            requireNotGenerating(room.generation?.by);
            replaced = room.state.headId ? room.state.beats[room.state.headId] : undefined;
            if (!replaced) throw new UserError('beat.none', 'There is no beat to rewrite yet.');
            if (replaced.kind === 'scene') {
              throw new UserError(
                'beat.scene',
                'The last beat is a scene heading. Use /scene undo, then /scene new.',
              );
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
      input: { character: string; direction?: string | undefined },
      stream?: NarrationOptions,
    ) {
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
    ) {
      const add = (room: LoadedRoom, heading: string, description: string, author: Author) => {
        const id = `s${room.state.seq + 1}`;
        const scene: Scene = { id, heading: cleanHeading(heading), description };
        const beat: Beat = {
          id: beatId(room),
          parentId: room.state.headId,
          kind: 'scene',
          text: scene.heading,
          sceneId: id,
          author,
          at: new Date(now()).toISOString(),
        };
        return [{ type: 'beat.added' as const, beat, scene }];
      };
      if (input.heading !== undefined) {
        const heading = input.heading;
        await narrator.checkText?.([heading, input.description]);
        const description =
          input.description === undefined ? '' : cleanText(input.description, 'scene description');
        return registry.run(ref, async (room) => {
          requireCanAddBeat(room.state, actor, now(), room.generation?.by);
          return outcome(
            room,
            await commitBeats(room, actor, add(room, heading, description, authorOf(actor))),
          );
        });
      }
      return generate(
        ref,
        actor,
        {
          prepare: (room) => requireCanAddBeat(room.state, actor, now(), room.generation?.by),
          produce: (state, options) => narrator.proposeScene({ room: state }, options),
          toEvents: (room, narration) =>
            add(
              room,
              narration.output.heading,
              narration.output.description.slice(0, SCENE_DESCRIPTION_MAX),
              narratorAuthor(narration),
            ),
        },
        stream,
      );
    },

    /** A person writes a character's line themselves. */
    async say(
      ref: RoomRef,
      actor: Actor,
      input: { character: string; text: string; parenthetical?: string | undefined },
    ) {
      await narrator.checkText?.([input.text, input.parenthetical]);
      return registry.run(ref, async (room) => {
        requireCanAddBeat(room.state, actor, now(), room.generation?.by);
        const character = requireCharacter(room.state, input.character);
        const beat: Beat = {
          id: beatId(room),
          parentId: room.state.headId,
          kind: 'dialogue',
          character: character.name,
          parenthetical:
            input.parenthetical === undefined
              ? undefined
              : cleanText(input.parenthetical, 'parenthetical', PARENTHETICAL_MAX),
          text: cleanText(input.text, 'line'),
          author: authorOf(actor),
          at: new Date(now()).toISOString(),
        };
        return outcome(room, await commitBeats(room, actor, [{ type: 'beat.added', beat }]));
      });
    },

    /** A person writes an action (or, with kind "transition", a transition such as CUT TO:). */
    async action(
      ref: RoomRef,
      actor: Actor,
      input: { text: string; kind?: 'action' | 'transition' | undefined },
    ) {
      await narrator.checkText?.([input.text]);
      return registry.run(ref, async (room) => {
        requireCanAddBeat(room.state, actor, now(), room.generation?.by);
        const beat: Beat = {
          id: beatId(room),
          parentId: room.state.headId,
          kind: input.kind ?? 'action',
          text: cleanText(input.text, input.kind === 'transition' ? 'transition' : 'action'),
          author: authorOf(actor),
          at: new Date(now()).toISOString(),
        };
        return outcome(room, await commitBeats(room, actor, [{ type: 'beat.added', beat }]));
      });
    },

    /** A moderator moves the head back one beat; the retracted beat stays in the tree. */
    undo(ref: RoomRef, actor: Actor) {
      return registry.run(ref, async (room) => {
        requireStory(room.state);
        requireModerator(actor, 'undo beats');
        requireUnlocked(room.state);
        requireNotGenerating(room.generation?.by);
        const head = room.state.headId ? room.state.beats[room.state.headId] : undefined;
        if (!head) throw new UserError('beat.none', 'There is nothing to undo yet.');
        await commitBeats(room, actor, [{ type: 'head.moved', headId: head.parentId, reason: 'undo' }]);
        const now = head.parentId ? room.state.beats[head.parentId] : undefined;
        return { undone: head, head: now, room: room.state };
      });
    },

    /** Stops the beat being written; the requester or a moderator may. Nothing of it enters the story. */
    cancelGeneration(ref: RoomRef, actor: Actor) {
      return registry.run(ref, (room) => {
        const generation = room.generation;
        if (!generation) throw new UserError('generation.none', 'Nothing is being written right now.');
        if (generation.by.id !== actor.id) requireModerator(actor, "cancel someone else's beat");
        generation.controller.abort(new UserError('generation.cancelled', 'cancelled'));
        room.generation = undefined;
        return generation.by;
      });
    },
  };
}
