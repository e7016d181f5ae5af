// Slack's limits on what one message may hold (docs.slack.dev Block Kit reference; PLATFORM-FACTS.md), and
// the budget storyroom keeps under them.

/** A section block's text. */
export const SECTION_TEXT_MAX = 3000;
/** Blocks in one message. */
export const BLOCKS_PER_MESSAGE = 50;
/** A header block's plain text. */
export const HEADER_TEXT_MAX = 150;
/** A context block's text: storyroom's own budget for a line of small print, under a text object's 3,000. */
export const CONTEXT_TEXT_MAX = 1000;
/** A button's text, and its value. */
export const BUTTON_TEXT_MAX = 75;
export const BUTTON_VALUE_MAX = 2000;
/** Elements in one actions block. */
export const ACTIONS_ELEMENTS_MAX = 25;

/**
 * Text of all blocks in one message together. Slack answers msg_too_long somewhere above about 4,000
 * characters of text; 3,500 for the blocks plus at most FALLBACK_TEXT_MAX for the notification text keeps a
 * message under 3,800, with room for the JSON Slack counts around it.
 */
export const MESSAGE_TEXT_BUDGET = 3500;
/** The message's `text`: what notifications and screen readers show; a start of the message, not all of it. */
export const FALLBACK_TEXT_MAX = 300;
