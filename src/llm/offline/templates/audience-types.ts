// The offline narrator's words for the audience features (issue 13): recaps, reviews, and the critique's
// suggestion from reactions. Part of OfflineTemplates (types.ts) under `audience`.
// Placeholders: {title}, {genre}, {cast}, {premise}, {heading}, {first}, {last}, {scenes}, {beats},
// {quote}, {name}, {option}, {emoji}, {followed}, {summary}.

export interface AudienceTemplates {
  recap: {
    /** Opens every recap: {title}. */
    opening: string;
    /** The part the rolling summary covers, before the beats: {summary}. */
    earlier: string;
    /** A new scene in the recap: {heading}. */
    scene: string;
    /** A line of dialogue: {name}, {quote}. */
    line: string;
  };
  review: {
    /** {title}, {genre}, {premise}. */
    loglineWithPremise: string;
    /** {title}, {genre}, {cast}. */
    logline: string;
    /** Who is in it when nobody is: fills {cast}. */
    nobody: string;
    /** {scenes}, {beats}, {first}, {last} (sentences from the story). */
    synopsis: string;
    /** The same for a story still in its first scene: {beats}, {first}, {last}. */
    synopsisOneScene: string;
    /** When first and last are the same beat: {scenes}, {beats}, {first}. */
    synopsisShort: string;
    strengths: { structure: string; pacing: string; consistency: string; dialogue: string };
    weaknesses: { structure: string; pacing: string; consistency: string; dialogue: string };
    /** From reactions: {quote}. */
    audienceLoved: string;
    audienceCold: string;
    /** Personal: a vote they backed that won, and what it led to: {option}, {followed}. */
    backedWon: string;
    /** ... that won, with nothing written from it yet: {option}. */
    backedWonPending: string;
    /** ... that lost: {option}. */
    backedLost: string;
    /** A beat they reacted to: {emoji}, {quote}. */
    reactedWarm: string;
    reactedCold: string;
    /** Neither votes nor reactions yet. */
    nothingYet: string;
  };
  critique: {
    /** The third suggestion when the audience has a favourite: {name}. */
    favourite: string;
    /** ... when a beat fell flat: {quote}. */
    cold: string;
  };
}
