/**
 * The whole database, as Kysely sees it. Each module adds its own tables to this
 * interface from its schema.ts (TypeScript declaration merging), so a capability's
 * tables live in its own folder and disappear with it.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface Database {}
