/**
 * Names of the people who took part, for pages that credit them. Read through the
 * people module's store from this one file, as other capabilities do, until it exports
 * a service for them.
 */
export { namesOf } from '../people/index.js';
