// Characters the narrator designs (/character generate, accept, discard): a proposal is kept beside the
// room's log (character-proposals.ts) and enters the cast only when someone accepts it.
import { msg } from '../i18n/message.ts';
import { type CharacterProposal, characterProposals } from './character-proposals.ts';
import { type EngineCore, readStory } from './engine-core.ts';
import type { CharacterInput } from './engine-types.ts';
import { narratorCannot, UserError } from './errors.ts';
import { HINT_MAX, TEXT_MAX, VOICE_MAX } from './limits.ts';
import type { NarrationOptions } from './narrator.ts';
import { authorOf, cleanText, requireUnlocked, requireWriter } from './rules.ts';
import { recordUsage } from './token-usage.ts';
import type { Actor, Character, RoomRef } from './types.ts';

type AddCharacter = (ref: RoomRef, actor: Actor, input: CharacterInput) => Promise<Character>;

export function createCharacterDesigns(core: EngineCore, addCharacter: AddCharacter) {
  const { registry, narrator, logger } = core;
  const proposals = characterProposals(core.store, (roomId) =>
    logger.warn({ roomId }, 'stored character proposals are not in the expected shape; starting afresh'),
  );
  const noProposal = (id: string) =>
    new UserError('character.proposal', msg('story.character.no-proposal', { id }));

  return {
    /** The narrator proposes a character; nothing enters the room until someone accepts it. */
    async designCharacter(
      ref: RoomRef,
      actor: Actor,
      input: { hint?: string | undefined },
      stream?: NarrationOptions,
    ): Promise<CharacterProposal> {
      const hint = input.hint === undefined ? undefined : cleanText(input.hint, 'hint', HINT_MAX);
      const state = await readStory(core, ref, (room) => {
        requireUnlocked(room);
        requireWriter(room, actor);
      });
      if (!narrator.designCharacter) throw narratorCannot('design-characters');
      const result = await narrator.designCharacter({ room: state, hint }, stream);
      await recordUsage(core, ref, authorOf(actor), 'character', result);
      const by = { id: actor.id, name: actor.name, role: actor.role };
      return registry.run(ref, () =>
        proposals.add(state.id, { design: result.output, model: result.model, by }),
      );
    },

    async acceptCharacter(ref: RoomRef, actor: Actor, input: { id: string }): Promise<Character> {
      const state = await readStory(core, ref);
      const proposal = await registry.run(ref, () => proposals.find(state.id, input.id));
      if (!proposal) throw noProposal(input.id);
      const { design } = proposal;
      const character = await addCharacter(ref, actor, {
        name: design.name,
        description: `${design.look} ${design.personality} ${design.backstory}`.slice(0, TEXT_MAX),
        voice: `Sounds like: "${design.sampleLine}"`.slice(0, VOICE_MAX),
      });
      await registry.run(ref, () => proposals.remove(state.id, proposal.id));
      return character;
    },

    async discardCharacter(ref: RoomRef, actor: Actor, input: { id: string }): Promise<CharacterProposal> {
      const state = await readStory(core, ref);
      return registry.run(ref, async () => {
        const proposal = await proposals.discard(state.id, input.id, actor);
        if (!proposal) throw noProposal(input.id);
        return proposal;
      });
    },
  };
}
