/**
 * `@distill-guard/core/adapter`: what a framework adapter is made of (the Express and Koa
 * packages use exactly this): the adapter's options and guard, the request classifier, the Node
 * request translation, the plain responses, the Claude route's endpoints and the admin handler.
 * Applications do not need it.
 */
export { adapterGuard, expectAdapterOptions, type AdapterRouting } from './adapter-guard.js';
export {
  DEFAULT_MAX_BODY_BYTES,
  deniedResponse,
  internalErrorResponse,
  invalidRequestResponse,
  nodeGuardRequest,
  parseJson,
  parseOtherRoutes,
  readJsonBody,
  requestClassifier,
  userIdFrom,
  type MatchOption,
  type OtherRoutes,
  type PlainResponse,
  type RequestClassifier,
  type RequestKind,
} from '../http/index.js';
export { guardOf } from '../guard/index.js';
export {
  claudeApiCall,
  parseClaudeRouteOptions,
  relayMessages,
  serveClaudeApi,
  StreamRewriter,
  type ApiRequest,
  type ClaudeApiCall,
  type ClaudeRouteOptions,
  type RelayContext,
  type ResolvedClaudeRouteOptions,
  type RoutePlacement,
} from '../claude-route/index.js';
export { createAdminHandler, parseAdminOptions, type AdminHandler, type AdminOptions, type AdminRequest, type AdminResponse } from '../admin/index.js';
