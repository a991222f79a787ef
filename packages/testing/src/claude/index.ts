export { startClaudeServer } from './server.js';
export { parseClaudeCliArgs, CLAUDE_CLI_USAGE, type ClaudeCliArgs } from './cli.js';
export { countInputTokens } from './prompt.js';
export { countTextTokens } from './tokens.js';
export { parseDirectives, type Directives } from './directives.js';
export { errorBody, errorTypeForStatus, type ApiErrorBody } from './errors.js';
export { listModels, type ModelInfo } from './models.js';
export type {
  ApiErrorType,
  ClaudeServer,
  ClaudeServerOptions,
  ContentBlockParam,
  CountTokensRequestBody,
  FailureSpec,
  MessageParam,
  MessagesRequestBody,
  RecordedRequest,
  ToolCall,
  Usage,
} from './types.js';
