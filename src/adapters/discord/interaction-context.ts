// Who acted and where, from an interaction: the room is the channel (threads are rooms of their own), and
// the role is mapped from Discord permissions and the operator's configured roles. The engine enforces.
import {
  type GuildMember,
  type Interaction,
  PermissionFlagsBits,
  type PermissionsBitField,
} from 'discord.js';
import type { Actor, Role, RoomRef } from '../../story/types.ts';
import { roleOf } from '../shared/role-of.ts';

export interface RoleSettings {
  moderatorRoleId?: string | undefined;
  writerRoleId?: string | undefined;
}

export function roomOf(interaction: Interaction): RoomRef | undefined {
  if (!interaction.guildId || !interaction.channelId) return undefined;
  return { platform: 'discord', workspaceId: interaction.guildId, channelId: interaction.channelId };
}

export function actorOf(interaction: Interaction, settings: RoleSettings): Actor {
  const member = interaction.member;
  const roleIds = member ? memberRoleIds(member) : [];
  return {
    id: interaction.user.id,
    name: displayName(interaction),
    role: roleFor(interaction.memberPermissions, roleIds, settings),
  };
}

/** Moderators: Manage Channels or Manage Messages (Administrator implies both), or the configured role. */
export function roleFor(
  permissions: Readonly<PermissionsBitField> | null,
  roleIds: readonly string[],
  settings: RoleSettings,
): Role {
  return roleOf({
    moderator:
      permissions?.any([PermissionFlagsBits.ManageChannels, PermissionFlagsBits.ManageMessages]) === true ||
      (settings.moderatorRoleId !== undefined && roleIds.includes(settings.moderatorRoleId)),
    inWriterGroup: settings.writerRoleId === undefined ? undefined : roleIds.includes(settings.writerRoleId),
  });
}

type InteractionMember = NonNullable<Interaction['member']>;

function memberRoleIds(member: InteractionMember): string[] {
  // Raw API members (guild not cached) list role ids; cached GuildMembers have a role manager.
  return Array.isArray(member.roles) ? member.roles : [...(member as GuildMember).roles.cache.keys()];
}

function displayName(interaction: Interaction): string {
  const member = interaction.member;
  if (member && 'displayName' in member) return member.displayName;
  return member?.nick ?? interaction.user.displayName;
}
