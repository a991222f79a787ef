/** Bounded caches shared by the folders that remember what resent histories already cost. */
export { BoundedMap } from './bounded-map.js';
export { sha256Base64 } from './digest.js';
export { RecencyList } from './recency-list.js';
