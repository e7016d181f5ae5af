// How the audience received the recent story, from the reactions on its beats: which beats, characters and
// vote-steered turns drew the most positive and negative reactions. The narrator's prompt gets it as one
// line (llm/prompt/audience-line.ts); the offline critique and reviews read it too.
import { sentimentOf } from './reaction-emoji.ts';
import { canonicalPath, recentBeats } from './tree.ts';
import type { Beat, RoomState } from './types.ts';

/** Beats looked at, back from the head: "the recent story". */
export const RECEPTION_BEATS = 40;

export interface BeatReception {
  beat: Beat;
  /** 1-based number on the story's path. */
  number: number;
  positive: number;
  negative: number;
  /** positive - negative. */
  score: number;
  /** Its emoji, most used first (at most 3). */
  emoji: string[];
}

export interface CharacterReception {
  name: string;
  score: number;
}

export interface Reception {
  /** Beats looked at. */
  beats: number;
  reactions: number;
  positive: number;
  negative: number;
  /** The best and worst received beats (score > 0, resp. < 0). */
  liked?: BeatReception | undefined;
  disliked?: BeatReception | undefined;
  /** The speakers whose lines scored best and worst. */
  favourite?: CharacterReception | undefined;
  leastFavourite?: CharacterReception | undefined;
  /** A beat a vote steered, with the most reactions either way: how the audience's own choice played. */
  turn?: BeatReception | undefined;
}

/** What the reactions to the last `window` beats on the path say; undefined when there are none. */
export function receptionOf(room: RoomState, window = RECEPTION_BEATS): Reception | undefined {
  const reactions = room.reactions;
  if (!reactions || Object.keys(reactions).length === 0) return undefined;
  // Only the window is read; the path's length (for beat numbers) is counted without building it.
  const recent = recentBeats(room, window);
  const length = pathLength(room);
  const start = length - recent.length;
  const received: BeatReception[] = [];
  for (const [offset, beat] of recent.entries()) {
    const index = start + offset;
    if (!Object.hasOwn(reactions, beat.id)) continue;
    const byEmoji = Object.entries(reactions[beat.id] ?? {}).filter(([, people]) => people.length > 0);
    if (byEmoji.length === 0) continue;
    let positive = 0;
    let negative = 0;
    for (const [emoji, people] of byEmoji) {
      const sentiment = sentimentOf(emoji);
      if (sentiment === 'positive') positive += people.length;
      else if (sentiment === 'negative') negative += people.length;
    }
    const emoji = byEmoji
      .sort((a, b) => b[1].length - a[1].length)
      .slice(0, 3)
      .map(([e]) => e);
    received.push({ beat, number: index + 1, positive, negative, score: positive - negative, emoji });
  }
  if (received.length === 0) return undefined;
  const total = (r: BeatReception) => Object.values(reactions[r.beat.id] ?? {}).flat().length;
  const characters = new Map<string, number>();
  for (const r of received) {
    if (r.beat.kind !== 'dialogue' || !r.beat.character) continue;
    characters.set(r.beat.character, (characters.get(r.beat.character) ?? 0) + r.score);
  }
  const ranked = [...characters].map(([name, score]) => ({ name, score })).sort((a, b) => b.score - a.score);
  const best = [...received].sort((a, b) => b.score - a.score || b.number - a.number)[0];
  const worst = [...received].sort((a, b) => a.score - b.score || b.number - a.number)[0];
  const turns = received.filter((r) => r.beat.voteId !== undefined);
  return {
    beats: recent.length,
    reactions: received.reduce((sum, r) => sum + total(r), 0),
    positive: received.reduce((sum, r) => sum + r.positive, 0),
    negative: received.reduce((sum, r) => sum + r.negative, 0),
    liked: best && best.score > 0 ? best : undefined,
    disliked: worst && worst.score < 0 ? worst : undefined,
    favourite: ranked[0] && ranked[0].score > 0 ? ranked[0] : undefined,
    leastFavourite: ranked.at(-1) && (ranked.at(-1)?.score ?? 0) < 0 ? ranked.at(-1) : undefined,
    turn: turns.sort((a, b) => Math.abs(b.score) - Math.abs(a.score) || b.number - a.number)[0],
  };
}

function pathLength(room: RoomState): number {
  let count = 0;
  for (let id = room.headId; id !== null; count++) {
    const beat = room.beats[id];
    if (!beat) break;
    id = beat.parentId;
  }
  return count;
}

/** The beats a person reacted to (newest first, at most `max`), with their emoji. */
export function reactionsBy(
  room: RoomState,
  userId: string,
  max = 10,
): { beat: Beat; number: number | undefined; emoji: string[] }[] {
  const reactions = room.reactions ?? {};
  const path = canonicalPath(room);
  const position = new Map(path.map((beat, index) => [beat.id, index + 1]));
  const out: { beat: Beat; number: number | undefined; emoji: string[] }[] = [];
  for (const [beatId, byEmoji] of Object.entries(reactions)) {
    const beat = room.beats[beatId];
    if (!beat || !Object.hasOwn(room.beats, beatId)) continue;
    const emoji = Object.entries(byEmoji)
      .filter(([, people]) => people.includes(userId))
      .map(([e]) => e);
    if (emoji.length > 0) out.push({ beat, number: position.get(beatId), emoji });
  }
  return out.sort((a, b) => (b.number ?? 0) - (a.number ?? 0)).slice(0, max);
}
