export type { ContentBlock, GuardHeaders, GuardRequest, MessageParam, MessagesBody, TextBlock } from './types.js';
export { messageText, lastUserText, prefillText, systemText } from './text.js';
export { checkBodyShape, MAX_BODY_DEPTH, MAX_BODY_ENTRIES } from './shape.js';
export { MessageDigests } from './message-digests.js';
