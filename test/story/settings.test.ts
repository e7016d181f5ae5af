import Keyv from 'keyv';
import { describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/logger.ts';
import { createKeyvEventStore } from '../../src/store/keyv-event-store.ts';
import { createStoryEngine } from '../../src/story/engine.ts';
import { createFakeClock } from '../helpers/fake-clock.ts';
import { createRecordingNarrator } from '../helpers/recording-narrator.ts';
import { alice, mod, room } from '../helpers/story-fixture.ts';
import { expectUserError } from '../helpers/user-error.ts';

async function engineWithModels(models?: string[]) {
  const store = createKeyvEventStore(new Keyv());
  const clock = createFakeClock();
  const narrator = { ...createRecordingNarrator(), models };
  const make = () => createStoryEngine({ store, narrator, clock, logger: silentLogger });
  const engine = make();
  await engine.startStory(room, mod, { title: 'Models' });
  return { engine, make };
}

describe("a room's model", () => {
  it('can be chosen by a moderator from the allow-list, and reset to the default', async () => {
    const { engine, make } = await engineWithModels(['big-model', 'small-model']);
    expect((await engine.updateSettings(room, mod, { model: 'small-model' })).model).toBe('small-model');
    expect((await make().room(room)).settings.model).toBe('small-model');
    expect((await engine.updateSettings(room, mod, { model: 'default' })).model).toBeUndefined();
    expect((await make().room(room)).settings.model).toBeUndefined();
  });

  it('refuses a model outside the allow-list, naming the allowed ones', async () => {
    const { engine } = await engineWithModels(['big-model', 'small-model']);
    await expectUserError(
      engine.updateSettings(room, mod, { model: 'gpt-9' }),
      /"gpt-9" is not one of the allowed models: big-model, small-model/,
    );
    await expectUserError(engine.updateSettings(room, alice, { model: 'small-model' }), /Only moderators/);
  });

  it('says so when the narrator offers no choice', async () => {
    const { engine } = await engineWithModels();
    await expectUserError(engine.updateSettings(room, mod, { model: 'x' }), /LLM_MODELS_ALLOWED/);
  });

  it('keeps the character-voices switch across a restart', async () => {
    const { engine, make } = await engineWithModels();
    expect((await engine.room(room)).settings.characterVoices).toBe(false);
    await engine.updateSettings(room, mod, { characterVoices: true });
    expect((await make().room(room)).settings.characterVoices).toBe(true);
  });
});

describe('the settings panel', () => {
  it('shows the settings to moderators only', async () => {
    const { engine } = await engineWithModels();
    expect(await engine.settings(room, mod)).toMatchObject({
      voteDurationMs: 60_000,
      whoMayContinue: 'everyone',
    });
    await expectUserError(engine.settings(room, alice), 'Only moderators can see the room settings.');
  });
});
