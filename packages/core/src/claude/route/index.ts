export { relayMessages, type RelayContext } from './relay.js';
export { parseClaudeRouteOptions, type ClaudeRouteOptions, type ResolvedClaudeRouteOptions } from './options.js';
export { mapUpstreamError, type MappedUpstreamError } from './upstream-error.js';
export { chainTransforms, reasoningStripper, type OutputViolation, type TextTransform, type TransformResult } from './text-transform.js';
export { StreamRewriter } from './stream-rewriter.js';
export type { MessagesClientLike, MessageLike, RawUsage, StreamEvent } from './client.js';
export { upstreamThinking, MIN_THINKING_BUDGET, type ThinkingChange, type UpstreamThinking } from './thinking.js';
export { continuedTurn, type ContinuedTurn } from './tool-loop.js';
