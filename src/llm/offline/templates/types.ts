// The shape every language's offline-narrator templates share. A language is one data file of this type
// (en.ts, zh-CN.ts) registered in index.ts: the compiler then asks for every key, so none can be forgotten.
//
// Placeholders: {who} (a character name or `someone`), {mood}, {place}, {name}, {kind}, {time}, {direction},
// {line}. Critique comments are ICU MessageFormat (plurals and number formats for the language).

import type { AudienceTemplates } from './audience-types.ts';

export interface OfflineTemplates {
  /** How sentences are put together in this language. */
  prose: {
    /** Between two sentences: a space in English, nothing in Chinese. */
    gap: string;
    /** Ends a sentence made from a person's direction or hint. */
    stop: string;
    /** Whether the language has letter case: a direction then opens capitalized, and places are lowercased. */
    cased: boolean;
  };
  beats: {
    /** Action paragraphs: {who}, {mood}, {place}. */
    actions: readonly string[];
    /** Lines of dialogue: {place}. */
    lines: readonly string[];
    parentheticals: readonly string[];
    /** Fills {mood}. */
    moods: readonly string[];
    /** {who} when the room has no characters yet. */
    someone: string;
    /** How {place} reads in a sentence, from the current scene's place ("the {place}"). */
    place: string;
    /** The place when there is no scene yet. */
    noPlace: string;
  };
  options: {
    /** Branch options for a vote, short phrases. */
    pool: readonly string[];
    /** Options about a character in the room: {name}. */
    aboutCharacter: readonly string[];
  };
  scenes: {
    /** Heading prefixes: the first two are interior and exterior; all are recognized in a heading. */
    kinds: readonly [interior: string, exterior: string, ...others: string[]];
    places: readonly string[];
    times: readonly string[];
    /** The heading from {kind}, {place} and {time}, e.g. "INT. DINER - NIGHT". */
    heading: string;
    /** The setting when a direction steers the scene: {direction}. */
    described: string;
    /** The setting otherwise. */
    undirected: string;
  };
  /** Scene cards (/scene build). */
  sceneCards: {
    /** Where, from the heading's place: {place}, {detail}. */
    location: string;
    details: readonly string[];
    /** When, from the heading's time: {time}. */
    timeOfDay: string;
    atmospheres: readonly string[];
    /** The atmosphere when the writer's notes steer the card: {notes}, {atmosphere}. */
    noted: string;
    lighting: readonly string[];
    sounds: readonly string[];
    /** Key props; a card takes two or three. */
    props: readonly string[];
    /** What a character present wants here. */
    wants: readonly string[];
    /** Action beats in a scene built from a card, around one of its props: {who}, {mood}, {prop}. */
    propActions: readonly string[];
  };
  characters: {
    names: readonly string[];
    /** A name when every name above is taken: {number}. */
    stranger: string;
    looks: readonly string[];
    personalities: readonly string[];
    backstories: readonly string[];
    sampleLines: readonly string[];
  };
  critique: {
    /** ICU: {scenes}, {beats}. */
    structure: string;
    /** ICU: {perScene}. */
    pacing: string;
    /** ICU: {cast}, {spoken}. */
    consistency: string;
    /** ICU: {share}, a fraction (0.25), for `{share, number, percent}`. */
    dialogue: string;
    suggestions: {
      newPlace: string;
      costOfChoice: string;
      letThemTalk: string;
      contradictLine: string;
      spotlight: string;
      plantSecret: string;
    };
  };
  summary: {
    /** A line of dialogue in the summary: {name}, {line}. */
    quote: string;
  };
  /** Following the room's style (offline/follow-style.ts). */
  style: {
    /** Descriptive clauses that lengthen a sentence toward a long-sentenced sample; no placeholders. */
    clauses: readonly string[];
    /** Joins what were two sentences into one: ", and " in English, "，" in Chinese. */
    join: string;
    /** Between the clauses of one sentence: ", " in English, "，" in Chinese. */
    comma: string;
  };
  /** Recaps, reviews and the critique's suggestion from reactions (audience-types.ts). */
  audience: AudienceTemplates;
}
