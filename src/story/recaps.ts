// /recap: a private "previously on…" of what a person missed since their last beat on the story's path or
// their last recap (the last RECAP_NEWCOMER_BEATS for someone new). The recap is remembered as an event.
import { commitAndNotify, type EngineCore, readStory } from './engine-core.ts';
import { narratorCannot } from './errors.ts';
import type { Narration, NarrationOptions } from './narrator.ts';
import { RECAP_BEATS_MAX, RECAP_NEWCOMER_BEATS, type Recap } from './recap-review.ts';
import { authorOf } from './rules.ts';
import { recordUsage } from './token-usage.ts';
import { canonicalPath } from './tree.ts';
import type { Actor, Beat, RoomRef, RoomState } from './types.ts';

export interface RecapOutcome {
  /** Since when: their first look, their last beat on the story's path, or their last recap. */
  since: 'new' | 'contribution' | 'recap';
  /** Beats they missed; 0 means nothing new (no recap, nothing recorded). */
  missed: number;
  recap?: Narration<Recap> | undefined;
}

/** Where a person's recap starts on the path (an index), and why. */
export function recapStart(room: RoomState, path: readonly Beat[], userId: string) {
  const position = new Map(path.map((beat, index) => [beat.id, index]));
  let contribution = -1;
  for (let index = path.length - 1; index >= 0; index--) {
    const author = path[index]?.author;
    if (author?.kind === 'user' && author.id === userId) {
      contribution = index;
      break;
    }
  }
  // The head they last read a recap at, or (undone since) the nearest beat before it still on the path.
  let recap = -1;
  const recaps = room.recaps;
  const read = recaps && Object.hasOwn(recaps, userId);
  let id = read ? (recaps[userId] ?? null) : null;
  // Bounded by the tree's size: an undone branch can be longer than the path.
  const beats = Object.keys(room.beats).length;
  for (let steps = 0; id !== null && steps <= beats; steps++) {
    const found = position.get(id);
    if (found !== undefined) {
      recap = found;
      break;
    }
    id = room.beats[id]?.parentId ?? null;
  }
  if (contribution < 0 && !read) {
    return { start: Math.max(0, path.length - RECAP_NEWCOMER_BEATS), since: 'new' as const };
  }
  return recap >= contribution
    ? { start: recap + 1, since: 'recap' as const }
    : { start: contribution + 1, since: 'contribution' as const };
}

export function createRecaps(core: EngineCore) {
  return {
    /** A private "previously on…" for the person asking; remembered, so the next one starts after it. */
    async recap(ref: RoomRef, actor: Actor, stream?: NarrationOptions): Promise<RecapOutcome> {
      const state = await readStory(core, ref);
      const path = canonicalPath(state);
      const { start, since } = recapStart(state, path, actor.id);
      const missed = path.length - start;
      if (missed <= 0) return { since, missed: 0 };
      if (!core.narrator.recap) throw narratorCannot('recap');
      const beats = path.slice(Math.max(start, path.length - RECAP_BEATS_MAX));
      const result = await core.narrator.recap(
        {
          room: state,
          reader: actor.name,
          beats,
          missed,
          summary: missed > beats.length ? state.summary?.text : undefined,
        },
        stream,
      );
      await recordUsage(core, ref, authorOf(actor), 'recap', result);
      await core.registry.run(ref, async (room) => {
        await commitAndNotify(core, room, authorOf(actor), [
          { type: 'recap.given', headId: path.at(-1)?.id ?? null },
        ]);
      });
      return { since, missed, recap: result };
    },
  };
}
