// How long people's and the narrator's text may be, and how many of a thing a story holds. The engine checks
// them; commands quote them in their option definitions, so a platform rejects too-long input before asking.

/** A character's name. */
export const NAME_MAX = 40;
/** Free text without a narrower limit: a line, an action, a description, a direction. */
export const TEXT_MAX = 1000;
export const TITLE_MAX = 100;
export const GENRE_MAX = 40;
export const TONE_MAX = 40;
/** A character's voice ("dry, clipped"). */
export const VOICE_MAX = 200;
/** How a line is said ("whispering"). */
export const PARENTHETICAL_MAX = 100;
/** "INT. DINER - NIGHT". */
export const HEADING_MAX = 120;
export const SCENE_DESCRIPTION_MAX = 300;
/** What kind of character to design (/character generate). */
export const HINT_MAX = 500;

/** Longest beat the narrator may add; longer output is refused rather than cut mid-sentence. */
export const NARRATED_TEXT_MAX = 4000;

export const MAX_CHARACTERS = 50;
/** Canon is always in the prompt, so it is kept short. */
export const CANON_MAX = 30;
export const CANON_TEXT_MAX = 300;

export const VOTE_MIN_MS = 10_000;
export const VOTE_MAX_MS = 24 * 60 * 60 * 1000;
export const VOTE_OPTION_MAX = 100;
export const COOLDOWN_MAX_MS = 60 * 60 * 1000;
