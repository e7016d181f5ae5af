// The offline narrator's audience words in English (see audience-types.ts).
import type { AudienceTemplates } from './audience-types.ts';

export const enAudience: AudienceTemplates = {
  recap: {
    opening: 'Previously on "{title}"…',
    earlier: 'Earlier: {summary}',
    scene: 'Then: {heading}.',
    line: '{name}: "{quote}"',
  },
  review: {
    loglineWithPremise: '"{title}", a {genre} story: {premise}',
    logline: '"{title}", a {genre} story about {cast}.',
    nobody: 'strangers in the night',
    synopsis: 'Over {scenes} scenes and {beats} beats, it opens on "{first}" and has come to "{last}"',
    synopsisOneScene: 'In one scene and {beats} beats, it opens on "{first}" and has come to "{last}"',
    synopsisShort: 'One scene in, {beats} beats long: "{first}"',
    strengths: {
      structure: 'A clear shape: scenes that open and move on.',
      pacing: 'Brisk pacing: scenes do not outstay their welcome.',
      consistency: 'A cast with clear sketches behind every name.',
      dialogue: 'A good balance between talk and action.',
    },
    weaknesses: {
      structure: 'Too few scenes yet to feel like a journey.',
      pacing: 'Scenes run long or flash by too fast.',
      consistency: 'Characters with little behind the name.',
      dialogue: 'Talk and action are out of balance.',
    },
    audienceLoved: 'The audience loved "{quote}"',
    audienceCold: '"{quote}" left the audience cold.',
    backedWon: 'You backed "{option}" and it won; the story followed: "{followed}"',
    backedWonPending: 'You backed "{option}" and it won; the next beat will follow it.',
    backedLost: 'You backed "{option}"; the room chose another way.',
    reactedWarm: 'You cheered {emoji} at "{quote}"',
    reactedCold: 'You frowned {emoji} at "{quote}"',
    nothingYet:
      'You have not voted or reacted yet: react to a beat (/react, or on its message) and the next review will follow your taste.',
  },
  critique: {
    favourite: 'The audience warms to {name}: give them more to do.',
    cold: 'The audience cooled at "{quote}": try a different turn next time.',
  },
};
