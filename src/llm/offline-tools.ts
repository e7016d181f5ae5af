// The offline narrator's character designs, critiques and summaries: deterministic templates and counts
// from the room itself, so /character generate, /critique and long-story memory work without a model, in the
// story's language.

import type { CharacterDesign, Critique, CritiqueScore, SummaryRequest } from '../story/narrator.ts';
import type { SceneCard } from '../story/scene-card.ts';
import { canonicalPath } from '../story/tree.ts';
import type { RoomState } from '../story/types.ts';
import { fill, formatComment } from './offline/fill-template.ts';
import { offlineLocale, templatesFor } from './offline/templates/index.ts';
import { audienceSuggestion } from './offline-audience-suggestion.ts';
import { SUMMARY_MAX_CHARS } from './output-schemas.ts';

export function designOfflineCharacter(
  room: RoomState,
  hint: string | undefined,
  pick: <T>(items: readonly T[]) => T,
): CharacterDesign {
  const { characters, prose } = templatesFor(room.story?.language);
  const taken = new Set(room.characters.map((c) => c.name.toLowerCase()));
  const free = characters.names.filter((name) => !taken.has(name.toLowerCase()));
  const name =
    free.length > 0 ? pick(free) : fill(characters.stranger, { number: String(room.characters.length + 1) });
  const backstory = pick(characters.backstories);
  const wish = hint?.trim().replace(/[.!?…。！？]*$/, '');
  return {
    name,
    look: pick(characters.looks),
    personality: pick(characters.personalities),
    backstory: wish ? `${backstory}${prose.gap}${wish}${prose.stop}` : backstory,
    sampleLine: pick(characters.sampleLines),
  };
}

const clamp = (n: number) => Math.max(1, Math.min(10, Math.round(n)));

export function offlineCritique(room: RoomState): Critique {
  const locale = offlineLocale(room.story?.language);
  const { suggestions: say } = templatesFor(locale).critique;
  const path = canonicalPath(room);
  const beats = path.filter((b) => b.kind !== 'scene');
  const scenes = path.length - beats.length;
  const dialogue = beats.filter((b) => b.kind === 'dialogue');
  const speakers = new Set(dialogue.map((b) => b.character));
  const share = beats.length > 0 ? dialogue.length / beats.length : 0;
  const perScene = scenes > 0 ? beats.length / scenes : beats.length;
  const structure: CritiqueScore = {
    score: clamp(4 + Math.min(scenes, 4) + (beats.length >= 10 ? 1 : 0)),
    comment: formatComment(locale, 'structure', { scenes, beats: beats.length }),
  };
  const pacing: CritiqueScore = {
    score: clamp(perScene > 25 ? 4 : perScene < 3 ? 5 : 7),
    comment: formatComment(locale, 'pacing', { perScene: Math.round(perScene) }),
  };
  const consistency: CritiqueScore = {
    score: clamp(5 + Math.min(room.characters.filter((c) => c.description).length, 4)),
    comment: formatComment(locale, 'consistency', { cast: room.characters.length, spoken: speakers.size }),
  };
  const dialogueScore: CritiqueScore = {
    score: clamp(share < 0.2 ? 4 : share > 0.8 ? 5 : 7),
    comment: formatComment(locale, 'dialogue', { share: Math.round(share * 100) / 100 }),
  };
  const suggestions = [
    scenes < 2 ? say.newPlace : say.costOfChoice,
    share < 0.3 ? say.letThemTalk : say.contradictLine,
    // How the audience received the story, when its reactions say something (offline-audience.ts).
    audienceSuggestion(room) ?? (speakers.size < room.characters.length ? say.spotlight : say.plantSecret),
  ];
  return { structure, pacing, characterConsistency: consistency, dialogue: dialogueScore, suggestions };
}

/** An extractive summary: the first sentence of each beat, appended to the previous summary, newest kept. */
export function offlineSummary(request: SummaryRequest): string {
  const { summary, prose } = templatesFor(request.room.story?.language);
  const lines = request.beats
    .filter((beat) => beat.kind !== 'transition')
    .map((beat) => {
      const sentence = (beat.text.match(/^[^.!?。！？]*[.!?。！？]?/)?.[0] ?? beat.text).trim().slice(0, 160);
      return beat.kind === 'dialogue'
        ? fill(summary.quote, { name: beat.character ?? '', line: sentence })
        : sentence;
    });
  const text = [request.previous ?? '', ...lines].filter(Boolean).join(prose.gap);
  return text.length <= SUMMARY_MAX_CHARS ? text : `…${text.slice(text.length - SUMMARY_MAX_CHARS + 1)}`;
}

/**
 * A scene card from the templates: the heading's place and time, an atmosphere (the writer's notes first),
 * light, sound, two or three props, and up to three characters of the room with what each wants.
 */
export function designOfflineScene(
  room: RoomState,
  input: { heading: string; place: string; time: string; notes?: string | undefined },
  pick: <T>(items: readonly T[]) => T,
): SceneCard {
  const { sceneCards: cards, prose } = templatesFor(room.story?.language);
  const place = prose.cased ? `${input.place.charAt(0)}${input.place.slice(1).toLowerCase()}` : input.place;
  const atmosphere = pick(cards.atmospheres);
  const notes = input.notes?.trim().replace(/[.!?…。！？]*$/, '');
  const props = [...cards.props];
  const chosen: string[] = [];
  const propCount = 2 + Math.floor(pick([0, 1]));
  while (chosen.length < propCount && props.length > 0) {
    const prop = pick(props);
    chosen.push(prop);
    props.splice(props.indexOf(prop), 1);
  }
  return {
    heading: input.heading,
    location: fill(cards.location, { place, detail: pick(cards.details) }),
    timeOfDay: fill(cards.timeOfDay, { time: prose.cased ? input.time.toLowerCase() : input.time }),
    atmosphere: notes ? fill(cards.noted, { notes, atmosphere }) : atmosphere,
    lighting: pick(cards.lighting),
    sounds: pick(cards.sounds),
    props: chosen,
    present: room.characters
      .slice(-3)
      .map((character) => ({ name: character.name, wants: pick(cards.wants) })),
  };
}
