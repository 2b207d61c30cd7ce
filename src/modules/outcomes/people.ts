/** Names of the people who took part, for pages that credit them, from the people module's index. */
export { namesOf } from '../people/index.js';
