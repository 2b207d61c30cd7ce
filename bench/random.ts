/**
 * A small seeded random source, so the same flags always build the same dataset and
 * two runs (or two machines) benchmark the same rows. Math.random cannot be seeded.
 */

/** mulberry32: 32 bits of state, fast, and plenty good enough for test data (not for secrets). */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** FNV-1a: turns a name into a number, to derive one stream per capability from the seed. */
function hashName(name: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < name.length; i++) {
    hash ^= name.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

export class Rng {
  readonly #next: () => number;

  constructor(seed: number) {
    this.#next = mulberry32(seed);
  }

  /**
   * Each capability draws from its own stream, derived from the run's seed and its
   * name: adding a capability (or changing how many numbers one draws) then leaves
   * every other capability's rows exactly as they were.
   */
  static forCapability(seed: number, capability: string): Rng {
    return new Rng((seed ^ hashName(capability)) >>> 0);
  }

  /** A number in [0, 1). */
  next(): number {
    return this.#next();
  }

  /** An integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.#next() * (max - min + 1));
  }

  chance(probability: number): boolean {
    return this.#next() < probability;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error('Cannot pick from an empty list');
    return items[Math.floor(this.#next() * items.length)]!;
  }

  /** Picks by weight: [['resident', 90], ['organiser', 3]] gives a resident 90/93 of the time. */
  weighted<T>(choices: ReadonlyArray<readonly [T, number]>): T {
    const total = choices.reduce((sum, [, weight]) => sum + weight, 0);
    let roll = this.#next() * total;
    for (const [value, weight] of choices) {
      roll -= weight;
      if (roll < 0) return value;
    }
    return choices[choices.length - 1]![0];
  }

  /** A version-4-shaped UUID, like randomUUID() makes, but repeatable. */
  uuid(): string {
    let hex = '';
    for (let i = 0; i < 4; i++)
      hex += Math.floor(this.#next() * 2 ** 32)
        .toString(16)
        .padStart(8, '0');
    const variant = ((parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16);
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
  }

  /** An ISO timestamp between two others, as Kith stores them (UTC text). */
  isoBetween(from: string, to: string): string {
    const start = Date.parse(from);
    const end = Date.parse(to);
    return new Date(start + Math.floor(this.#next() * (end - start))).toISOString();
  }
}
