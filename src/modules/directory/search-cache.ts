/**
 * What the search page has already worked out, kept in this process under the place's
 * directory version (version-schema.ts). Every lookup names the version the database
 * gives now, so an entry made under an older one is never used again: a listing edited
 * through any process shows on the very next search, and old entries simply age out.
 *
 * Kept per database handle, so two Kiths in one process (the tests) never share one.
 */
import type { Db } from '../../db/index.js';

/** A map that forgets the entry used least recently once it holds `limit`. */
export class RecentlyUsed<V> {
  readonly #entries = new Map<string, V>();
  constructor(private readonly limit: number) {}

  get(key: string): V | undefined {
    const value = this.#entries.get(key);
    if (value === undefined) return undefined;
    // Move it to the back: Map keeps insertion order, so the front is the least recent.
    this.#entries.delete(key);
    this.#entries.set(key, value);
    return value;
  }

  set(key: string, value: V): void {
    this.#entries.delete(key);
    this.#entries.set(key, value);
    if (this.#entries.size > this.limit) this.#entries.delete(this.#entries.keys().next().value!);
  }

  delete(key: string): void {
    this.#entries.delete(key);
  }

  get size(): number {
    return this.#entries.size;
  }
}

const caches = new WeakMap<Db, Map<string, RecentlyUsed<unknown>>>();

/**
 * The named cache of this database handle. Sizes: a search result holds a page of 20
 * listings; a rendered page about 40 KB, so 500 of them is 20 MB at most.
 */
export function cacheOf<V>(db: Db, name: string, limit: number): RecentlyUsed<V> {
  let named = caches.get(db);
  if (!named) caches.set(db, (named = new Map()));
  let cache = named.get(name);
  if (!cache) named.set(name, (cache = new RecentlyUsed<unknown>(limit)));
  return cache as RecentlyUsed<V>;
}
