export { FlagList, type FlagEntry, type FlagInput } from './flag-list.js';
