export { readJsonBody, parseJson, DEFAULT_MAX_BODY_BYTES } from './read-body.js';
export { deniedResponse, invalidRequestResponse, internalErrorResponse, type PlainResponse } from './responses.js';
export { userIdFrom } from './user.js';
export { nodeGuardRequest } from './node-request.js';
export { requestClassifier, parseOtherRoutes, type MatchOption, type OtherRoutes, type RequestClassifier, type RequestKind } from './match.js';
