// Scenes the narrator designs before they are written (/scene build, accept, discard): a card is kept beside
// the room's log (scene-proposals.ts); accepting it opens the scene as /scene new does, with the card as the
// scene's description, which the narrator reads while the scene lasts.
import { msg } from '../i18n/message.ts';
import { beatInProgress } from './beat-lease.ts';
import { commitAndNotify, type EngineCore, readStory } from './engine-core.ts';
import type { BeatOutcome } from './engine-types.ts';
import { isUserError, UserError } from './errors.ts';
import { SCENE_DESCRIPTION_MAX } from './limits.ts';
import type { NarrationOptions } from './narrator.ts';
import { beatOutcome, sceneOpening } from './new-beat.ts';
import {
  authorOf,
  cleanHeading,
  cleanText,
  requireCanAddBeat,
  requireUnlocked,
  requireWriter,
} from './rules.ts';
import { cardDescription, normalizeSceneCard } from './scene-card.ts';
import { type SceneProposal, sceneProposals } from './scene-proposals.ts';
import { recordUsage } from './token-usage.ts';
import type { Actor, RoomRef } from './types.ts';

/** What a writer may ask of the card (/scene build notes:"a storm outside, everyone is lying"). */
export const SCENE_NOTES_MAX = 500;

export function createSceneDesigns(core: EngineCore) {
  const { registry, narrator, logger, clock } = core;
  const proposals = sceneProposals(core.store, (roomId) =>
    logger.warn({ roomId }, 'stored scene cards are not in the expected shape; starting afresh'),
  );
  const noProposal = (id: string) => new UserError('scene.card', msg('scenes.card.none', { id }));

  return {
    /** The narrator designs a scene card; nothing enters the story until someone accepts it. */
    async designScene(
      ref: RoomRef,
      actor: Actor,
      input: { heading?: string | undefined; notes?: string | undefined },
      stream?: NarrationOptions,
    ): Promise<SceneProposal> {
      const heading = input.heading === undefined ? undefined : cleanHeading(input.heading);
      const notes =
        input.notes === undefined ? undefined : cleanText(input.notes, 'direction', SCENE_NOTES_MAX);
      const state = await readStory(core, ref, (room) => {
        requireUnlocked(room);
        requireWriter(room, actor);
      });
      if (!narrator.designScene) throw new UserError('narrator.unsupported', msg('scenes.card.unsupported'));
      const result = await narrator.designScene({ room: state, heading, notes }, stream);
      await recordUsage(core, ref, authorOf(actor), 'scene-card', result);
      const card = normalizeSceneCard({ ...result.output, heading: heading ?? result.output.heading });
      try {
        card.heading = cleanHeading(card.heading);
      } catch (error) {
        if (!isUserError(error)) throw error;
        throw new UserError('narrator.malformed', msg('scenes.card.bad-heading'));
      }
      const by = { id: actor.id, name: actor.name, role: actor.role };
      return registry.run(ref, () => proposals.add(state.id, { card, model: result.model, by }));
    },

    /** Opens the scene a card describes, under its heading, with the card as the scene's description. */
    async acceptScene(ref: RoomRef, actor: Actor, input: { id: string }): Promise<BeatOutcome> {
      return registry.run(ref, async (room) => {
        requireCanAddBeat(room.state, actor, clock.now(), await beatInProgress(core, room));
        const proposal = await proposals.find(room.state.id, input.id);
        if (!proposal) throw noProposal(input.id);
        const { card } = proposal;
        const bodies = sceneOpening(room, {
          heading: card.heading,
          description: cardDescription(card, SCENE_DESCRIPTION_MAX),
          card,
          author: authorOf(actor),
          at: new Date(clock.now()).toISOString(),
        });
        const outcome = beatOutcome(room, await commitAndNotify(core, room, authorOf(actor), bodies));
        await proposals.remove(room.state.id, proposal.id);
        return outcome;
      });
    },

    /** Drops a card: its proposer or a moderator may. */
    async discardScene(ref: RoomRef, actor: Actor, input: { id: string }): Promise<SceneProposal> {
      const state = await readStory(core, ref);
      return registry.run(ref, async () => {
        const proposal = await proposals.discard(state.id, input.id, actor);
        if (!proposal) throw noProposal(input.id);
        return proposal;
      });
    },
  };
}
