// /scene build, accept, discard and picture typed in the terminal room: the card printed as fields, the scene
// opened from it, and the storyboard frame saved under the exports folder; in English and in Chinese.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Keyv from 'keyv';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createConsoleSession } from '../../../src/adapters/console/console-session.ts';
import { saveFile } from '../../../src/adapters/console/save-file.ts';
import { commands } from '../../../src/commands/index.ts';
import { imageConfigSchema } from '../../../src/llm/image-config.ts';
import { createOfflineNarrator } from '../../../src/llm/offline-narrator.ts';
import { createOpenAiIllustrator } from '../../../src/llm/openai-illustrator.ts';
import { silentLogger } from '../../../src/logger.ts';
import { createKeyvEventStore } from '../../../src/store/keyv-event-store.ts';
import { createStoryEngine } from '../../../src/story/engine.ts';
import type { RoomRef } from '../../../src/story/types.ts';
import { createFakeClock } from '../../helpers/fake-clock.ts';
import { type FakeImagesServer, startFakeImagesServer, tinyPng } from '../../helpers/fake-images-server.ts';

let dir: string;
let images: FakeImagesServer;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'storyroom-frames-'));
  images = await startFakeImagesServer();
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
  await images.close();
});

function session(options: { locale?: string; pictures?: boolean } = {}) {
  const clock = createFakeClock(Date.parse('2026-11-20T20:00:00Z'));
  const engine = createStoryEngine({
    store: createKeyvEventStore(new Keyv()),
    narrator: createOfflineNarrator({ seed: 3 }),
    clock,
    logger: silentLogger,
    illustrator:
      options.pictures === false
        ? undefined
        : createOpenAiIllustrator(
            imageConfigSchema.parse({ IMAGE_BASE_URL: images.baseURL, IMAGE_MODEL: 'sd-test' }),
            { logger: silentLogger },
          ),
  });
  const room: RoomRef = { platform: 'console', workspaceId: 'local', channelId: 'craft' };
  const local = createConsoleSession({
    engine,
    commands,
    logger: silentLogger,
    room,
    user: { id: 'local:mo', name: 'mo', role: 'moderator' },
    now: clock.now,
    locale: options.locale,
    saveFile: (file) => saveFile(dir, file),
  });
  return { engine, room, run: (line: string) => local.run(line) };
}

describe('scene craft in the terminal room', () => {
  it('builds a card, opens its scene, and saves a storyboard frame under the exports folder', async () => {
    const { run, engine, room } = session();
    await run('/scene start title:"The Heist"');
    await run('/character add Vera A safecracker in a red coat');
    const card = await run('/scene build heading:"EXT. ROOFTOP - DAWN" notes:"wind, and a secret"');
    expect(card).toContain('Scene card c1: EXT. ROOFTOP - DAWN');
    expect(card).toContain('Location');
    expect(card).toContain('wind, and a secret');
    expect(card).toContain('/scene accept c1');
    const opened = await run('/scene accept c1');
    expect(opened).toContain('mo opened the scene from card c1.');
    expect(opened).toContain('EXT. ROOFTOP - DAWN');
    await run('/say Vera "Not a word."');

    const output = await run('/scene picture');
    expect(output).toContain('Storyboard frame of beat 2, EXT. ROOFTOP - DAWN');
    const path = /to (\S+)$/m.exec(output ?? '')?.[1] ?? '';
    expect(path.startsWith(dir)).toBe(true);
    expect(await readFile(path)).toEqual(Buffer.from(tinyPng()));
    expect(String(images.requests[0]?.body.prompt)).toContain('VERA says: Not a word.');
    expect((await engine.history(room)).events.at(-1)?.type).toBe('scene.pictured');
  });

  it('discards a card, and says pictures need an images model without one', async () => {
    const { run } = session({ pictures: false });
    await run('/scene start title:"The Heist" heading:"INT. DINER - NIGHT"');
    await run('/scene build');
    expect(await run('/scene discard c1')).toMatch(/mo dropped scene card c1 \((INT|EXT)\./);
    expect(await run('/scene picture')).toContain('Pictures need an images model');
  });

  it('shows a Chinese room’s card and frame caption in Chinese', async () => {
    const { run } = session({ locale: 'zh-CN' });
    await run('/scene start title:劫案 language:zh-CN');
    const card = await run('/scene build');
    expect(card).toContain('场景卡 c1');
    expect(card).toContain('光线');
    await run('/scene accept c1');
    expect(await run('/scene picture')).toContain('第 1 段的分镜');
  });
});

describe('/export format:html with storyboard frames', () => {
  it('embeds the frames in the saved transcript', async () => {
    const { run } = session();
    await run('/scene start title:"The Heist" heading:"INT. DINER - NIGHT"');
    await run('/scene picture');
    const output = await run('/export format:html');
    const path = /to (\S+)$/m.exec(output ?? '')?.[1] ?? '';
    const html = await readFile(path, 'utf8');
    expect(html).toContain(`<img src="data:image/png;base64,${Buffer.from(tinyPng()).toString('base64')}"`);
    expect(html).toContain('<h2>Storyboard</h2>');
  });
});
