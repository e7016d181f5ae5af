// Expected failures: the message is written for the person who ran the command and is shown as it is.
// Anything else that is thrown is unexpected: adapters log it and show a short generic message instead.
export class UserError extends Error {
  override readonly name = 'UserError';
  readonly code: string;

  constructor(code: string, message: string) {
    super(message);
    this.code = code;
  }
}

export const isUserError = (error: unknown): error is UserError => error instanceof UserError;

/** For narrator abilities that are optional (Narrator.critique, designCharacter). */
export const narratorCannot = (what: string) =>
  new UserError(
    'narrator.unsupported',
    `This narrator cannot ${what}. Ask the operator to configure a model.`,
  );
