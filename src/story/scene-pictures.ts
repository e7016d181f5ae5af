// Storyboard frames (/scene picture): a picture of the current scene, or of a given beat, drawn by the
// illustrator from the scene card, the characters' looks, the room's style and its rating. With a content
// filter the prompt is checked first. The frame is recorded (an event with its prompt, name, size and hash;
// the bytes beside the log) only once the picture came back whole; a fault records nothing.
import { createHash } from 'node:crypto';
import { msg } from '../i18n/message.ts';
import { commitAndNotify, type EngineCore, readStory } from './engine-core.ts';
import { UserError } from './errors.ts';
import { PICTURE_MAX_BYTES } from './illustrator.ts';
import { forgetOldPictures, forgetUnrecordedPicture, writePictureFile } from './picture-files.ts';
import { picturePrompt } from './picture-prompt.ts';
import type { PictureRecord, PictureType } from './picture-record.ts';
import { authorOf, requireUnlocked, requireWriter } from './rules.ts';
import { canonicalPath } from './tree.ts';
import type { Actor, Beat, RoomRef, Scene } from './types.ts';

export interface PictureOutcome {
  picture: PictureRecord;
  bytes: Uint8Array;
  scene: Scene;
  /** The beat the frame shows, and its number on the story's path (1 = the first). */
  beat: Beat;
  position: number;
}

const EXTENSIONS: Record<PictureType, string> = {
  'image/png': 'png',
  'image/jpeg': 'jpg',
  'image/webp': 'webp',
};

/** The beat to draw (the latest, or the given number on the path) and the scene it is in. */
function frameOf(path: readonly Beat[], scenes: Record<string, Scene>, number: number | undefined) {
  if (path.length === 0) throw new UserError('picture.empty', msg('scenes.picture.empty'));
  const position = number ?? path.length;
  const beat = path[position - 1];
  if (!beat) {
    throw new UserError(
      'picture.beat',
      msg('scenes.picture.no-beat', { number: position, count: path.length }),
    );
  }
  for (let i = position - 1; i >= 0; i--) {
    const opener = path[i];
    if (opener?.kind !== 'scene' || !opener.sceneId) continue;
    const scene = scenes[opener.sceneId];
    if (scene) return { beat, position, scene };
  }
  throw new UserError('picture.no-scene', msg('scenes.picture.no-scene'));
}

export function createScenePictures(core: EngineCore) {
  const { registry, narrator, store, logger } = core;

  return {
    /** A storyboard frame of the current scene, or of the beat with this number on the story's path. */
    async pictureScene(
      ref: RoomRef,
      actor: Actor,
      input: { beat?: number | undefined },
      options?: { signal?: AbortSignal | undefined },
    ): Promise<PictureOutcome> {
      const { illustrator } = core;
      if (!illustrator) throw new UserError('picture.unavailable', msg('scenes.picture.needs-model'));
      const state = await readStory(core, ref, (room) => {
        requireUnlocked(room);
        requireWriter(room, actor);
      });
      const { beat, position, scene } = frameOf(canonicalPath(state), state.scenes, input.beat);
      const prompt = picturePrompt(state, scene, beat);
      const signal = options?.signal;
      await narrator.checkText?.([prompt], signal ? { signal } : undefined);
      const drawn = await illustrator.draw(prompt, { signal });
      if (drawn.bytes.byteLength === 0 || drawn.bytes.byteLength > PICTURE_MAX_BYTES) {
        throw new UserError('picture.invalid', msg('scenes.picture.invalid'));
      }
      const sha256 = createHash('sha256').update(drawn.bytes).digest('hex');
      const base64 = Buffer.from(drawn.bytes).toString('base64');
      return registry.run(ref, async (room) => {
        requireUnlocked(room.state);
        const id = `p${room.state.seq + 1}`;
        const picture: PictureRecord = {
          id,
          beatId: beat.id,
          sceneId: scene.id,
          name: `storyboard-${id}.${EXTENSIONS[drawn.mime]}`,
          mime: drawn.mime,
          size: drawn.bytes.byteLength,
          sha256,
          model: drawn.model,
          prompt,
        };
        // Bytes first, keyed by their hash (a retry after a conflict rewrites the same key): an event is
        // never stored without its bytes.
        await writePictureFile(store, room.state.id, sha256, { mime: drawn.mime, base64 });
        try {
          await commitAndNotify(core, room, authorOf(actor), [{ type: 'scene.pictured', picture }]);
        } catch (error) {
          // Not recorded (a retry after a conflict writes the bytes again): leave no bytes without an event.
          await forgetUnrecordedPicture(store, room.state.id, sha256, room.state.pictures ?? []).catch(
            (cleanup: unknown) =>
              logger.warn({ err: cleanup, roomId: room.state.id }, 'could not forget an unrecorded picture'),
          );
          throw error;
        }
        await forgetOldPictures(store, room.state.id, room.state.pictures ?? []).catch((error: unknown) =>
          logger.warn({ err: error, roomId: room.state.id }, 'could not forget an old picture'),
        );
        return { picture, bytes: drawn.bytes, scene, beat, position };
      });
    },
  };
}
