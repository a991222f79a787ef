import { randomUUID } from 'node:crypto';
import type { Identity, Signal, Verdict } from '../decision/index.js';
import type { GuardEvents } from '../contracts/index.js';

/** Sent when an identity's verdict becomes stronger (throttle, flag, block). */
export interface VerdictAlert {
  type: 'verdict';
  /** Unique per alert; the same on every delivery attempt (use it to de-duplicate). */
  id: string;
  /** ms since the epoch, from the guard's clock. */
  time: number;
  identity: { id: string; source: Identity['source']; network: string; keyId?: string };
  verdict: Verdict;
  previous: Verdict;
  score: number;
  signals: Signal[];
  cluster?: string;
  /** The request that tipped the verdict. */
  requestId: string;
  model?: string;
  /** Under `mode: 'monitor'` the verdict is recorded but not acted upon. */
  monitor: boolean;
}

/** Sent when an identity is flagged or unflagged (by the detector, the admin API or the CLI). */
export interface FlagAlert {
  type: 'flag';
  id: string;
  time: number;
  identity: string;
  flagged: boolean;
  reason?: string;
  by: string;
}

export type Alert = VerdictAlert | FlagAlert;

export function verdictAlert(e: Parameters<GuardEvents['verdict']>[0], time: number): VerdictAlert {
  const identity: VerdictAlert['identity'] = { id: e.identity.id, source: e.identity.source, network: e.identity.network };
  if (e.identity.keyId !== undefined) identity.keyId = e.identity.keyId;
  const alert: VerdictAlert = {
    type: 'verdict',
    id: randomUUID(),
    time,
    identity,
    verdict: e.verdict,
    previous: e.previous,
    score: e.score,
    signals: e.signals.map((s) => ({ name: s.name, value: s.value, explanation: s.explanation })),
    requestId: e.decision.id,
    monitor: e.decision.monitor,
  };
  if (e.cluster !== undefined) alert.cluster = e.cluster;
  if (e.decision.model !== undefined) alert.model = e.decision.model;
  return alert;
}

export function flagAlert(e: Parameters<GuardEvents['flag']>[0], time: number): FlagAlert {
  const alert: FlagAlert = { type: 'flag', id: randomUUID(), time, identity: e.id, flagged: e.flagged, by: e.by };
  if (e.reason !== undefined) alert.reason = e.reason;
  return alert;
}
