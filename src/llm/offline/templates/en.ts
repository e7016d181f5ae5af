// The offline narrator in English.
import { enAudience } from './audience-en.ts';
import type { OfflineTemplates } from './types.ts';

export const en: OfflineTemplates = {
  prose: { gap: ' ', stop: '.', cased: true },
  beats: {
    actions: [
      '{who} steps into the light, {mood}.',
      'A silence settles over {place}. {who} breaks it.',
      'Somewhere outside, a door slams. {who} freezes, {mood}.',
      '{who} crosses {place} without a word, {mood}.',
      'The light flickers. When it steadies, {who} is no longer alone.',
      '{who} finds something that should not be here, and pockets it.',
    ],
    lines: [
      "I didn't come all this way to walk away now.",
      'You know as well as I do what happens next.',
      'Fine. But we do it my way.',
      'Nobody leaves {place} until this is settled.',
      'Say that again. Slowly.',
      "I've been waiting for someone to ask me that.",
    ],
    parentheticals: ['quietly', 'beat', 'not looking up', 'too fast', 'smiling'],
    moods: ['wary', 'unhurried', 'jaw tight', 'almost amused', 'out of breath', 'very still'],
    someone: 'A figure',
    place: 'the {place}',
    noPlace: 'room',
  },
  options: {
    pool: [
      'Someone tells the truth',
      'A stranger arrives',
      'The lights go out',
      'An old debt is called in',
      'Somebody runs',
      'A secret is overheard',
      'The plan falls apart',
      'An unexpected alliance',
    ],
    aboutCharacter: ['{name} makes a choice', '{name} disappears'],
  },
  scenes: {
    kinds: ['INT.', 'EXT.', 'INT./EXT.', 'EST.'],
    places: ['DINER', 'ROOFTOP', 'TRAIN STATION', 'BACK ALLEY', 'HOTEL LOBBY', 'HARBOR', 'LIBRARY'],
    times: ['NIGHT', 'DAY', 'DAWN', 'LATER', 'CONTINUOUS'],
    heading: '{kind} {place} - {time}',
    described: 'Where {direction}.',
    undirected: 'The story moves on.',
  },
  characters: {
    names: [
      'Iris',
      'Dmitri',
      'June',
      'Okafor',
      'Lena',
      'Marco',
      'Rosa',
      'Theo',
      'Wren',
      'Yusuf',
      'Ada',
      'Cal',
    ],
    stranger: 'Stranger {number}',
    looks: [
      'Tall and rumpled, a coat two sizes too big and a watch that is always five minutes fast.',
      'Small, neat, silver rings on every finger and a scar through one eyebrow.',
      'Broad-shouldered, paint under the fingernails, a laugh that fills the room.',
      'Sharp suit, tired eyes, never without a paper cup of cold coffee.',
    ],
    personalities: [
      'Charming until cornered, then ruthless.',
      'Quiet, observant, keeps score of every favour.',
      'Loyal to a fault and terrible at lying.',
      'Restless, funny, allergic to plans.',
    ],
    backstories: [
      'Grew up above a pawn shop and learned early that everything has a price.',
      'Left a promising career overnight and has never said why.',
      'Owes money to the wrong people and has a week to pay.',
      'Came back to town after ten years to settle an old score.',
    ],
    sampleLines: [
      "I don't do favours. I do trades.",
      'You can trust me. That was a joke.',
      "Whatever you're planning, count me in. Or out. Depends who's asking.",
      'I remember you. You owe me a coat.',
    ],
  },
  critique: {
    structure:
      '{scenes, plural, one {# scene} other {# scenes}} and {beats, plural, one {# beat} other {# beats}} so far.',
    pacing: 'About {perScene, plural, one {# beat} other {# beats}} per scene.',
    consistency:
      '{cast, plural, one {# character} other {# characters}} in the cast; {spoken, plural, =0 {none of them has spoken yet} one {# of them has spoken} other {# of them have spoken}}.',
    dialogue: '{share, number, percent} of the beats are dialogue.',
    suggestions: {
      newPlace: 'Move to a new location to open the story up.',
      costOfChoice: 'Cut to a scene that shows the cost of the last choice.',
      letThemTalk: 'Let the characters talk: give someone a line that reveals what they want.',
      contradictLine: 'Follow a line of dialogue with an action that contradicts it.',
      spotlight: 'Give a silent character a moment in the spotlight.',
      plantSecret: 'Plant a secret that one character knows and the others do not.',
    },
  },
  summary: { quote: '{name}: "{line}"' },
  audience: enAudience,
};
