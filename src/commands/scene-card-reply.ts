// A scene card as a reply (/scene build): a fields block, each part of the card one field, then how to
// accept it, build another or drop it.
import { msg } from '../i18n/message.ts';
import type { SceneProposal } from '../story/engine.ts';
import { type Block, publicReply, type Reply, text } from './command.ts';

export function sceneCardReply(proposal: SceneProposal): Reply {
  const { card, id } = proposal;
  const or = (value: string) => value || msg('scenes.card.none-given');
  const fields: Extract<Block, { type: 'fields' }>['fields'] = [
    { name: msg('scenes.card.location'), value: or(card.location) },
    { name: msg('scenes.card.time-of-day'), value: or(card.timeOfDay) },
    { name: msg('scenes.card.atmosphere'), value: or(card.atmosphere) },
    { name: msg('scenes.card.lighting'), value: or(card.lighting) },
    { name: msg('scenes.card.sounds'), value: or(card.sounds) },
    { name: msg('scenes.card.props'), value: or(card.props.join(' · ')) },
    {
      name: msg('scenes.card.present'),
      value:
        card.present.length > 0
          ? card.present.map((person) => `${person.name}: ${person.wants}`).join('\n')
          : msg('scenes.card.nobody'),
    },
  ];
  return publicReply(
    { type: 'fields', title: msg('scenes.card.title', { id, heading: card.heading }), fields },
    text(msg('scenes.card.hint', { id })),
  );
}
