// The rolling summary that keeps long stories inside the model's context: after a beat, when the narrator
// says its summary is due (Narrator.summaryDue), older beats are folded into it in the background.
import { commitAndNotify, type EngineCore } from './engine-core.ts';
import type { EventBody } from './events.ts';
import { roomIdOf } from './room-id.ts';
import { canonicalPath } from './tree.ts';
import type { RoomRef } from './types.ts';

/** Summaries folded in one go after a beat, at most (a long backlog continues after the next beat). */
const SUMMARY_ROUNDS = 5;

export function createRollingSummary(core: EngineCore) {
  const { registry, narrator, logger } = core;
  const summarizing = new Set<string>();
  const stopping = new AbortController();

  return {
    /**
     * Folds older beats into the room's summary when the narrator says it is due (Narrator.summaryDue).
     * Runs outside the room's queue and never throws: a failed summary is retried after the next beat, and the
     * prompt keeps the unsummarized beats verbatim meanwhile, within its budget.
     */
    async summarizeIfDue(ref: RoomRef): Promise<void> {
      const summarize = narrator.summarize?.bind(narrator);
      const summaryDue = narrator.summaryDue?.bind(narrator);
      if (!summarize || !summaryDue) return;
      const roomId = roomIdOf(ref);
      if (summarizing.has(roomId)) return;
      summarizing.add(roomId);
      try {
        for (let round = 0; round < SUMMARY_ROUNDS && !stopping.signal.aborted; round++) {
          const due = await registry.run(ref, (room) => {
            const plan = summaryDue(room.state);
            return plan && { plan, state: room.state };
          });
          if (!due) return;
          const { plan, state } = due;
          const result = await summarize(
            { room: state, previous: plan.previous, beats: plan.beats },
            { signal: stopping.signal },
          );
          const stored = await registry.run(ref, async (room) => {
            const covered = room.state.summary?.beatCount ?? 0;
            const onPath = canonicalPath(room.state)[plan.beatCount - 1]?.id === plan.throughBeatId;
            // Someone else's summary landed first, or an undo took the beats off the path: drop this one.
            if (covered !== plan.beatCount - plan.beats.length || !onPath) return false;
            const bodies: EventBody[] = [
              {
                type: 'summary.updated',
                text: result.output.text,
                throughBeatId: plan.throughBeatId,
                beatCount: plan.beatCount,
              },
            ];
            if (result.usage.promptTokens + result.usage.completionTokens > 0) {
              bodies.push({ type: 'usage.recorded', purpose: 'summary', usage: result.usage });
            }
            await commitAndNotify(core, room, { kind: 'system' }, bodies);
            return true;
          });
          if (!stored) return;
        }
      } catch (error) {
        if (!stopping.signal.aborted)
          logger.warn({ err: error, roomId }, 'rolling summary failed; will retry after the next beat');
      } finally {
        summarizing.delete(roomId);
      }
    },

    /** Stops summaries in progress (engine shutdown). */
    stop() {
      stopping.abort();
    },
  };
}
