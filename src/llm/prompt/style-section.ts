// The room's style in the prompt: the notes, the sample's measured profile and the sample itself, fenced as
// story material. assemble-prompt.ts puts it at the end of the story bible, the stable part of the prompt, and
// caps it to its share of the budget (the sample gives way first, keeping its start), so the same style and
// budget always give the same bytes and consecutive prompts keep their shared prefix.
import { styleProfile } from '../../story/style.ts';
import type { RoomStyle } from '../../story/types.ts';
import { MATERIAL_CLOSE, MATERIAL_OPEN, material, materialBody } from './story-material.ts';
import { estimateTokens } from './token-estimate.ts';

/** The style's share of the prompt budget (context minus the reply's allowance). */
export const STYLE_SHARE = 0.2;
/** Below this many tokens left for it, the sample is left out rather than shown as a stub. */
const SAMPLE_MIN_TOKENS = 24;
const NOTES_MAX = 300;
const SAMPLE_MAX = 2000;

export type CapToTokens = (text: string, max: number) => string;

// A style object is replaced when the style changes; its section is built once per budget.
const built = new WeakMap<RoomStyle, Map<number, string>>();

function describeProfile(style: RoomStyle): string | undefined {
  const profile = styleProfile(style);
  if (!profile || profile.tokens === 0) return undefined;
  const unit = profile.unit === 'characters' ? 'characters' : 'words';
  const words = profile.functionWords
    .slice(0, 5)
    .map((use) => use.word)
    .join(', ');
  return [
    `Measured on the sample: sentences average ${profile.meanSentenceLength} ${unit};`,
    `dialogue is ${Math.round(profile.dialogueShare * 100)}% of the text;`,
    `type-token ratio ${profile.typeTokenRatio}${words ? `; frequent function words: ${words}` : ''}.`,
  ].join(' ');
}

/** The style section within `maxTokens`, or '' without a style. */
export function styleSection(style: RoomStyle | undefined, maxTokens: number, cap: CapToTokens): string {
  if (!style) return '';
  let byBudget = built.get(style);
  if (!byBudget) {
    byBudget = new Map();
    built.set(style, byBudget);
  }
  let section = byBudget.get(maxTokens);
  if (section === undefined) {
    section = buildSection(style, maxTokens, cap);
    byBudget.set(maxTokens, section);
  }
  return section;
}

function buildSection(style: RoomStyle, maxTokens: number, cap: CapToTokens): string {
  const lines = [
    "ROOM STYLE (the group's chosen manner: write every beat, line, scene and option like this, in place of the default manner above; the rules on content, rating, language and the JSON answer still hold, and the story's facts come from the bible and the beats, never from the sample)",
  ];
  if (style.notes) lines.push(`Notes: ${material(style.notes, NOTES_MAX)}`);
  const profile = describeProfile(style);
  if (profile) lines.push(profile);
  const head = lines.join('\n');
  if (!style.sample) return estimateTokens(head) <= maxTokens ? head : cap(head, maxTokens);
  const intro = 'Sample to imitate (its manner, not its events or names):';
  const left = maxTokens - estimateTokens(`${head}\n${intro}\n${MATERIAL_OPEN}\n\n${MATERIAL_CLOSE}`) - 2;
  if (left < SAMPLE_MIN_TOKENS) return estimateTokens(head) <= maxTokens ? head : cap(head, maxTokens);
  const sample = cap(materialBody(style.sample, SAMPLE_MAX), left);
  return `${head}\n${intro}\n${MATERIAL_OPEN}\n${sample}\n${MATERIAL_CLOSE}`;
}
