// Which beats the narrator sees verbatim and which live on only in the rolling summary.
//
// The summary and the verbatim window together hold a steady amount of story (`recentTokens`): while the
// summary is short the window shows more beats, and as it grows the window shows fewer, so the prompt is
// the same size at beat 50 and at beat 5,000. The window's start (the anchor) only sits on checkpoints, the
// beats where the story's running token count crosses a multiple of `stepTokens`; between two moves new
// beats are only appended, so each prompt starts with the previous one byte for byte (prefix caching), and
// the prompt's size varies by at most one step. When the anchor moves forward, the beats it passes are due
// to be folded into the summary; the narrator tells the engine so (Narrator.summaryDue, with its own memory
// settings), and the engine asks for the summary in the background and stores it as a summary.updated event.

import type { SummaryPlan } from '../../story/narrator.ts';
import { canonicalPath } from '../../story/tree.ts';
import type { Beat, RoomState } from '../../story/types.ts';
import { renderBeat } from './render-beats.ts';
import { estimateTokens } from './token-estimate.ts';

export interface MemoryOptions {
  /** The summary plus the verbatim window hold at least this many tokens, once the story has them. */
  recentTokens: number;
  /** The window's start moves from checkpoint to checkpoint, one every this many tokens of story. */
  stepTokens: number;
  /** The window always holds at least this many of the latest beats, however long they are. */
  minRecentBeats: number;
  /** At most this many beats are folded into the summary in one request. */
  maxBeatsPerSummary: number;
  /** And at most this many tokens of them. */
  maxTokensPerSummary: number;
}

export const DEFAULT_MEMORY: MemoryOptions = {
  recentTokens: 1100,
  stepTokens: 320,
  minRecentBeats: 8,
  maxBeatsPerSummary: 120,
  maxTokensPerSummary: 3000,
};

export interface MemoryPlan {
  /** The canonical path, oldest first. */
  path: Beat[];
  /** Where the window would start with an up-to-date summary. */
  anchor: number;
  /** How many beats at the start of the path the room's summary covers (0 if none or off the path). */
  summarized: number;
  /** The summary text, when it covers beats on the current path. */
  summary?: string | undefined;
  /** Index of the first beat shown verbatim: the anchor, or earlier while the summary lags behind. */
  windowStart: number;
}

/**
 * The latest checkpoint from which the window, beside a summary of `summaryTokens`, still holds
 * `recentTokens` and `minRecentBeats`; 0 while the story is shorter than that.
 */
export function anchorFor(
  path: readonly Beat[],
  room: RoomState | undefined,
  summaryTokens: number,
  options: MemoryOptions = DEFAULT_MEMORY,
): number {
  const tokens = path.map((beat) => renderBeat(beat, room).tokens);
  const total = tokens.reduce((sum, t) => sum + t, 0);
  const wanted = Math.max(0, options.recentTokens - summaryTokens);
  let anchor = 0;
  let before = 0;
  for (let i = 0; i < path.length; i++) {
    const after = before + (tokens[i] ?? 0);
    // Beat i is a checkpoint when the running count crosses a step boundary inside it (or it opens the story).
    const checkpoint =
      i === 0 || Math.floor(after / options.stepTokens) > Math.floor(before / options.stepTokens);
    if (path.length - i < options.minRecentBeats || total - before < wanted) break;
    if (checkpoint) anchor = i;
    before = after;
  }
  return anchor;
}

export function planMemory(room: RoomState, options: MemoryOptions = DEFAULT_MEMORY): MemoryPlan {
  const path = canonicalPath(room);
  let summarized = 0;
  let summary: string | undefined;
  const stored = room.summary;
  if (stored && stored.beatCount > 0 && path[stored.beatCount - 1]?.id === stored.throughBeatId) {
    // A rewrite or undo before the summarized point takes the summary off the path: it is ignored then.
    summarized = stored.beatCount;
    summary = stored.text;
  }
  const anchor = anchorFor(path, room, summary ? estimateTokens(summary) : 0, options);
  return { path, anchor, summarized, summary, windowStart: Math.min(anchor, summarized) };
}

/**
 * Whether the room's summary is behind the window's anchor, and what to summarize next. Call it after a beat
 * is committed; run the summary outside the room's queue and commit summary.updated only if the room's
 * summary has not moved meanwhile. Long backlogs are folded in chunks: call again after each one.
 */
export function summaryDue(
  room: RoomState,
  options: MemoryOptions = DEFAULT_MEMORY,
): SummaryPlan | undefined {
  const plan = planMemory(room, options);
  if (plan.anchor <= plan.summarized) return undefined;
  const beats: Beat[] = [];
  let tokens = 0;
  for (let i = plan.summarized; i < plan.anchor && beats.length < options.maxBeatsPerSummary; i++) {
    const beat = plan.path[i] as Beat;
    tokens += renderBeat(beat, room).tokens;
    if (beats.length > 0 && tokens > options.maxTokensPerSummary) break;
    beats.push(beat);
  }
  const last = beats.at(-1);
  if (!last) return undefined;
  return {
    previous: plan.summary,
    beats,
    throughBeatId: last.id,
    beatCount: plan.summarized + beats.length,
  };
}
