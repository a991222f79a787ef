import type { Decision, Guard, GuardOptions } from '@distill-guard/core';
import type { NextFunction, Request, Response } from 'express';

/**
 * Options of the Express middleware: every `createGuard` option, plus how to read the request.
 */
export interface DistillGuardOptions extends GuardOptions {
  /** Use this guard instead of creating one (share it between routes, or with the admin router). */
  guard?: Guard;
  /** Largest JSON body read, in bytes. Default 1 MiB; larger bodies get a 413. */
  maxBodyBytes?: number;
  /** The authenticated account of a request. Default: `req.user` / `req.auth` (`id`, `sub`, `userId`). */
  user?: (req: Request) => string | undefined;
  /** Answers a refused request. Default: the decision's status and headers with an Anthropic-shaped error body. */
  onDenied?: (req: Request, res: Response, next: NextFunction, decision: Decision) => void;
  /** Requests to pass through unchecked (health checks, GETs). */
  skip?: (req: Request) => boolean;
}

export const ADAPTER_KEYS = ['guard', 'maxBodyBytes', 'user', 'onDenied', 'skip'] as const;
