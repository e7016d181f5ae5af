// The offline narrator's recaps, reviews and the critique's audience suggestion: extractive (sentences
// taken from the story itself) and counted from the room, in the story's language, bounded in size.
import { sentimentOf } from '../story/reaction-emoji.ts';
import {
  RECAP_MAX_CHARS,
  type Recap,
  type RecapRequest,
  type Review,
  type ReviewRequest,
} from '../story/recap-review.ts';
import { receptionOf } from '../story/reception.ts';
import { canonicalPath } from '../story/tree.ts';
import type { Beat } from '../story/types.ts';
import { fill } from './offline/fill-template.ts';
import { templatesFor } from './offline/templates/index.ts';
import { offlineCritique } from './offline-tools.ts';
import { cutText } from './output-schemas.ts';

/** A beat's first sentence, at most `max` characters. */
export function firstSentence(text: string, max = 160): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  const sentence = flat.match(/^[^.!?。！？]*[.!?。！？]?/)?.[0]?.trim() || flat;
  return cutText(sentence, max);
}

/** "Previously on…": the opening, the summary's end for a long absence, then a sentence from each beat. */
export function offlineRecap(request: RecapRequest): Recap {
  const { room } = request;
  const { prose, audience } = templatesFor(room.story?.language);
  const t = audience.recap;
  const opening = fill(t.opening, { title: room.story?.title ?? '' });
  const lines: string[] = [];
  for (const beat of request.beats) {
    if (beat.kind === 'transition') continue;
    if (beat.kind === 'scene') lines.push(fill(t.scene, { heading: beat.text }));
    else if (beat.kind === 'dialogue')
      lines.push(fill(t.line, { name: beat.character ?? '', quote: firstSentence(beat.text) }));
    else lines.push(firstSentence(beat.text));
  }
  const earlier = request.summary
    ? fill(t.earlier, { summary: `…${Array.from(request.summary).slice(-300).join('')}` })
    : '';
  const parts = [opening, earlier, ...lines].filter(Boolean);
  let text = parts.join(prose.gap === '' ? '' : '\n');
  // Too long: the newest beats stay, the oldest give way (after the opening).
  while (text.length > RECAP_MAX_CHARS && parts.length > 2) {
    parts.splice(1, 1);
    text = [parts[0], '…', ...parts.slice(1)].join(prose.gap === '' ? '' : '\n');
  }
  return { text: cutText(text, RECAP_MAX_CHARS) };
}

const quoteOf = (beat: Beat) => firstSentence(beat.text, 120);

/** A critic's review counted from the room: the critique's scores, the reactions, lines from the story. */
export function offlineReview(request: ReviewRequest): Review {
  const { room, personal } = request;
  const { prose, audience } = templatesFor(room.story?.language);
  const t = audience.review;
  const story = room.story;
  const path = canonicalPath(room);
  const beats = path.filter((beat) => beat.kind !== 'scene');
  const scenes = path.length - beats.length;
  const cast =
    room.characters
      .map((c) => c.name)
      .slice(0, 3)
      .join(prose.gap === '' ? '、' : ', ') || t.nobody;
  const logline = story?.premise
    ? fill(t.loglineWithPremise, {
        title: story.title,
        genre: story.genre,
        premise: firstSentence(story.premise, 200),
      })
    : fill(t.logline, { title: story?.title ?? '', genre: story?.genre ?? '', cast });
  const first = beats[0];
  const last = beats.at(-1);
  const synopsis =
    first && last && first !== last
      ? fill(scenes > 1 ? t.synopsis : t.synopsisOneScene, {
          scenes: String(Math.max(1, scenes)),
          beats: String(beats.length),
          first: quoteOf(first),
          last: quoteOf(last),
        })
      : fill(t.synopsisShort, {
          beats: String(beats.length),
          first: first ? quoteOf(first) : (path[0]?.text ?? ''),
        });

  const critique = offlineCritique(room);
  const aspects = [
    ['structure', critique.structure.score],
    ['pacing', critique.pacing.score],
    ['consistency', critique.characterConsistency.score],
    ['dialogue', critique.dialogue.score],
  ] as const;
  const ranked = [...aspects].sort((a, b) => b[1] - a[1]);
  const strengths = ranked.slice(0, 2).map(([aspect]) => t.strengths[aspect]);
  const weaknesses = ranked.slice(-1).map(([aspect]) => t.weaknesses[aspect]);
  const reception = receptionOf(room);
  if (reception?.liked) strengths.unshift(fill(t.audienceLoved, { quote: quoteOf(reception.liked.beat) }));
  if (reception?.disliked)
    weaknesses.unshift(fill(t.audienceCold, { quote: quoteOf(reception.disliked.beat) }));

  const mean = aspects.reduce((sum, [, score]) => sum + score, 0) / aspects.length;
  const mood = reception ? Math.sign(reception.positive - reception.negative) * 0.5 : 0;
  const stars = Math.max(1, Math.min(5, Math.round((mean / 2 + mood) * 2) / 2));

  const dialogue = beats.filter((beat) => beat.kind === 'dialogue' && beat.text.length <= 200);
  const longest = [...dialogue].sort((a, b) => b.text.length - a.text.length)[0];
  // Never a scene heading or a transition: a poster quotes what happens or what is said.
  const told = beats.find((beat) => beat.kind === 'action' || beat.kind === 'dialogue');
  const quoted = reception?.liked?.beat ?? longest ?? told ?? first ?? path[0];
  const pullQuote = quoted ? quoteOf(quoted) : (story?.title ?? '');

  let forYou: string | undefined;
  if (personal) {
    const said: string[] = [];
    for (const vote of personal.backed.slice(0, 2)) {
      if (!vote.won) said.push(fill(t.backedLost, { option: vote.option }));
      else if (vote.steered)
        said.push(fill(t.backedWon, { option: vote.option, followed: quoteOf(vote.steered) }));
      else said.push(fill(t.backedWonPending, { option: vote.option }));
    }
    for (const reaction of personal.reacted.slice(0, 2)) {
      const warm =
        reaction.emoji.some((e) => sentimentOf(e) === 'positive') || reaction.sentiment === 'positive';
      said.push(
        fill(warm ? t.reactedWarm : t.reactedCold, {
          emoji: reaction.emoji.join(''),
          quote: quoteOf(reaction.beat),
        }),
      );
    }
    forYou = cutText(said.length > 0 ? said.join(prose.gap) : t.nothingYet, 800);
  }
  return {
    logline: cutText(logline, 300),
    synopsis: cutText(synopsis, 1000),
    strengths: strengths.slice(0, 3),
    weaknesses: weaknesses.slice(0, 3),
    stars,
    pullQuote: cutText(pullQuote, 200),
    forYou,
  };
}
