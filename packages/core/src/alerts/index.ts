/**
 * Alerts: `onVerdict` / `onFlag` hooks and a webhook that POSTs HMAC-signed JSON with retries,
 * never blocking a request. Receivers check deliveries with {@link verifyWebhookSignature}.
 *
 * @packageDocumentation
 */
export { Alerts, createAlerts, type AlertsStats, type AlertsHandlers } from './alerts.js';
export { parseAlertsOptions, type AlertsOptions, type WebhookOptions, type ResolvedAlertsOptions, type VerdictHook, type FlagHook } from './options.js';
export type { Alert, VerdictAlert, FlagAlert } from './payload.js';
export { SIGNATURE_HEADER, signWebhookPayload, verifyWebhookSignature, type VerifyWebhookSignatureOptions } from './signature.js';
export { WebhookSink, type WebhookStats, type ResolvedWebhookOptions } from './webhook.js';
