// The offline narrator under a room style: its sentences move toward the sample's length, its share of
// dialogue toward the sample's, in English and in Chinese, the same for the same seed.
import Keyv from 'keyv';
import { describe, expect, it } from 'vitest';
import { STYLE_SAMPLES } from '../../bench/style-samples.ts';
import { createOfflineNarrator } from '../../src/llm/offline-narrator.ts';
import { silentLogger } from '../../src/logger.ts';
import { createKeyvEventStore } from '../../src/store/keyv-event-store.ts';
import { createStoryEngine } from '../../src/story/engine.ts';
import { beatsAsProse, profileOf } from '../../src/story/style-profile.ts';
import { canonicalPath } from '../../src/story/tree.ts';
import type { Actor, RoomRef } from '../../src/story/types.ts';
import { createFakeClock } from '../helpers/fake-clock.ts';

const mod: Actor = { id: 'u-mod', name: 'Mo', role: 'moderator' };
const room: RoomRef = { platform: 'console', workspaceId: 'local', channelId: 'offline-style' };
const sample = (name: string) => STYLE_SAMPLES.find((s) => s.name === name)?.text ?? '';

async function write(options: { sample?: string; language?: string; seed?: number; beats?: number }) {
  const engine = createStoryEngine({
    store: createKeyvEventStore(new Keyv()),
    narrator: createOfflineNarrator({ seed: options.seed ?? 1 }),
    clock: createFakeClock(),
    logger: silentLogger,
  });
  await engine.startStory(room, mod, { title: 'T', language: options.language ?? 'en' });
  const names = options.language === 'zh-CN' ? ['林晚', '周屹'] : ['Vera', 'Sam'];
  for (const name of names) await engine.addCharacter(room, mod, { name });
  if (options.sample) await engine.setStyle(room, mod, { sample: options.sample });
  for (let i = 0; i < (options.beats ?? 30); i++) await engine.continueStory(room, mod, {});
  await engine.writeLine(room, mod, { character: names[0] as string });
  const beats = canonicalPath(await engine.room(room));
  await engine.stop();
  return { beats, profile: profileOf(beatsAsProse(beats)) };
}

describe('the offline narrator following the room style', () => {
  it('writes short sentences under a terse sample and long ones under an ornate one', async () => {
    const plain = await write({});
    const terse = await write({ sample: sample('en-terse') });
    const ornate = await write({ sample: sample('en-ornate') });
    const target = (name: string) => profileOf(sample(name)).meanSentenceLength;
    expect(terse.profile.meanSentenceLength).toBeLessThan(plain.profile.meanSentenceLength);
    expect(Math.abs(terse.profile.meanSentenceLength - target('en-terse'))).toBeLessThan(1);
    expect(ornate.profile.meanSentenceLength).toBeGreaterThan(3 * plain.profile.meanSentenceLength);
    expect(ornate.profile.meanSentenceLength / target('en-ornate')).toBeGreaterThan(0.8);
  });

  it('writes lines as often as the sample has dialogue', async () => {
    const plain = await write({});
    const talky = await write({ sample: sample('en-dialogue') });
    const quiet = await write({ sample: sample('en-terse') });
    const wanted = profileOf(sample('en-dialogue')).dialogueShare;
    expect(Math.abs(talky.profile.dialogueShare - wanted)).toBeLessThan(0.1);
    expect(talky.profile.dialogueShare).toBeGreaterThan(plain.profile.dialogueShare + 0.2);
    // The terse sample has no dialogue: only the final /line is one.
    expect(quiet.beats.filter((beat) => beat.kind === 'dialogue')).toHaveLength(1);
  });

  it('follows a Chinese sample in Chinese, joining with Chinese commas', async () => {
    const ornate = await write({ language: 'zh-CN', sample: sample('zh-ornate') });
    expect(ornate.profile.unit).toBe('characters');
    const action = ornate.beats.find((beat) => beat.kind === 'action');
    expect(action?.text).toMatch(/^[^a-zA-Z]+$/);
    expect(action?.text).toContain('，');
    expect(ornate.profile.meanSentenceLength).toBeGreaterThan(60);
    const terse = await write({ language: 'zh-CN', sample: sample('zh-terse') });
    expect(terse.profile.meanSentenceLength).toBeLessThan(9);
  });

  it('writes the same beats for the same seed and story, and others for another seed', async () => {
    const a = await write({ sample: sample('en-ornate'), beats: 10 });
    const b = await write({ sample: sample('en-ornate'), beats: 10 });
    const c = await write({ sample: sample('en-ornate'), beats: 10, seed: 2 });
    const texts = (run: typeof a) => run.beats.map((beat) => beat.text);
    expect(texts(b)).toEqual(texts(a));
    expect(texts(c)).not.toEqual(texts(a));
  });
});
