// Style figures: how close beats written under a room's style come to its sample. For each sample (short and
// terse, long and ornate, dialogue-heavy; English and Chinese) the same story is written twice by the same
// narrator and seed, with the style and without it, and the distance between the sample's profile and the
// profile of the beats (src/story/style-profile.ts: actions as they are, lines in quotes) is reported for both.
// The offline narrator writes here; with LLM_MODEL set the same harness asks that model (its figures then
// depend on the model and are not held to the target).
import Keyv from 'keyv';
import { createNarratorFromConfig } from '../src/llm/create-narrator.ts';
import { llmConfigSchema } from '../src/llm/llm-config.ts';
import { createOfflineNarrator } from '../src/llm/offline-narrator.ts';
import { silentLogger } from '../src/logger.ts';
import { createKeyvEventStore } from '../src/store/keyv-event-store.ts';
import { createStoryEngine } from '../src/story/engine.ts';
import type { Narrator } from '../src/story/narrator.ts';
import { beatsAsProse, profileOf, type StyleDistance, styleDistance } from '../src/story/style-profile.ts';
import { canonicalPath } from '../src/story/tree.ts';
import type { Actor, RoomRef } from '../src/story/types.ts';
import { createFakeClock } from '../test/helpers/fake-clock.ts';
import { STYLE_SAMPLES, type StyleSample } from './style-samples.ts';

/** Beats written under each style. */
export const STYLE_BEATS = 40;
/** The offline narrator's target: closer with the style than without, and at most this far. */
export const STYLE_DISTANCE_MAX = 0.25;

const mod: Actor = { id: 'mod', name: 'Mo', role: 'moderator' };
const CAST: Record<StyleSample['language'], [string, string][]> = {
  en: [
    ['Vera', 'A safecracker with one last job'],
    ['Sam', 'The getaway driver'],
  ],
  'zh-CN': [
    ['林晚', '最后干一票的开锁匠'],
    ['周屹', '负责接应的司机'],
  ],
};

async function writeStory(narrator: Narrator, sample: StyleSample, styled: boolean): Promise<string> {
  const engine = createStoryEngine({
    store: createKeyvEventStore(new Keyv()),
    narrator,
    clock: createFakeClock(),
    logger: silentLogger,
  });
  const room: RoomRef = { platform: 'console', workspaceId: 'bench', channelId: `style-${sample.name}` };
  try {
    await engine.startStory(room, mod, {
      title: sample.language === 'en' ? 'The Harbour' : '港口',
      language: sample.language,
      heading: sample.language === 'en' ? 'EXT. HARBOUR - NIGHT' : '外景 港口 - 夜',
    });
    for (const [name, description] of CAST[sample.language])
      await engine.addCharacter(room, mod, { name, description });
    if (styled) await engine.setStyle(room, mod, { sample: sample.text });
    for (let i = 0; i < STYLE_BEATS; i++) await engine.continueStory(room, mod, {});
    return beatsAsProse(canonicalPath(await engine.room(room)));
  } finally {
    await engine.stop();
  }
}

export interface StyleSampleFigures {
  sample: string;
  withStyle: StyleDistance;
  withoutStyle: StyleDistance;
  sampleProfile: { meanSentenceLength: number; dialogueShare: number; typeTokenRatio: number };
  beatsProfile: { meanSentenceLength: number; dialogueShare: number; typeTokenRatio: number };
  meetsTarget: boolean;
}

const brief = (profile: ReturnType<typeof profileOf>) => ({
  meanSentenceLength: profile.meanSentenceLength,
  dialogueShare: profile.dialogueShare,
  typeTokenRatio: profile.typeTokenRatio,
});

/** The distance figures for every sample, with `narrator` (the offline narrator, seed 1, by default). */
export async function styleFigures(narrator: Narrator = createOfflineNarrator({ seed: 1 })) {
  const samples: StyleSampleFigures[] = [];
  for (const sample of STYLE_SAMPLES) {
    const target = profileOf(sample.text);
    const styledText = await writeStory(narrator, sample, true);
    const plainText = await writeStory(narrator, sample, false);
    const withStyle = styleDistance(target, profileOf(styledText));
    const withoutStyle = styleDistance(target, profileOf(plainText));
    samples.push({
      sample: sample.name,
      withStyle,
      withoutStyle,
      sampleProfile: brief(target),
      beatsProfile: brief(profileOf(styledText)),
      meetsTarget: withStyle.total < withoutStyle.total && withStyle.total <= STYLE_DISTANCE_MAX,
    });
  }
  return {
    beatsPerStory: STYLE_BEATS,
    samples,
    target: `for every sample: distance with the style < distance without it, and <= ${STYLE_DISTANCE_MAX}`,
    meetsTarget: samples.every((figures) => figures.meetsTarget),
    note: 'Distance: the mean of four parts from 0 to 1 (sentence length as |ln ratio| / ln 4, dialogue share, 2 x type-token ratio (MATTR-50) difference, total variation of the function-word mix); see src/story/style-profile.ts.',
  };
}

/** With LLM_MODEL set, the same harness against that model (figures only: no target holds for every model). */
export async function benchStyle() {
  const offline = await styleFigures();
  const config = llmConfigSchema.safeParse(process.env);
  if (!config.success || !config.data.enabled) return { offline };
  const narrator = createNarratorFromConfig(config.data, { logger: silentLogger });
  const model = await styleFigures(narrator);
  return { offline, model: { model: config.data.endpoints[0]?.model, ...model, meetsTarget: undefined } };
}
