// Scene cards waiting for a writer to accept or discard them (/scene build). Like character proposals they
// are kept in the store beside the room's log, not in its story: they survive a restart and never enter the
// story until accepted. A room keeps its latest few; older ones give way.
import { z } from 'zod';
import type { EventStore } from './event-store.ts';
import { sceneCardSchema } from './scene-card.ts';

export const SCENE_PROPOSALS_KEPT = 10;
const KEY = 'scene-proposals';

const proposalSchema = z.object({
  /** "c1", "c2", …: unique in the room. */
  id: z.string(),
  card: sceneCardSchema,
  model: z.string(),
  by: z.object({ id: z.string(), name: z.string(), role: z.enum(['moderator', 'writer', 'audience']) }),
});

export type SceneProposal = z.output<typeof proposalSchema>;

const storedSchema = z.object({ next: z.number().int().positive(), proposals: z.array(proposalSchema) });
type Stored = z.output<typeof storedSchema>;

/** Read and write a room's scene cards; callers serialize per room (the room's queue). */
export function sceneProposals(store: EventStore, onInvalid: (roomId: string) => void) {
  async function read(roomId: string): Promise<Stored> {
    const raw = await store.readAttachment(roomId, KEY);
    if (raw === undefined) return { next: 1, proposals: [] };
    const parsed = storedSchema.safeParse(raw);
    if (parsed.success) return parsed.data;
    onInvalid(roomId);
    return { next: 1, proposals: [] };
  }

  return {
    async find(roomId: string, id: string): Promise<SceneProposal | undefined> {
      const wanted = id.trim().toLowerCase();
      return (await read(roomId)).proposals.find((proposal) => proposal.id === wanted);
    },

    /** Stores a new card under the room's next id ("c1", "c2", …). */
    async add(roomId: string, proposal: Omit<SceneProposal, 'id'>): Promise<SceneProposal> {
      const stored = await read(roomId);
      const added = { ...proposal, id: `c${stored.next}` };
      const proposals = [...stored.proposals, added].slice(-SCENE_PROPOSALS_KEPT);
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
