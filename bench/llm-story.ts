// A generated long story for the narrator benchmarks: a cast, scenes, varied filler beats, and facts planted
// early (character traits, names, relationships, pinned canon, key events), each with a direction given late in
// the story that mentions the fact's subject (a name, a place, an object) but not the fact itself.

import { seededRandom } from '../src/llm/seeded-random.ts';
import type { EventBody, StoryEvent } from '../src/story/events.ts';
import { applyEvent, emptyRoom } from '../src/story/reduce.ts';
import { type Author, DEFAULT_SETTINGS, type RoomState } from '../src/story/types.ts';

export type FactKind = 'trait' | 'name' | 'relationship' | 'canon' | 'event';

export interface PlantedFact {
  kind: FactKind;
  /** Text that must reach the prompt for the fact to count as recalled. Never part of the direction. */
  needle: string;
  /** The beat (1-based) at which the fact enters the story; 0 for facts set up before the first beat. */
  plantedAt: number;
  /** A direction given late in the story that mentions the fact's subject. */
  direction: string;
  /** The prompt for this beat (assembled when askedAt - 1 beats exist) carries the direction. */
  askedAt: number;
}

/** Facts are planted within the first PLANT_SHARE of the story... */
export const PLANT_SHARE = 0.22;
/** ...and asked about in its last ASK_SHARE. */
export const ASK_SHARE = 0.3;

const CAST: [string, string, string][] = [
  ['Vera', 'A safecracker in her forties', 'a glass eye'],
  ['Sam', 'The getaway driver, twitchy and loyal', 'a stutter when he lies'],
  ['Inez', 'A retired detective who never retired', 'a limp from a bullet in 1979'],
  ['Rook', 'The crew’s forger', 'ink-stained fingers'],
  ['Dolly', 'A nightclub singer with debts', 'a voice like broken glass'],
  ['Marsh', 'The fixer who found the job', 'a habit of counting coins'],
];

/** Pinned canon and the subject a direction mentions. */
const CANON: [string, string][] = [
  ['The city has had no electricity since the flood', 'the flood'],
  ['Nobody may say the name of the old mayor aloud', 'the old mayor'],
  ['The harbor froze solid in the winter of 1987', 'the harbor'],
  ['Every clock in the city runs eleven minutes slow', 'the clock tower'],
  ['The crew swore never to carry guns', 'the gun dealer'],
  ['Rain has fallen for forty days without a break', 'the weather'],
  ['The bank vault was built by Vera’s grandfather', 'the bank vault'],
  ['Trains stopped running north of the river years ago', 'the northbound train'],
];

const OBJECTS = [
  'brass key',
  'silver locket',
  'forged passport',
  'red ledger',
  'pearl earring',
  'war medal',
  'film negative',
  'pocket watch',
  'cipher wheel',
  'bone dice',
  'velvet pouch',
  'copper coin',
  'torn map',
];
const PLACES = [
  'lighthouse',
  'chapel',
  'boathouse',
  'greenhouse',
  'observatory',
  'pawnshop',
  'laundromat',
  'bell tower',
  'ferry terminal',
  'ice rink',
  'bakery',
  'quarry',
  'planetarium',
];
const MINORS = [
  'Ottoline',
  'Bartholomew',
  'Esperanza',
  'Thaddeus',
  'Philippa',
  'Ignatius',
  'Rosalind',
  'Cornelius',
  'Wilhelmina',
  'Augustin',
  'Seraphine',
  'Leopold',
  'Clementine',
];
const RELATIONS = [
  'her estranged half-sister',
  'his former cellmate',
  'the police informant',
  'her secret godmother',
  'his creditor from Lisbon',
  'the drowned man’s widow',
  'a disgraced surgeon',
  'the mayor’s bastard son',
  'a smuggler of orchids',
  'the night watchman’s twin',
  'a defrocked priest',
  'a cartographer on the run',
  'the hotel’s true owner',
];

/** People known only by their role until a beat names them: the role is the subject, the name the fact. */
const NAMED: [string, string][] = [
  ['ferryman', 'Percival'],
  ['organist', 'Ludmila'],
  ['taxidermist', 'Evander'],
  ['locksmith', 'Griselda'],
  ['bookbinder', 'Casimir'],
  ['gravedigger', 'Henrietta'],
  ['harbormaster', 'Lysander'],
  ['tailor', 'Mirabel'],
];

const ACTIONS = [
  '{a} checks the window again. The street below is empty.',
  '{a} and {b} argue in whispers over the plan.',
  'Water drips from the ceiling into a tin bucket.',
  '{a} lights a cigarette and does not smoke it.',
  'A car passes slowly, headlights sweeping the wall.',
  '{a} spreads the blueprints across the table.',
  '{b} laughs at something nobody else heard.',
  'Somewhere a radio plays a song from before the war.',
  '{a} counts the money twice and frowns.',
  'The phone rings once and stops.',
  '{a} stares at {b} for a long moment.',
  'Footsteps on the stairs, then nothing.',
  '{a} pockets a spoon from the counter without thinking.',
  'The neon sign outside buzzes and flickers red.',
  '{b} taps a pencil against the edge of the table.',
  '{a} leans back until the chair creaks.',
  'A dog barks two streets away.',
  '{a} wipes fog from the glass with a sleeve.',
  '{b} reads the newspaper upside down, pretending.',
  'The coffee has gone cold in every cup.',
];
const LINES = [
  'We go tonight or we never go.',
  'You said this would be easy.',
  'I have done this a hundred times.',
  'Keep your voice down.',
  'Nobody trusts anybody here.',
  'Then we improvise.',
  'How long do we have?',
  'I want my share up front.',
  'Do not look at me like that.',
  'It was never about the money.',
  'Tell me again, slower this time.',
  'If this goes wrong, I was never here.',
];
const HEADINGS = [
  'INT. DINER - NIGHT',
  'EXT. DOCKS - DAWN',
  'INT. HOTEL ROOM - NIGHT',
  'INT. GARAGE - DAY',
  'EXT. ROOFTOP - NIGHT',
];

const author: Author = { kind: 'user', id: 'bench', name: 'Bench' };

export interface GeneratedStory {
  room: RoomState;
  facts: PlantedFact[];
  /** Adds beat number `n` (1-based) to the room, planting any fact due at it. */
  addBeat(n: number): void;
}

export function generateStory(options: { beats: number; seed?: number }): GeneratedStory {
  const rng = seededRandom(options.seed ?? 7);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(rng() * items.length)] as T;
  const room = emptyRoom('bench:llm:story', { platform: 'console', workspaceId: 'bench', channelId: 'llm' });
  const at = '2026-01-01T00:00:00.000Z';
  const apply = (body: EventBody) =>
    applyEvent(room, { ...body, v: 2, seq: room.seq + 1, at, actor: author } as StoryEvent);

  apply({
    type: 'story.started',
    story: {
      title: 'The Long Job',
      premise: 'A crew plans a robbery in a drowned city.',
      genre: 'noir',
      tone: 'tense',
      language: 'en',
      rating: 'teen',
      startedBy: author,
      startedAt: at,
    },
    settings: { ...DEFAULT_SETTINGS },
  });
  const facts: PlantedFact[] = [];
  const askFrom = Math.floor(options.beats * (1 - ASK_SHARE)) + 1;
  const askedLate = () => askFrom + Math.floor(rng() * (options.beats - askFrom + 1));
  const addFact = (fact: PlantedFact) => {
    if (fact.direction.toLowerCase().includes(fact.needle.toLowerCase()))
      throw new Error(`the direction gives the fact away: ${fact.direction}`);
    facts.push(fact);
  };
  for (const [name, description, trait] of CAST) {
    apply({
      type: 'character.added',
      character: {
        name,
        description: `${description}, with ${trait}.`,
        voice: '',
        createdBy: author,
        createdAt: at,
      },
    });
    addFact({
      kind: 'trait',
      needle: trait,
      plantedAt: 0,
      direction: `${name} steps forward`,
      askedAt: askedLate(),
    });
  }
  // Facts planted in beats (and canon pinned at a beat): one per slot, spread over the first PLANT_SHARE of
  // the story, kinds interleaved.
  type Plant = { text?: string; canon?: string; fact: Pick<PlantedFact, 'kind' | 'needle' | 'direction'> };
  const queues: Plant[][] = [
    OBJECTS.map((object, i) => ({
      text: `${pick(CAST)[0]} hides the ${object} inside the ${PLACES[i]} and tells no one.`,
      fact: { kind: 'event', needle: object, direction: `${pick(CAST)[0]} searches the ${PLACES[i]}` },
    })),
    MINORS.map((name, i) => ({
      text: `A stranger arrives: ${name}, ${RELATIONS[i]}, asking for ${pick(CAST)[0]}.`,
      fact: { kind: 'relationship', needle: RELATIONS[i] as string, direction: `${name} comes back` },
    })),
    NAMED.map(([role, name]) => ({
      text: `The ${role} turns out to be called ${name}, and owes ${pick(CAST)[0]} a favour.`,
      fact: { kind: 'name', needle: name, direction: `${pick(CAST)[0]} goes to see the ${role}` },
    })),
    CANON.map(([text, subject]) => ({
      canon: text,
      fact: { kind: 'canon', needle: text, direction: `${pick(CAST)[0]} brings up ${subject}` },
    })),
  ];
  const ordered: Plant[] = [];
  for (let i = 0; queues.some((queue) => i < queue.length); i++)
    for (const queue of queues) if (i < queue.length) ordered.push(queue[i] as Plant);
  const plantFrom = 5;
  const plantUntil = Math.max(Math.floor(options.beats * PLANT_SHARE), plantFrom + ordered.length);
  const plants = new Map<number, Plant>();
  ordered.forEach((plant, i) => {
    plants.set(plantFrom + Math.floor((i * (plantUntil - plantFrom)) / ordered.length), plant);
  });

  function addBeat(n: number) {
    const plant = plants.get(n);
    if (plant) addFact({ ...plant.fact, plantedAt: n, askedAt: askedLate() });
    if (plant?.canon) apply({ type: 'canon.added', id: `c${n}`, text: plant.canon });
    const id = `b${room.seq + 1}`;
    const base = { id, parentId: room.headId, author, at };
    if (plant?.text) {
      apply({ type: 'beat.added', beat: { ...base, kind: 'action', text: plant.text } });
    } else if (n % 25 === 1) {
      const heading = pick(HEADINGS);
      apply({
        type: 'beat.added',
        beat: { ...base, kind: 'scene', text: heading, sceneId: `s${id}` },
        scene: { id: `s${id}`, heading, description: '' },
      });
    } else if (rng() < 0.4) {
      // Dialogue of one or two sentences, action of one to three: about the length a model writes.
      const text = rng() < 0.5 ? pick(LINES) : `${pick(LINES)} ${pick(LINES)}`;
      apply({ type: 'beat.added', beat: { ...base, kind: 'dialogue', character: pick(CAST)[0], text } });
    } else {
      const sentences = Array.from({ length: 1 + Math.floor(rng() * 3) }, () =>
        pick(ACTIONS).replace('{a}', pick(CAST)[0]).replace('{b}', pick(CAST)[0]),
      );
      apply({ type: 'beat.added', beat: { ...base, kind: 'action', text: sentences.join(' ') } });
    }
  }
  return { room, facts, addBeat };
}
