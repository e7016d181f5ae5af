// Scene cards waiting for a writer to accept or discard them (/scene build), kept like character designs
// (proposal-store.ts): "c1", "c2", …
import type { z } from 'zod';
import type { EventStore } from './event-store.ts';
import { PROPOSALS_KEPT, proposalSchemaOf, proposalStore } from './proposal-store.ts';
import { sceneCardSchema } from './scene-card.ts';

export const SCENE_PROPOSALS_KEPT = PROPOSALS_KEPT;

const proposalSchema = proposalSchemaOf('card', sceneCardSchema);

export type SceneProposal = z.output<typeof proposalSchema>;

export const sceneProposals = (store: EventStore, onInvalid: (roomId: string) => void) =>
  proposalStore<SceneProposal>({
    store,
    key: 'scene-proposals',
    prefix: 'c',
    schema: proposalSchema,
    onInvalid,
  });
