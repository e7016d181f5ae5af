// The offline narrator's character designs, critiques and summaries: deterministic templates and counts
// from the room itself, so /character generate, /critique and long-story memory work without a model.

import type { CharacterDesign, Critique, CritiqueScore, SummaryRequest } from '../story/narrator.ts';
import { canonicalPath } from '../story/tree.ts';
import type { RoomState } from '../story/types.ts';
import { SUMMARY_MAX_CHARS } from './output-schemas.ts';

const NAMES = [
  'Iris',
  'Dmitri',
  'June',
  'Okafor',
  'Lena',
  'Marco',
  'Rosa',
  'Theo',
  'Wren',
  'Yusuf',
  'Ada',
  'Cal',
];
const LOOKS = [
  'Tall and rumpled, a coat two sizes too big and a watch that is always five minutes fast.',
  'Small, neat, silver rings on every finger and a scar through one eyebrow.',
  'Broad-shouldered, paint under the fingernails, a laugh that fills the room.',
  'Sharp suit, tired eyes, never without a paper cup of cold coffee.',
];
const PERSONALITIES = [
  'Charming until cornered, then ruthless.',
  'Quiet, observant, keeps score of every favour.',
  'Loyal to a fault and terrible at lying.',
  'Restless, funny, allergic to plans.',
];
const BACKSTORIES = [
  'Grew up above a pawn shop and learned early that everything has a price.',
  'Left a promising career overnight and has never said why.',
  'Owes money to the wrong people and has a week to pay.',
  'Came back to town after ten years to settle an old score.',
];
const SAMPLES = [
  "I don't do favours. I do trades.",
  'You can trust me. That was a joke.',
  "Whatever you're planning, count me in. Or out. Depends who's asking.",
  'I remember you. You owe me a coat.',
];

export function designOfflineCharacter(
  room: RoomState,
  hint: string | undefined,
  pick: <T>(items: readonly T[]) => T,
): CharacterDesign {
  const taken = new Set(room.characters.map((c) => c.name.toLowerCase()));
  const free = NAMES.filter((name) => !taken.has(name.toLowerCase()));
  const name = free.length > 0 ? pick(free) : `Stranger ${room.characters.length + 1}`;
  const backstory = pick(BACKSTORIES);
  return {
    name,
    look: pick(LOOKS),
    personality: pick(PERSONALITIES),
    backstory: hint ? `${backstory} ${hint.trim().replace(/[.!?]*$/, '')}.` : backstory,
    sampleLine: pick(SAMPLES),
  };
}

const clamp = (n: number) => Math.max(1, Math.min(10, Math.round(n)));

export function offlineCritique(room: RoomState): Critique {
  const path = canonicalPath(room);
  const beats = path.filter((b) => b.kind !== 'scene');
  const scenes = path.length - beats.length;
  const dialogue = beats.filter((b) => b.kind === 'dialogue');
  const speakers = new Set(dialogue.map((b) => b.character));
  const share = beats.length > 0 ? dialogue.length / beats.length : 0;
  const perScene = scenes > 0 ? beats.length / scenes : beats.length;
  const structure: CritiqueScore = {
    score: clamp(4 + Math.min(scenes, 4) + (beats.length >= 10 ? 1 : 0)),
    comment: `${scenes} scene${scenes === 1 ? '' : 's'} and ${beats.length} beats so far.`,
  };
  const pacing: CritiqueScore = {
    score: clamp(perScene > 25 ? 4 : perScene < 3 ? 5 : 7),
    comment: `About ${Math.round(perScene)} beats per scene.`,
  };
  const consistency: CritiqueScore = {
    score: clamp(5 + Math.min(room.characters.filter((c) => c.description).length, 4)),
    comment: `${room.characters.length} characters in the cast, ${speakers.size} of them have spoken.`,
  };
  const dialogueScore: CritiqueScore = {
    score: clamp(share < 0.2 ? 4 : share > 0.8 ? 5 : 7),
    comment: `${Math.round(share * 100)}% of beats are dialogue.`,
  };
  const suggestions = [
    scenes < 2
      ? 'Move to a new location to open the story up.'
      : 'Cut to a scene that shows the cost of the last choice.',
    share < 0.3
      ? 'Let the characters talk: give someone a line that reveals what they want.'
      : 'Follow a line of dialogue with an action that contradicts it.',
    speakers.size < room.characters.length
      ? 'Give a silent character a moment in the spotlight.'
      : 'Plant a secret that one character knows and the others do not.',
  ];
  return { structure, pacing, characterConsistency: consistency, dialogue: dialogueScore, suggestions };
}

/** An extractive summary: the first sentence of each beat, appended to the previous summary, newest kept. */
export function offlineSummary(request: SummaryRequest): string {
  const lines = request.beats
    .filter((beat) => beat.kind !== 'transition')
    .map((beat) => {
      const sentence = (beat.text.match(/^[^.!?。！？]*[.!?。！？]?/)?.[0] ?? beat.text).trim().slice(0, 160);
      return beat.kind === 'dialogue' ? `${beat.character}: "${sentence}"` : sentence;
    });
  const text = [request.previous ?? '', ...lines].filter(Boolean).join(' ');
  return text.length <= SUMMARY_MAX_CHARS ? text : `…${text.slice(text.length - SUMMARY_MAX_CHARS + 1)}`;
}
