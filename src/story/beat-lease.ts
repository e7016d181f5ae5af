// The claim on a room's beat, kept in the store so every process sharing it sees it: claimed before the
// narrator is asked, renewed while it writes, checked again just before the beat is stored, released after.
// A process that dies holding it blocks the room's beats until the lease runs out; the person whose beat died
// is told on their next beat command.
import { msg } from '../i18n/message.ts';
import type { EngineCore } from './engine-core.ts';
import { UserError } from './errors.ts';
import type { Lease } from './event-store.ts';
import type { LoadedRoom } from './room-registry.ts';
import { requireModerator, requireNotGenerating } from './rules.ts';
import type { Actor } from './types.ts';

export const BEAT_LEASE_MS = 30_000;
/** Renewals per lease period, so a late renewal or two does not lose the lease. */
const RENEWALS_PER_LEASE = 3;
const RENEW_MAX_MS = 2_000;
/** Attachment listing who had a beat interrupted (by person id), until they are told. */
const INTERRUPTED = 'beats-interrupted';

export const interruptedError = () =>
  new UserError('generation.interrupted', msg('story.generation.interrupted'));

const leaseMs = (core: EngineCore) => core.beatLeaseMs ?? BEAT_LEASE_MS;

/** Who is writing a beat in the room, in this process or another; undefined when nobody. */
export async function beatInProgress(
  core: EngineCore,
  room: LoadedRoom,
): Promise<{ name: string } | undefined> {
  if (room.generation) return room.generation.by;
  const lease = await core.store.readLease(room.state.id);
  return lease && lease.expiresAt > core.clock.now() ? lease.by : undefined;
}

/**
 * Claims the room's beat for `holder`, or refuses as a beat in progress would in one process. The person whose
 * earlier beat died (its lease ran out unreleased) is told instead, once.
 */
export async function claimBeat(
  core: EngineCore,
  room: LoadedRoom,
  actor: Actor,
  holder: string,
): Promise<void> {
  const { store, clock } = core;
  const roomId = room.state.id;
  const now = clock.now();
  const by = { id: actor.id, name: actor.name };
  const claim = await store.claimLease(roomId, { holder, by, expiresAt: now + leaseMs(core) }, now);
  if (!claim.claimed) return requireNotGenerating(claim.current.by);
  const diedFor = claim.replaced && !claim.replaced.cancelledBy ? claim.replaced.by : undefined;
  const told = await takeNotice(core, roomId, actor.id, diedFor);
  if (diedFor?.id === actor.id || told) {
    await store.releaseLease(roomId, holder);
    throw interruptedError();
  }
}

/** Notes whose beat died (for later), and takes this person's note if there is one. */
async function takeNotice(
  core: EngineCore,
  roomId: string,
  actorId: string,
  diedFor: Lease['by'] | undefined,
): Promise<boolean> {
  const raw = await core.store.readAttachment(roomId, INTERRUPTED);
  if (raw === undefined && (!diedFor || diedFor.id === actorId)) return false;
  const notes: Record<string, string> =
    raw && typeof raw === 'object' && !Array.isArray(raw) ? { ...(raw as Record<string, string>) } : {};
  const told = actorId in notes;
  delete notes[actorId];
  if (diedFor && diedFor.id !== actorId) notes[diedFor.id] = new Date(core.clock.now()).toISOString();
  if (told || diedFor) {
    await core.store.writeAttachment(roomId, INTERRUPTED, Object.keys(notes).length > 0 ? notes : null);
  }
  return told;
}

/**
 * Renews the lease while the narrator writes; aborts the generation when it was cancelled on another process or
 * the lease was lost. Returns how to stop renewing.
 */
export function keepBeat(
  core: EngineCore,
  roomId: string,
  holder: string,
  controller: AbortController,
): () => void {
  const { clock, logger } = core;
  const every = Math.min(RENEW_MAX_MS, leaseMs(core) / RENEWALS_PER_LEASE);
  let timer: unknown;
  let stopped = false;
  const tick = async () => {
    try {
      checkLease(await renew(core, roomId, holder), controller);
    } catch (error) {
      // The store is unreachable for a moment: the lease still has most of its time; the commit checks again.
      logger.warn({ err: error, roomId }, 'renewing the beat lease failed');
    }
    if (!stopped && !controller.signal.aborted) timer = clock.setTimeout(() => void tick(), every);
  };
  timer = clock.setTimeout(() => void tick(), every);
  return () => {
    stopped = true;
    clock.clearTimeout(timer);
  };
}

function renew(core: EngineCore, roomId: string, holder: string) {
  return core.store.updateLease(roomId, holder, { expiresAt: core.clock.now() + leaseMs(core) });
}

function checkLease(lease: Lease | undefined, controller: AbortController) {
  if (!lease) controller.abort(interruptedError());
  else if (lease.cancelledBy)
    controller.abort(new UserError('generation.cancelled', msg('story.generation.cancelled')));
}

/** Just before the beat is stored: renews the lease, and aborts when it was lost or cancelled. */
export async function confirmBeat(
  core: EngineCore,
  roomId: string,
  holder: string,
  controller: AbortController,
): Promise<void> {
  checkLease(await renew(core, roomId, holder), controller);
  if (controller.signal.aborted) throw controller.signal.reason;
}

/** /scene cancel for a beat another process is writing: marks its lease, which that process checks. */
export async function cancelRemoteBeat(
  core: EngineCore,
  room: LoadedRoom,
  actor: Actor,
): Promise<Lease['by'] | undefined> {
  const lease = await core.store.readLease(room.state.id);
  if (!lease || lease.expiresAt <= core.clock.now() || lease.cancelledBy) return undefined;
  if (lease.by.id !== actor.id) requireModerator(actor, 'cancel-others-beat');
  const marked = await core.store.updateLease(room.state.id, lease.holder, {
    cancelledBy: { id: actor.id, name: actor.name },
  });
  return marked ? lease.by : undefined;
}
