// A seeded pseudo-random source for fuzz tests: the same seed replays the same inputs.
import { seededRandom as randomSequence } from '../../src/llm/seeded-random.ts';

export interface Random {
  next(): number;
  int(max: number): number;
  pick<T>(items: readonly T[]): T;
  chance(probability: number): boolean;
}

export function seededRandom(seed: number): Random {
  const next = randomSequence(seed);
  const int = (max: number) => Math.floor(next() * max);
  return {
    next,
    int,
    pick: <T>(items: readonly T[]) => items[int(items.length)] as T,
    chance: (probability: number) => next() < probability,
  };
}
