// character_voices: before a command runs, whether the room wants its characters' new lines posted under
// their own names, and which beats it already has (a reply that restates one, e.g. after an undo, does not
// voice it again).
import type { RoomState } from '../../story/types.ts';

export interface Voicing {
  /** Beats the room had before the command. */
  known: ReadonlySet<string>;
}

export const voicingOf = (state: RoomState): Voicing | undefined =>
  state.settings.characterVoices ? { known: new Set(Object.keys(state.beats)) } : undefined;
