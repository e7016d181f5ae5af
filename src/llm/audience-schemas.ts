// What the model answers /recap and /review with; lengths and counts are checked after parsing (as in
// output-schemas.ts), and a complaint goes back to the model in the one repair attempt.
import { z } from 'zod';
import { RECAP_MAX_CHARS, type Recap, type Review } from '../story/recap-review.ts';
import { cutText, type Finish } from './output-schemas.ts';

export const recapSchema = z.object({ text: z.string() });

export const reviewSchema = z.object({
  logline: z.string(),
  synopsis: z.string(),
  strengths: z.array(z.string()),
  weaknesses: z.array(z.string()),
  stars: z.number(),
  pullQuote: z.string(),
  forYou: z.string().nullable(),
});

const clean = (text: string | null | undefined) => (text ?? '').replace(/\r\n?/g, '\n').trim();

export const finishRecap: Finish<z.infer<typeof recapSchema>, Recap> = (raw) => {
  const text = clean(raw.text);
  if (!text) return { ok: false, problem: '"text" is empty' };
  return { ok: true, value: { text: cutText(text, RECAP_MAX_CHARS) } };
};

export const finishReview =
  (personal: boolean): Finish<z.infer<typeof reviewSchema>, Review> =>
  (raw) => {
    if (!Number.isFinite(raw.stars) || raw.stars < 1 || raw.stars > 5)
      return { ok: false, problem: '"stars" must be a number from 1 to 5' };
    const list = (items: string[]) =>
      items
        .map(clean)
        .filter(Boolean)
        .slice(0, 3)
        .map((item) => cutText(item, 300));
    const strengths = list(raw.strengths);
    const weaknesses = list(raw.weaknesses);
    const fields = {
      logline: clean(raw.logline),
      synopsis: clean(raw.synopsis),
      pullQuote: clean(raw.pullQuote),
    };
    const empty = Object.entries(fields).find(([, value]) => !value);
    if (empty) return { ok: false, problem: `"${empty[0]}" is empty` };
    if (strengths.length === 0 || weaknesses.length === 0)
      return { ok: false, problem: 'give one to three "strengths" and one to three "weaknesses"' };
    const forYou = clean(raw.forYou);
    if (personal && !forYou) return { ok: false, problem: '"forYou" is empty; this review is personal' };
    return {
      ok: true,
      value: {
        logline: cutText(fields.logline, 300),
        synopsis: cutText(fields.synopsis, 1000),
        strengths,
        weaknesses,
        stars: Math.round(raw.stars * 2) / 2,
        pullQuote: cutText(fields.pullQuote.replace(/^["“”]+|["“”]+$/g, ''), 200),
        forYou: personal ? cutText(forYou, 800) : undefined,
      },
    };
  };
