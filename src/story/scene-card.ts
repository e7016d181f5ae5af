// A scene card (/scene build): the scene designed before it is written, as the narrator proposes it and as the
// scene keeps it once accepted. Every field is normalized and bounded here, whoever wrote it (a model, the
// offline templates, a stored proposal), so the card fits a Discord field, the prompt and the store.
import { z } from 'zod';
import { cutText } from './cut-text.ts';
import { normalizeLabel, normalizeProse } from './normalize-text.ts';

/** How long each part of a card may be, in UTF-16 units (a Discord field value holds 1,024). */
export const CARD_LIMITS = {
  heading: 120,
  field: 200,
  props: 6,
  prop: 60,
  present: 8,
  name: 40,
  wants: 160,
} as const;

export interface ScenePerson {
  name: string;
  /** What this person wants here, in this scene. */
  wants: string;
}

export interface SceneCard {
  /** The scene heading it opens under, e.g. "INT. DINER - NIGHT". */
  heading: string;
  location: string;
  timeOfDay: string;
  atmosphere: string;
  lighting: string;
  sounds: string;
  /** Key props, each a short phrase. */
  props: string[];
  /** Who is present and what each wants here. */
  present: ScenePerson[];
}

export const sceneCardSchema = z.object({
  heading: z.string(),
  location: z.string(),
  timeOfDay: z.string(),
  atmosphere: z.string(),
  lighting: z.string(),
  sounds: z.string(),
  props: z.array(z.string()),
  present: z.array(z.object({ name: z.string(), wants: z.string() })),
}) satisfies z.ZodType<SceneCard>;

/** At most `max` UTF-16 units, cut between grapheme clusters (see cut-text.ts). */
export const cutGraphemes = cutText;

const label = (text: string, max: number) => cutGraphemes(normalizeLabel(text), max);
// Card fields are shown as one paragraph each: line breaks become spaces.
const field = (text: string, max: number) => cutGraphemes(normalizeLabel(normalizeProse(text)), max);

/**
 * The card with every field normalized (NFC, no invisible or control characters, one line) and cut to its
 * limit; empty props and people are dropped, and a name listed twice keeps its first entry.
 */
export function normalizeSceneCard(card: SceneCard): SceneCard {
  const seen = new Set<string>();
  const present: ScenePerson[] = [];
  for (const person of card.present) {
    const name = label(person.name, CARD_LIMITS.name);
    const key = name.toLowerCase();
    if (!name || seen.has(key)) continue;
    seen.add(key);
    present.push({ name, wants: field(person.wants, CARD_LIMITS.wants) });
    if (present.length === CARD_LIMITS.present) break;
  }
  return {
    heading: label(card.heading, CARD_LIMITS.heading),
    location: field(card.location, CARD_LIMITS.field),
    timeOfDay: field(card.timeOfDay, CARD_LIMITS.field),
    atmosphere: field(card.atmosphere, CARD_LIMITS.field),
    lighting: field(card.lighting, CARD_LIMITS.field),
    sounds: field(card.sounds, CARD_LIMITS.field),
    props: card.props
      .map((prop) => label(prop, CARD_LIMITS.prop))
      .filter(Boolean)
      .slice(0, CARD_LIMITS.props),
    present,
  };
}

/** The longest a card's text form may be: every field at its limit, with the separators. */
export const CARD_TEXT_MAX =
  5 * (CARD_LIMITS.field + 2) +
  CARD_LIMITS.props * (CARD_LIMITS.prop + 2) +
  CARD_LIMITS.present * (CARD_LIMITS.name + CARD_LIMITS.wants + 4);

/**
 * The card as one paragraph of story material (the scene's description in exports, the prompt's block): the
 * place, time, atmosphere, light and sound, the props, then each person and what they want. Data, not
 * prose: the labels are the caller's (the prompt's English ones, or none).
 */
export function sceneCardParts(card: SceneCard): { key: keyof SceneCard | 'person'; text: string }[] {
  const parts: { key: keyof SceneCard | 'person'; text: string }[] = [];
  for (const key of ['location', 'timeOfDay', 'atmosphere', 'lighting', 'sounds'] as const)
    if (card[key]) parts.push({ key, text: card[key] });
  if (card.props.length > 0) parts.push({ key: 'props', text: card.props.join(', ') });
  for (const person of card.present)
    parts.push({ key: 'person', text: person.wants ? `${person.name}: ${person.wants}` : person.name });
  return parts;
}

/** The one line a scene built from a card shows under its heading (exports, the terminal): place, time, mood. */
export function cardDescription(card: SceneCard, max: number): string {
  return cutGraphemes([card.location, card.timeOfDay, card.atmosphere].filter(Boolean).join(' · '), max);
}
