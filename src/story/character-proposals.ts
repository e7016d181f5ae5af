// Character designs waiting for a writer to accept or discard them (/character generate), kept beside the
// room's log (proposal-store.ts): "d1", "d2", …
import { z } from 'zod';
import type { EventStore } from './event-store.ts';
import type { CharacterDesign } from './narrator.ts';
import { PROPOSALS_KEPT, proposalSchemaOf, proposalStore } from './proposal-store.ts';

export { PROPOSALS_KEPT };

const designSchema = z.object({
  name: z.string(),
  look: z.string(),
  personality: z.string(),
  backstory: z.string(),
  sampleLine: z.string(),
}) satisfies z.ZodType<CharacterDesign>;

const proposalSchema = proposalSchemaOf('design', designSchema);

export type CharacterProposal = z.output<typeof proposalSchema>;

export const characterProposals = (store: EventStore, onInvalid: (roomId: string) => void) =>
  proposalStore<CharacterProposal>({
    store,
    key: 'character-proposals',
    prefix: 'd',
    schema: proposalSchema,
    onInvalid,
  });
