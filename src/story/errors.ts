// Expected failures: the message is written for the person who ran the command and is shown as it is.
// Anything else that is thrown is unexpected: adapters log it and show a short generic message instead.
import { type Message, msg } from '../i18n/message.ts';

export class UserError extends Error {
  override readonly name = 'UserError';
  readonly code: string;
  /** What the person is told: a catalog message in their language, or (until moved) a plain string. */
  readonly text: string | Message;

  constructor(code: string, text: string | Message) {
    // Error's own message (logs, stacks) is the catalog key for a message; people get `text`.
    super(typeof text === 'string' ? text : text.key);
    this.code = code;
    this.text = text;
  }
}

export const isUserError = (error: unknown): error is UserError => error instanceof UserError;

/** For narrator abilities that are optional (Narrator.critique, designCharacter). */
export const narratorCannot = (what: 'critique' | 'design-characters' | 'recap' | 'review') =>
  new UserError(
    'narrator.unsupported',
    msg('story.narrator.unsupported', { ability: msg(`story.narrator.ability.${what}`) }),
  );
