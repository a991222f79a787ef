import type { Registry } from 'prom-client';
import type { GuardMetrics } from './metrics.js';

/** What a `/metrics` route sends. */
export interface MetricsResponse {
  status: number;
  contentType: string;
  body: string;
}

/**
 * A framework-neutral `/metrics` handler: call it per scrape and send what it returns.
 *
 * @example
 * ```ts
 * const scrape = metricsHandler(metrics);
 * app.get('/metrics', async (_req, res) => {
 *   const { status, contentType, body } = await scrape();
 *   res.status(status).set('content-type', contentType).send(body);
 * });
 * ```
 */
export function metricsHandler(source: GuardMetrics | Registry): () => Promise<MetricsResponse> {
  const registry = 'registry' in source && 'handlers' in source ? source.registry : (source as Registry);
  return async () => {
    try {
      return { status: 200, contentType: registry.contentType, body: await registry.metrics() };
    } catch (err) {
      return { status: 500, contentType: 'text/plain; charset=utf-8', body: `# metrics collection failed: ${err instanceof Error ? err.message : String(err)}\n` };
    }
  };
}
