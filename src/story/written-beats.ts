// Beats people write themselves: a character's line, an action or transition, a scene heading; and undo.
import { msg } from '../i18n/message.ts';
import { beatInProgress } from './beat-lease.ts';
import { commitAndNotify, type EngineCore } from './engine-core.ts';
import type { BeatOutcome, UndoOutcome } from './engine-types.ts';
import { UserError } from './errors.ts';
import { PARENTHETICAL_MAX } from './limits.ts';
import { beatId, beatOutcome, sceneOpening } from './new-beat.ts';
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
import type { Actor, Beat, RoomRef } from './types.ts';

/** A person opens a new scene under their own heading. */
export async function writeScene(
  core: EngineCore,
  ref: RoomRef,
  actor: Actor,
  input: { heading: string; description?: string | undefined },
): Promise<BeatOutcome> {
  const { registry, clock } = core;
  const heading = input.heading;
  await core.narrator.checkText?.([heading, input.description]);
  const description =
    input.description === undefined ? '' : cleanText(input.description, 'scene-description');
  return registry.run(ref, async (room) => {
    requireCanAddBeat(room.state, actor, clock.now(), await beatInProgress(core, room));
    const at = new Date(clock.now()).toISOString();
    const bodies = sceneOpening(room, { heading, description, author: authorOf(actor), at });
    return beatOutcome(room, await commitAndNotify(core, room, authorOf(actor), bodies));
  });
}

export function createWrittenBeats(core: EngineCore) {
  const { registry, clock, narrator } = core;
  const now = () => clock.now();

  return {
    /** A person writes a character's line themselves. */
    async say(
      ref: RoomRef,
      actor: Actor,
      input: { character: string; text: string; parenthetical?: string | undefined },
    ): Promise<BeatOutcome> {
      await narrator.checkText?.([input.text, input.parenthetical]);
      return registry.run(ref, async (room) => {
        requireCanAddBeat(room.state, actor, now(), await beatInProgress(core, room));
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
        return beatOutcome(
          room,
          await commitAndNotify(core, room, authorOf(actor), [{ type: 'beat.added', beat }]),
        );
      });
    },

    /** A person writes an action (or, with kind "transition", a transition such as CUT TO:). */
    async action(
      ref: RoomRef,
      actor: Actor,
      input: { text: string; kind?: 'action' | 'transition' | undefined },
    ): Promise<BeatOutcome> {
      await narrator.checkText?.([input.text]);
      return registry.run(ref, async (room) => {
        requireCanAddBeat(room.state, actor, now(), await beatInProgress(core, room));
        const beat: Beat = {
          id: beatId(room),
          parentId: room.state.headId,
          kind: input.kind ?? 'action',
          text: cleanText(input.text, input.kind === 'transition' ? 'transition' : 'action'),
          author: authorOf(actor),
          at: new Date(now()).toISOString(),
        };
        return beatOutcome(
          room,
          await commitAndNotify(core, room, authorOf(actor), [{ type: 'beat.added', beat }]),
        );
      });
    },

    /** A moderator moves the head back one beat; the retracted beat stays in the tree. */
    undo(ref: RoomRef, actor: Actor): Promise<UndoOutcome> {
      return registry.run(ref, async (room) => {
        requireStory(room.state);
        requireModerator(actor, 'undo-beats');
        requireUnlocked(room.state);
        requireNotGenerating(await beatInProgress(core, room));
        const head = room.state.headId ? room.state.beats[room.state.headId] : undefined;
        if (!head) throw new UserError('beat.none', msg('story.beat.nothing-to-undo'));
        await commitAndNotify(core, room, authorOf(actor), [
          { type: 'head.moved', headId: head.parentId, reason: 'undo' },
        ]);
        const now = head.parentId ? room.state.beats[head.parentId] : undefined;
        return { undone: head, head: now, room: room.state };
      });
    },
  };
}
