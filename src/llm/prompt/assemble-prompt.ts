// Builds the narrator's prompt inside a fixed token budget, most static part first so that consecutive
// prompts share a long identical prefix (vLLM/SGLang prefix caching, OpenAI prompt caching):
//   system (rules, rating, language) -> bible (characters, pinned canon, the room's style) -> rolling summary
//   -> recent beats verbatim -> [dynamic tail] lore the request mentions, current scene, direction, task.
// Pinned canon is never dropped; everything else has a share of the budget and gives way in a fixed order.
import { msg } from '../../i18n/message.ts';
import { UserError } from '../../story/errors.ts';
import { currentScene } from '../../story/tree.ts';
import type { Beat, RoomState, Scene } from '../../story/types.ts';
import { audienceLine } from './audience-line.ts';
import { DEFAULT_MEMORY, type MemoryOptions, planMemory } from './memory-plan.ts';
import { renderBeat, renderBeats } from './render-beats.ts';
import { sceneCardBlock } from './scene-card-block.ts';
import { mentionedCharacters, rankEarlierBeats } from './select-lore.ts';
import {
  MATERIAL_CLOSE,
  MATERIAL_MAX,
  MATERIAL_OPEN,
  material,
  materialBody,
  wholeEnd,
} from './story-material.ts';
import { STYLE_SHARE, styleSection } from './style-section.ts';
import { systemPrompt } from './system-prompt.ts';
import { estimateMessagesTokens, estimateTokens } from './token-estimate.ts';

export interface PromptBudget {
  contextTokens: number;
  maxReplyTokens: number;
  memory?: MemoryOptions | undefined;
}

/** Shares of the prompt budget (context minus the reply's allowance). */
export const SHARES = { characters: 0.2, summary: 0.05, lore: 0.05 } as const;
/** At most this many earlier beats come back as lore. */
export const LORE_BEATS = 8;

export interface ChatMessage {
  role: 'system' | 'user' | 'assistant';
  content: string;
}

export interface PromptTask {
  /** What to write and the JSON shape to answer in; goes last. */
  instruction: string;
  direction?: string | undefined;
  /** For a summary: the beats to fold in, shown instead of the recent window. */
  fold?: { previous?: string | undefined; beats: readonly Beat[] } | undefined;
  /** Leaves the room's style out: only for internal prompts that write no story text (the rolling summary). */
  omitStyle?: boolean | undefined;
}

export interface AssembledPrompt {
  messages: ChatMessage[];
  /** Estimated prompt tokens (see token-estimate.ts). */
  tokens: number;
  /** The most the prompt may use. */
  budget: number;
  sections: { system: string; bible: string; summary: string; recent: string; tail: string };
  stats: { windowBeats: number; loreBeats: number; loreCharacters: number; droppedFromWindow: number };
}

// The summary changes only when the window moves on a step; its cut is remembered instead of redone per request.
const capped = new Map<string, string>();

// Over its share, the summary keeps its start: the story's setup, which nothing else in the prompt restates.
// What gives way is its end, the stretch just before the verbatim window.
function cappedSummary(text: string, max: number): string {
  const key = `${max}:${text}`;
  let result = capped.get(key);
  if (result === undefined) {
    result = capToTokens(text, max, 'start');
    if (capped.size >= 256) capped.clear();
    capped.set(key, result);
  }
  return result;
}

export function capToTokens(text: string, max: number, keep: 'start' | 'end' = 'start'): string {
  if (estimateTokens(text) <= max) return text;
  let lo = 0;
  let hi = text.length;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    const piece = keep === 'start' ? text.slice(0, mid) : text.slice(text.length - mid);
    if (estimateTokens(piece) + 1 <= max) lo = mid;
    else hi = mid - 1;
  }
  // Never half a surrogate pair at the cut (see wholeEnd).
  if (keep === 'start') lo = wholeEnd(text, lo);
  else if (lo > 0 && isLowSurrogate(text.charCodeAt(text.length - lo))) lo--;
  if (lo === 0) return '';
  return keep === 'start' ? `${text.slice(0, lo)}…` : `…${text.slice(text.length - lo)}`;
}

const isLowSurrogate = (code: number) => code >= 0xdc00 && code <= 0xdfff;

const fence = (body: string) => `${MATERIAL_OPEN}\n${body}\n${MATERIAL_CLOSE}`;

function bibleOf(room: RoomState, characterTokens: number) {
  const full = new Set<string>();
  const lines: string[] = [];
  let used = 0;
  for (const character of room.characters) {
    const name = materialBody(character.name.toUpperCase(), 40);
    const description = character.description || '(no notes yet)';
    const voice = character.voice ? ` Voice: ${materialBody(character.voice, MATERIAL_MAX.voice)}` : '';
    const entry = `- ${name}: ${materialBody(description, MATERIAL_MAX.description)}${voice}`;
    const tokens = estimateTokens(entry) + 1;
    if (used + tokens <= characterTokens) {
      lines.push(entry);
      full.add(character.name);
      used += tokens;
    } else {
      // Over its share, a character keeps a short entry here; the full one joins the tail when mentioned.
      const short = `- ${name}: ${materialBody(description, 80)}`;
      lines.push(short);
      used += estimateTokens(short) + 1;
    }
  }
  const parts = ['STORY BIBLE', 'Characters:', lines.length > 0 ? fence(lines.join('\n')) : '(none yet)'];
  if (room.canon.length > 0) {
    const facts = room.canon.map((fact, i) => `${i + 1}. ${materialBody(fact.text, MATERIAL_MAX.canon)}`);
    parts.push('Pinned canon (always true, never contradict):', fence(facts.join('\n')));
  }
  return { text: parts.join('\n'), full };
}

/** The scene the head is in: the window's last scene beat's, or found by walking back from the head. */
function sceneOf(room: RoomState, sceneBeat: Beat | undefined): Scene | undefined {
  return sceneBeat?.sceneId ? room.scenes[sceneBeat.sceneId] : currentScene(room);
}

function tailOf(
  room: RoomState,
  task: PromptTask,
  window: readonly Beat[],
  lore: string,
  audience: string,
): string {
  const parts: string[] = [];
  if (lore) parts.push(lore);
  const sceneBeat = [...window].reverse().find((beat) => beat.kind === 'scene');
  const scene = task.fold ? undefined : sceneOf(room, sceneBeat);
  if (scene?.card) parts.push(sceneCardBlock(scene.heading, scene.card));
  else if (!task.fold && !sceneBeat && scene) {
    parts.push(`CURRENT SCENE: ${material(`${scene.heading}. ${scene.description}`, 300)}`);
  }
  // How the audience received the recent story: volatile, so here at the end (audience-line.ts).
  if (audience) parts.push(audience);
  if (task.direction) {
    parts.push(`DIRECTION FROM THE GROUP\n${material(task.direction, MATERIAL_MAX.direction)}`);
  }
  parts.push(`TASK\n${task.instruction}`);
  return parts.join('\n\n');
}

export function assemblePrompt(room: RoomState, task: PromptTask, budget: PromptBudget): AssembledPrompt {
  const total = budget.contextTokens - budget.maxReplyTokens;
  const plan = planMemory(room, budget.memory ?? DEFAULT_MEMORY);
  const system = systemPrompt(room.story);
  const bible = bibleOf(room, Math.floor(total * SHARES.characters));
  // The style ends the bible: stable between requests, never summarized away, capped to its share.
  const style = task.omitStyle ? '' : styleSection(room.style, Math.floor(total * STYLE_SHARE), capToTokens);
  const bibleText = style ? `${bible.text}\n${style}` : bible.text;

  const summarySource = task.fold ? task.fold.previous : plan.summary;
  const summaryCap = Math.floor(total * SHARES.summary);
  const summaryBody = summarySource
    ? cappedSummary(materialBody(summarySource, MATERIAL_MAX.summary), summaryCap)
    : '';
  const summaryHead = task.fold
    ? 'SUMMARY SO FAR'
    : `STORY SO FAR (summary of the first ${plan.summarized} beats)`;
  const summary = summaryBody ? `${summaryHead}\n${fence(summaryBody)}` : '';

  const candidates = task.fold ? [...task.fold.beats] : plan.path.slice(plan.windowStart);
  const audience = task.fold ? '' : audienceLine(room);
  const bareTail = tailOf(room, task, candidates, '', audience);
  const fixed =
    estimateMessagesTokens([{ content: system }, { content: '' }]) +
    estimateTokens(bibleText) +
    estimateTokens(summary) +
    estimateTokens(bareTail) +
    // headings and fences around the recent beats and the lore
    40;
  if (fixed > total) {
    throw new UserError('narrator.prompt-too-long', msg('llm.prompt.too-long'));
  }

  // The window: drop the oldest beats while it does not fit beside the lore's reserve.
  const loreReserve = task.fold
    ? 0
    : Math.min(Math.floor(total * SHARES.lore), Math.floor((total - fixed) / 3));
  let windowTokens = candidates.reduce((sum, beat) => sum + renderBeat(beat, room).tokens, 0);
  let first = 0;
  while (first < candidates.length && fixed + windowTokens > total - loreReserve) {
    windowTokens -= renderBeat(candidates[first] as Beat, room).tokens;
    first++;
  }
  if (task.fold && first > 0) throw new Error('beats to summarize do not fit the prompt budget');
  const window = candidates.slice(first);
  const windowStart = plan.windowStart + first;

  let lore = '';
  let loreBeats = 0;
  let loreCharacters = 0;
  if (!task.fold) {
    const allowance = Math.min(Math.floor(total * SHARES.lore), total - fixed - windowTokens);
    const latest = window.slice(-3);
    const recentText = latest.map((beat) => `${beat.character ?? ''} ${beat.text}`).join('\n');
    const query = `${task.direction ?? ''}\n${recentText}`;
    const entries: string[] = [];
    let used = 40;
    for (const character of mentionedCharacters(room, query, latest)) {
      if (bible.full.has(character.name)) continue;
      const entry = `${character.name.toUpperCase()}: ${material(character.description, MATERIAL_MAX.description)}`;
      const tokens = estimateTokens(entry) + 1;
      if (used + tokens > allowance) continue;
      entries.push(entry);
      used += tokens;
      loreCharacters++;
    }
    const picked: number[] = [];
    const ranked = rankEarlierBeats(
      room,
      plan.path,
      windowStart,
      { direction: task.direction ?? '', recent: recentText },
      LORE_BEATS,
    );
    for (const position of ranked) {
      const tokens = renderBeat(plan.path[position] as Beat, room).tokens + 1;
      if (used + tokens > allowance) continue;
      picked.push(position);
      used += tokens;
    }
    // Back in story order.
    picked.sort((a, b) => a - b);
    loreBeats = picked.length;
    const blocks: string[] = [];
    if (entries.length > 0) blocks.push(`CHARACTERS IN FOCUS\n${entries.join('\n')}`);
    if (picked.length > 0) {
      const beats = picked.map((position) => plan.path[position] as Beat);
      blocks.push(`EARLIER MOMENTS THAT MATTER NOW\n${fence(renderBeats(beats, room))}`);
    }
    lore = blocks.join('\n\n');
  }

  const recentHead = task.fold
    ? 'BEATS TO ADD TO THE SUMMARY (oldest first)'
    : 'RECENT BEATS (verbatim, oldest first)';
  const recent =
    window.length > 0
      ? `${recentHead}\n${fence(renderBeats(window, room))}`
      : `${recentHead}\n(none yet: this is the opening of the story)`;
  const tail = tailOf(room, task, window, lore, audience);
  const user = [bibleText, summary, recent, tail].filter(Boolean).join('\n\n');
  const messages: ChatMessage[] = [
    { role: 'system', content: system },
    { role: 'user', content: user },
  ];
  return {
    messages,
    tokens: estimateMessagesTokens(messages),
    budget: total,
    sections: { system, bible: bibleText, summary, recent, tail },
    stats: { windowBeats: window.length, loreBeats, loreCharacters, droppedFromWindow: first },
  };
}
