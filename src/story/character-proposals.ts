// Character designs waiting for a writer to accept or discard them (/character generate). They are kept in
// the store beside the room's log, not in its story, so they survive a restart and never enter the story
// until accepted. A room keeps its latest few; older ones give way.
import { z } from 'zod';
import type { EventStore } from './event-store.ts';
import type { CharacterDesign } from './narrator.ts';

export const PROPOSALS_KEPT = 10;
const KEY = 'character-proposals';

const designSchema = z.object({
  name: z.string(),
  look: z.string(),
  personality: z.string(),
  backstory: z.string(),
  sampleLine: z.string(),
}) satisfies z.ZodType<CharacterDesign>;

const proposalSchema = z.object({
  id: z.string(),
  design: designSchema,
  model: z.string(),
  by: z.object({ id: z.string(), name: z.string(), role: z.enum(['moderator', 'writer', 'audience']) }),
});

export type CharacterProposal = z.output<typeof proposalSchema>;

const storedSchema = z.object({ next: z.number().int().positive(), proposals: z.array(proposalSchema) });
type Stored = z.output<typeof storedSchema>;

/** Read and write a room's proposals; callers serialize per room (the room's queue). */
export function characterProposals(store: EventStore, onInvalid: (roomId: string) => void) {
  async function read(roomId: string): Promise<Stored> {
    const raw = await store.readAttachment(roomId, KEY);
    if (raw === undefined) return { next: 1, proposals: [] };
    const parsed = storedSchema.safeParse(raw);
    if (parsed.success) return parsed.data;
    onInvalid(roomId);
    return { next: 1, proposals: [] };
  }

  return {
    async find(roomId: string, id: string): Promise<CharacterProposal | undefined> {
      const wanted = id.trim().toLowerCase();
      return (await read(roomId)).proposals.find((proposal) => proposal.id === wanted);
    },

    /** Stores a new proposal under the room's next id ("d1", "d2", …). */
    async add(roomId: string, proposal: Omit<CharacterProposal, 'id'>): Promise<CharacterProposal> {
      const stored = await read(roomId);
      const added = { ...proposal, id: `d${stored.next}` };
      const proposals = [...stored.proposals, added].slice(-PROPOSALS_KEPT);
      await store.writeAttachment(roomId, KEY, { next: stored.next + 1, proposals });
      return added;
    },

    async remove(roomId: string, id: string): Promise<void> {
      const stored = await read(roomId);
      const proposals = stored.proposals.filter((proposal) => proposal.id !== id);
      if (proposals.length === stored.proposals.length) return;
      await store.writeAttachment(roomId, KEY, { next: stored.next, proposals });
    },
  };
}
