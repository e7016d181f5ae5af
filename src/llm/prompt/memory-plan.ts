// Which beats the narrator sees verbatim and which live on only in the rolling summary.
//
// The verbatim window starts at an anchor that moves in steps of `stride` beats, not at "the last N": between
// two steps new beats are only appended, so each prompt starts with the previous one byte for byte (prefix
// caching). When the anchor steps forward, the beats it passes are due to be folded into the summary; the
// engine asks for that in the background (summaryDue) and stores the result as a summary.updated event.
import { canonicalPath } from '../../story/tree.ts';
import type { Beat, RoomState } from '../../story/types.ts';
import { renderBeat } from './render-beats.ts';

export interface MemoryOptions {
  /** The window always holds at least this many of the latest beats. */
  minRecentBeats: number;
  /** The window's start moves in steps of this many beats. */
  stride: number;
  /** At most this many beats are folded into the summary in one request. */
  maxBeatsPerSummary: number;
  /** And at most this many tokens of them. */
  maxTokensPerSummary: number;
}

export const DEFAULT_MEMORY: MemoryOptions = {
  minRecentBeats: 24,
  stride: 16,
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

export function anchorFor(beatCount: number, options: MemoryOptions = DEFAULT_MEMORY): number {
  const spare = beatCount - options.minRecentBeats;
  if (spare < options.stride) return 0;
  return Math.floor(spare / options.stride) * options.stride;
}

export function planMemory(room: RoomState, options: MemoryOptions = DEFAULT_MEMORY): MemoryPlan {
  const path = canonicalPath(room);
  const anchor = anchorFor(path.length, options);
  let summarized = 0;
  let summary: string | undefined;
  const stored = room.summary;
  if (stored && stored.beatCount > 0 && path[stored.beatCount - 1]?.id === stored.throughBeatId) {
    // A rewrite or undo before the summarized point takes the summary off the path: it is ignored then.
    summarized = stored.beatCount;
    summary = stored.text;
  }
  return { path, anchor, summarized, summary, windowStart: Math.min(anchor, summarized) };
}

/** A summary the engine should ask for: fold `beats` into `previous`, covering the path up to `throughBeatId`. */
export interface SummaryPlan {
  previous?: string | undefined;
  beats: Beat[];
  throughBeatId: string;
  /** Beats on the path the new summary covers, counted from the start; goes into summary.updated. */
  beatCount: number;
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
