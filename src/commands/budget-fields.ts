// /room usage's lines for the daily token budgets (LLM_DAILY_TOKENS_PER_ROOM, LLM_DAILY_TOKENS_PER_SERVER).
import { msg } from '../i18n/message.ts';
import type { RoomUsage } from '../story/engine-types.ts';
import { resetsIn } from '../story/token-budget.ts';
import type { RoomRef } from '../story/types.ts';
import type { Text } from './command.ts';

/** One field per budget that is set: what is left today and when it starts again. */
export function budgetFields(usage: RoomUsage, room: RoomRef): { name: Text; value: Text }[] {
  const fields: { name: Text; value: Text }[] = [];
  const { room: ofRoom, workspace } = usage.budget ?? {};
  const left = (budget: NonNullable<typeof ofRoom>) =>
    msg('operations.budget.left', {
      left: budget.left,
      limit: budget.limit,
      resetsIn: resetsIn(budget.resetsInMs),
    });
  if (ofRoom) fields.push({ name: msg('operations.budget.room-left-name'), value: left(ofRoom) });
  if (workspace) {
    fields.push({
      name: msg('operations.budget.workspace-left-name', { platform: room.platform }),
      value: left(workspace),
    });
  }
  return fields;
}
