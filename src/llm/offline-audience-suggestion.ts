// The offline critique's third suggestion from the reactions, when they say something: the audience's
// favourite character, or a beat that fell flat (in the story's language).
import { receptionOf } from '../story/reception.ts';
import type { RoomState } from '../story/types.ts';
import { fill } from './offline/fill-template.ts';
import { templatesFor } from './offline/templates/index.ts';
import { cutText } from './output-schemas.ts';

const quoteOf = (text: string) =>
  cutText(
    text
      .replace(/\s+/g, ' ')
      .trim()
      .match(/^[^.!?。！？]*[.!?。！？]?/)?.[0]
      ?.trim() || text,
    120,
  );

/** The critique's third suggestion from the reactions, when they say something: a favourite, or a flat beat. */
export function audienceSuggestion(room: RoomState): string | undefined {
  const reception = receptionOf(room);
  if (!reception) return undefined;
  const t = templatesFor(room.story?.language).audience.critique;
  if (reception.favourite) return fill(t.favourite, { name: reception.favourite.name });
  if (reception.disliked) return fill(t.cold, { quote: quoteOf(reception.disliked.beat.text) });
  return undefined;
}
