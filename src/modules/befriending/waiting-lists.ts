/**
 * Each scheme's waiting lists, held in memory by each running Kith while the scheme's
 * roster version says they are current. Suggestions for one person weigh everyone
 * waiting on the other side (ten thousand in a county-wide scheme); reading them from
 * the database each time costs more than all the matching rules together, and the
 * lists change far less often than coordinators look at them.
 *
 * Every write to a scheme's profiles raises its version in the same transaction
 * (store.ts), so a list is used only while no change has been committed since it was
 * read, whichever process made the change.
 */
import type { Kith } from '../../kith.js';
import type { MatchProfile } from './matching.js';
import type { Side } from './schema.js';
import { rosterVersion, waitingOn } from './store.js';

/** Enough for every scheme a place runs; the least recently used goes first. */
const MAX_LISTS = 64;

const listsOf = new WeakMap<Kith, Map<string, { version: number; people: readonly MatchProfile[] }>>();

export async function waitingList(kith: Kith, schemeId: string, side: Side): Promise<readonly MatchProfile[]> {
  const db = kith.db.kysely;
  // Read the version before the list: a change committed in between makes the list newer
  // than its version, and the next look reads it again. Never the other way round.
  const version = await rosterVersion(db, schemeId);
  if (version === undefined) return [];
  let lists = listsOf.get(kith);
  if (!lists) listsOf.set(kith, (lists = new Map()));
  const key = `${schemeId}:${side}`;
  const held = lists.get(key);
  lists.delete(key);
  if (held && held.version === version) {
    lists.set(key, held);
    return held.people;
  }
  const people = await waitingOn(db, schemeId, side);
  lists.set(key, { version, people });
  if (lists.size > MAX_LISTS) lists.delete(lists.keys().next().value!);
  return people;
}
