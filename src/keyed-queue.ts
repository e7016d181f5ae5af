// Tasks run one after another per key, different keys in parallel. A failed task does not stop the next.

export interface KeyedQueue {
  run<T>(key: string, task: () => Promise<T> | T): Promise<T>;
  /** Whether a task for this key is running or waiting. */
  busy(key: string): boolean;
}

export function createKeyedQueue(): KeyedQueue {
  const tails = new Map<string, Promise<unknown>>();
  return {
    run(key, task) {
      const result = (tails.get(key) ?? Promise.resolve()).then(task);
      const settled = result.catch(() => undefined);
      tails.set(key, settled);
      void settled.then(() => {
        if (tails.get(key) === settled) tails.delete(key);
      });
      return result;
    },
    busy: (key) => tails.has(key),
  };
}
