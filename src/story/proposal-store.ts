// Proposals waiting for a writer to accept or discard them (character designs, scene cards). They are kept in
// the store beside the room's log, not in its story: they survive a restart and never enter the story until
// accepted. A room keeps its latest few of each kind; older ones give way. Ids are a letter and a number
// ("d1", "c2"), unique in the room for that kind.
import { z } from 'zod';
import type { EventStore } from './event-store.ts';
import { requireModerator } from './rules.ts';
import type { Actor } from './types.ts';

/** Proposals of one kind a room keeps. */
export const PROPOSALS_KEPT = 10;

const bySchema = z.object({
  id: z.string(),
  name: z.string(),
  role: z.enum(['moderator', 'writer', 'audience']),
});

/** A proposal's stored shape: its id, the model that wrote it, who asked, and `field` holding the content. */
export function proposalSchemaOf<F extends string, S extends z.ZodType>(field: F, content: S) {
  return z.object({ id: z.string(), model: z.string(), by: bySchema }).extend({
    [field]: content,
  } as { [K in F]: S });
}

/** Read and write a room's proposals of one kind; callers serialize per room (the room's queue). */
export function proposalStore<P extends { id: string; by: { id: string } }>(options: {
  store: EventStore;
  /** The attachment they are kept under. */
  key: string;
  /** The letter before their number. */
  prefix: string;
  schema: z.ZodType<P>;
  onInvalid: (roomId: string) => void;
}) {
  const { store, key, prefix, onInvalid } = options;
  const storedSchema = z.object({ next: z.number().int().positive(), proposals: z.array(options.schema) });
  type Stored = { next: number; proposals: P[] };

  async function read(roomId: string): Promise<Stored> {
    const raw = await store.readAttachment(roomId, key);
    if (raw === undefined) return { next: 1, proposals: [] };
    const parsed = storedSchema.safeParse(raw);
    if (parsed.success) return parsed.data as Stored;
    onInvalid(roomId);
    return { next: 1, proposals: [] };
  }

  return {
    async find(roomId: string, id: string): Promise<P | undefined> {
      const wanted = id.trim().toLowerCase();
      return (await read(roomId)).proposals.find((proposal) => proposal.id === wanted);
    },

    /** Stores a new proposal under the room's next id. */
    async add(roomId: string, proposal: Omit<P, 'id'>): Promise<P> {
      const stored = await read(roomId);
      const added = { ...proposal, id: `${prefix}${stored.next}` } as P;
      const proposals = [...stored.proposals, added].slice(-PROPOSALS_KEPT);
      await store.writeAttachment(roomId, key, { next: stored.next + 1, proposals });
      return added;
    },

    /**
     * Drops a proposal: its proposer may, and a moderator may drop anyone's. The dropped proposal, or undefined
     * when the room has none by that id.
     */
    async discard(roomId: string, id: string, actor: Actor): Promise<P | undefined> {
      const proposal = await this.find(roomId, id);
      if (!proposal) return undefined;
      if (proposal.by.id !== actor.id) requireModerator(actor, 'discard-others-proposal');
      await this.remove(roomId, proposal.id);
      return proposal;
    },

    async remove(roomId: string, id: string): Promise<void> {
      const stored = await read(roomId);
      const proposals = stored.proposals.filter((proposal) => proposal.id !== id);
      if (proposals.length === stored.proposals.length) return;
      await store.writeAttachment(roomId, key, { next: stored.next, proposals });
    },
  };
}
