export type { ContentBlock, GuardHeaders, GuardRequest, MessageParam, MessagesBody, TextBlock } from './types.js';
export { messageText, lastUserText, systemText } from './text.js';
