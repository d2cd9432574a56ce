/**
 * Bounded-memory shuffling for streamed rows. Rows come out of the generator grouped by person, which
 * would let a loader see duplicates side by side; a window of W rows breaks that up while holding at
 * most W rows in memory (a full shuffle would need the whole file).
 */
import { Rng } from './prng';

export interface ShuffleWindow<T> {
  push(item: T): void;
  /** Emits everything still held, in random order. */
  flush(): void;
}

export function createShuffleWindow<T>(rng: Rng, capacity: number, emit: (item: T) => void): ShuffleWindow<T> {
  const held: T[] = [];
  return {
    push(item: T): void {
      if (capacity <= 0) return emit(item);
      if (held.length < capacity) {
        held.push(item);
        return;
      }
      const i = Math.floor(rng.next() * capacity);
      emit(held[i]);
      held[i] = item;
    },
    flush(): void {
      for (let n = held.length; n > 0; n--) {
        const i = Math.floor(rng.next() * n);
        emit(held[i]);
        held[i] = held[n - 1];
      }
      held.length = 0;
    },
  };
}
