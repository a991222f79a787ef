import type { IncomingMessage } from 'node:http';
import type { GuardRequest } from '../request/index.js';

/**
 * The `GuardRequest` of a Node request, for adapters: the peer address (forwarded headers are
 * the guard's business, under `trustProxy`), method, headers and `x-request-id` as they came;
 * the path, body and user are the framework's to say.
 */
export function nodeGuardRequest(req: IncomingMessage, path: string, body: unknown, user: string | undefined): GuardRequest {
  const id = req.headers['x-request-id'];
  return {
    ip: req.socket.remoteAddress ?? '',
    method: req.method ?? 'GET',
    path,
    headers: req.headers as Record<string, string | undefined>,
    body,
    user,
    id: typeof id === 'string' ? id : undefined,
  };
}
