/**
 * The one thing the asset map needs to know about people: a name to show beside a
 * skill, to members of the place only, from the people module's index.
 */
export { namesOf } from '../people/index.js';
