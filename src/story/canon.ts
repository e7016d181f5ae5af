// Pinned canon (/canon): facts a moderator pins, which the narrator's prompt always carries.
import { msg } from '../i18n/message.ts';
import { commitAndNotify, type EngineCore, readStory } from './engine-core.ts';
import type { CanonEntry, CanonFact } from './engine-types.ts';
import { UserError } from './errors.ts';
import { CANON_MAX, CANON_TEXT_MAX } from './limits.ts';
import { authorOf, cleanLabel, requireModerator, requireStory, requireUnlocked } from './rules.ts';
import type { Actor, RoomRef } from './types.ts';

export function createCanon(core: EngineCore) {
  const { registry } = core;

  return {
    /** A moderator pins a fact the narrator must never contradict. */
    async addCanon(ref: RoomRef, actor: Actor, input: { text: string }): Promise<CanonEntry> {
      await core.narrator.checkText?.([input.text]);
      return registry.run(ref, async (room) => {
        requireStory(room.state);
        requireModerator(actor, 'pin-canon');
        requireUnlocked(room.state);
        const text = cleanLabel(input.text, 'canon-fact', CANON_TEXT_MAX);
        if (room.state.canon.length >= CANON_MAX) {
          throw new UserError('canon.limit', msg('story.canon.limit', { max: CANON_MAX }));
        }
        if (room.state.canon.some((fact) => fact.text.toLowerCase() === text.toLowerCase())) {
          throw new UserError('canon.exists', msg('story.canon.exists'));
        }
        const id = `c${room.state.seq + 1}`;
        await commitAndNotify(core, room, authorOf(actor), [{ type: 'canon.added', id, text }]);
        return { number: room.state.canon.length, text };
      });
    },

    /** Removes a pinned fact by its number in /canon list (1-based). */
    removeCanon(ref: RoomRef, actor: Actor, input: { number: number }): Promise<CanonFact> {
      return registry.run(ref, async (room) => {
        requireStory(room.state);
        requireModerator(actor, 'remove-canon');
        const fact = room.state.canon[input.number - 1];
        if (!fact) {
          throw new UserError('canon.missing', msg('story.canon.missing', { number: input.number }));
        }
        await commitAndNotify(core, room, authorOf(actor), [{ type: 'canon.removed', id: fact.id }]);
        return fact;
      });
    },

    async canon(ref: RoomRef): Promise<CanonEntry[]> {
      return (await readStory(core, ref)).canon.map((fact, index) => ({
        number: index + 1,
        text: fact.text,
      }));
    },
  };
}
