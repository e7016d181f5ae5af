// The language a room's public messages are drawn in (its story's), for messages edited later, such as a
// vote's: read when first needed, kept current from the engine's changes.
import { SOURCE_LOCALE, sharedTranslator } from '../../i18n/catalog.ts';
import { matchLocale } from '../../i18n/match-locale.ts';
import type { StoryEngine } from '../../story/engine.ts';
import { roomIdOf } from '../../story/room-id.ts';
import type { RoomRef } from '../../story/types.ts';

const LANGUAGES_MAX = 10_000;

export interface RoomLanguages {
  languageOf(room: RoomRef): Promise<string>;
  stop(): void;
}

export function createRoomLanguages(engine: Pick<StoryEngine, 'room' | 'subscribe'>): RoomLanguages {
  const languages = new Map<string, string>();
  const unsubscribe = engine.subscribe((change) => {
    if (languages.has(change.room.id))
      languages.set(change.room.id, matchLocale(change.room.story?.language, sharedTranslator().locales));
  });
  return {
    async languageOf(room) {
      const id = roomIdOf(room);
      let language = languages.get(id);
      if (language === undefined) {
        const translator = sharedTranslator();
        try {
          language = matchLocale((await engine.room(room)).story?.language, translator.locales);
        } catch {
          // A store hiccup must not make the message look uneditable (it would be forgotten): English this time.
          return SOURCE_LOCALE;
        }
        // The rooms of votes followed at once; a forgotten one is read again.
        if (languages.size >= LANGUAGES_MAX) languages.clear();
        languages.set(id, language);
      }
      return language;
    },
    stop: unsubscribe,
  };
}
