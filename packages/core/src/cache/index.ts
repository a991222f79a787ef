/** Bounded caches shared by the folders that remember what resent histories already cost. */
export { BoundedMap } from './bounded-map.js';
