// Graceful shutdown: once draining, the engine refuses new commands with a "restarting" message; commands in
// flight (beats being written included) get a grace period to finish, then beats still being written are
// cancelled (releasing their leases) and the rest are waited for briefly.
import { msg } from '../i18n/message.ts';
import { UserError } from './errors.ts';

/** How long commands still running after the cancel are waited for. */
const AFTER_CANCEL_MS = 5_000;

export const restartingError = () => new UserError('bot.restarting', msg('story.room.restarting'));

export function createDraining(cancelGenerations: () => void) {
  let draining = false;
  let inFlight = 0;
  const idle: (() => void)[] = [];

  /** Resolves true once no command is in flight, or false after ms. */
  function whenIdle(ms: number): Promise<boolean> {
    if (inFlight === 0) return Promise.resolve(true);
    return new Promise((resolve) => {
      const wake = () => {
        clearTimeout(timer);
        resolve(true);
      };
      const timer = setTimeout(() => {
        idle.splice(idle.indexOf(wake), 1);
        resolve(false);
      }, ms);
      idle.push(wake);
    });
  }

  return {
    /** fn, refused once draining, and counted while it runs. */
    guard<A extends unknown[], R>(fn: (...args: A) => Promise<R>): (...args: A) => Promise<R> {
      return async (...args) => {
        if (draining) throw restartingError();
        inFlight += 1;
        try {
          return await fn(...args);
        } finally {
          inFlight -= 1;
          if (inFlight === 0) for (const wake of idle.splice(0)) wake();
        }
      };
    },

    async drain(graceMs: number): Promise<void> {
      draining = true;
      if (await whenIdle(graceMs)) return;
      cancelGenerations();
      await whenIdle(AFTER_CANCEL_MS);
    },
  };
}
