// The scene card task (/scene build): what the model is asked, the JSON it answers in, and the check after
// parsing. Like the other schemas it carries only types; lengths are cut and a bad heading or empty fields
// are sent back in the one repair attempt.
import type { z } from 'zod';
import type { NarrationRequest } from '../story/narrator.ts';
import { cleanHeading } from '../story/rules.ts';
import { CARD_LIMITS, normalizeSceneCard, type SceneCard, sceneCardSchema } from '../story/scene-card.ts';
import type { TaskSpec } from './narration-tasks.ts';
import { offlineLocale, templatesFor } from './offline/templates/index.ts';
import type { Finish } from './output-schemas.ts';
import { MATERIAL_MAX, material } from './prompt/story-material.ts';
import { languageName } from './prompt/system-prompt.ts';

/** What the model answers: the card's own shape (story/scene-card.ts), checked and cleaned before use. */
export const sceneCardModelSchema = sceneCardSchema;

type Raw = z.infer<typeof sceneCardModelSchema>;

const REQUIRED = ['location', 'timeOfDay', 'atmosphere', 'lighting', 'sounds'] as const;

/** The card normalized and cut to its limits; the given heading replaces the model's when there is one. */
export const finishSceneCard =
  (heading: string | undefined): Finish<Raw, SceneCard> =>
  (raw) => {
    const card = normalizeSceneCard({ ...raw, heading: heading ?? raw.heading });
    const empty = REQUIRED.find((key) => !card[key]);
    if (empty) return { ok: false, problem: `"${empty}" is empty` };
    try {
      card.heading = cleanHeading(card.heading);
    } catch {
      return {
        ok: false,
        problem: '"heading" must start with INT., EXT. (or the language\'s own form), then a place',
      };
    }
    return { ok: true, value: card };
  };

export function sceneCardTask(
  request: NarrationRequest & { heading?: string | undefined; notes?: string | undefined },
) {
  const { room } = request;
  const language = room.story?.language ?? 'en';
  const { kinds, places, times } = templatesFor(language).scenes;
  const example = `${kinds[0]} ${places[0]} - ${times[0]}`;
  const cast = room.characters.map((c) => c.name.toUpperCase()).join(', ') || 'none yet';
  return {
    name: 'scene_card',
    schema: sceneCardModelSchema,
    finish: finishSceneCard(request.heading),
    stream: 'atmosphere',
    instruction: [
      'Design the next scene before it is written, as a scene card for the writers and a storyboard artist.',
      request.heading
        ? `The scene heading is ${material(request.heading, CARD_LIMITS.heading)}; keep it as the "heading".`
        : `Give it a screenplay heading like "${example}"${offlineLocale(language) === 'en' ? '' : ` (${kinds.join(' / ')})`}.`,
      request.notes ? `The writers' notes for it: ${material(request.notes, MATERIAL_MAX.hint)}` : '',
      `Characters in the story: ${cast}. List who is present (story characters first) and what each wants in this scene; at most ${CARD_LIMITS.present}.`,
      `Keep each text field under ${CARD_LIMITS.field} characters; at most ${CARD_LIMITS.props} key props of a few words each.`,
      'Answer with JSON: {"heading": the heading, "location": where exactly, "timeOfDay": when, "atmosphere": the mood, "lighting": the light, "sounds": what we hear, "props": [key props], "present": [{"name": who, "wants": what they want here}]}.',
      `Write every text field in ${languageName(language)} (${language}); the JSON keys stay in English.`,
    ]
      .filter(Boolean)
      .join('\n'),
  } satisfies TaskSpec<Raw, SceneCard>;
}
