// Tokens the narrator spent in a room: recorded with each beat and each other task, reported by /room usage.
import { commitAndNotify, type EngineCore, readStory } from './engine-core.ts';
import type { RoomUsage } from './engine-types.ts';
import type { Narration } from './narrator.ts';
import { requireModerator } from './rules.ts';
import type { Actor, Author, RoomRef, TokenUsage } from './types.ts';

/** Stores what a narrator task other than a beat cost (a beat carries its own usage). */
export function recordUsage(
  core: EngineCore,
  ref: RoomRef,
  author: Author,
  purpose: string,
  narration: Narration<unknown>,
): Promise<void> {
  const { usage } = narration;
  if (usage.promptTokens + usage.completionTokens === 0) return Promise.resolve();
  return core.registry.run(ref, async (room) => {
    await commitAndNotify(core, room, author, [{ type: 'usage.recorded', purpose, usage }]);
  });
}

export function createTokenUsage(core: EngineCore) {
  return {
    /** Tokens the room has used: every beat ever written (rewritten ones too), and the narrator's other work. */
    async usage(ref: RoomRef, actor: Actor): Promise<RoomUsage> {
      requireModerator(actor, 'see-token-usage');
      const state = await readStory(core, ref);
      const byModel = new Map<string, { model: string; beats: number; usage: TokenUsage }>();
      const beatTotal = { promptTokens: 0, completionTokens: 0 };
      for (const beat of Object.values(state.beats)) {
        if (beat.author.kind !== 'narrator' || !beat.usage) continue;
        const entry = byModel.get(beat.author.model) ?? {
          model: beat.author.model,
          beats: 0,
          usage: { promptTokens: 0, completionTokens: 0 },
        };
        entry.beats += 1;
        entry.usage.promptTokens += beat.usage.promptTokens;
        entry.usage.completionTokens += beat.usage.completionTokens;
        byModel.set(entry.model, entry);
        beatTotal.promptTokens += beat.usage.promptTokens;
        beatTotal.completionTokens += beat.usage.completionTokens;
      }
      return {
        total: { ...state.usage },
        byModel: [...byModel.values()].sort((a, b) => b.beats - a.beats),
        other: {
          promptTokens: state.usage.promptTokens - beatTotal.promptTokens,
          completionTokens: state.usage.completionTokens - beatTotal.completionTokens,
        },
        budget: await core.budget?.status(ref),
      };
    },
  };
}
