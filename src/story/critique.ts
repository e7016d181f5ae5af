// The script review (/critique): the narrator's scores and suggestions, for the person who asked.
import { msg } from '../i18n/message.ts';
import { type EngineCore, readStory } from './engine-core.ts';
import { narratorCannot, UserError } from './errors.ts';
import type { Critique, Narration, NarrationOptions } from './narrator.ts';
import { authorOf } from './rules.ts';
import { recordUsage } from './token-usage.ts';
import type { Actor, RoomRef } from './types.ts';

export function createCritique(core: EngineCore) {
  const { narrator } = core;

  return {
    /** The narrator reviews the script so far; the result is for the person who asked. */
    async critique(ref: RoomRef, actor: Actor, stream?: NarrationOptions): Promise<Narration<Critique>> {
      const state = await readStory(core, ref, (room) => {
        if (room.headId === null) throw new UserError('critique.empty', msg('story.critique.empty'));
      });
      if (!narrator.critique) throw narratorCannot('critique');
      const result = await narrator.critique({ room: state }, stream);
      await recordUsage(core, ref, authorOf(actor), 'critique', result);
      return result;
    },
  };
}
