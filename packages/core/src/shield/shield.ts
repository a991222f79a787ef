import type { InjectionScan } from '../guard/plugins.js';
import { withCanary } from './canary.js';
import { parseShieldOptions, type ResolvedShieldOptions, type ShieldOptions } from './options.js';
import { createOutputFilter, filterText, type OutputFilter, type OutputFilterOptions, type OutputFilterResult } from './output-filter.js';
import { scanMessages } from './scan.js';
import { validateRequestBody, type ValidatedBody } from './validate.js';

/** The shield of one deployment, built once from its options. */
export interface Shield {
  readonly options: ResolvedShieldOptions;
  /** The server's system prompt as sent upstream (canary included), if one is configured. */
  readonly systemPrompt: string | undefined;
  /** The deployment's canary, when output protection has one. */
  readonly canary: string | undefined;
  /** Validates and normalises a request body; throws `InvalidRequestError`. */
  validate(body: unknown): ValidatedBody;
  /** The prompt-attack scan of a validated body, or undefined when the policy is `off`. */
  scan(body: ValidatedBody['body']): InjectionScan | undefined;
  /** Whether a scan should refuse the request under this deployment's policy. */
  blocks(scan: InjectionScan | undefined): boolean;
  /** A fresh streaming filter for one reply (undefined when output protection is off). */
  outputFilter(): OutputFilter | undefined;
  /** Filters a whole (non-streaming) reply text. */
  filterReply(text: string): OutputFilterResult;
}

/**
 * Builds the shield for one deployment: validated options, the server system prompt with the
 * canary placed in it, and per-request helpers. This is what `guard.check` and `claudeRoute`
 * call: `validate` then `scan` on the way in, `outputFilter()` on the way out.
 *
 * @example
 * ```ts
 * const shield = createShield({ request: { systemPrompt: 'You are Acme support.' }, injection: 'block' });
 * const { body } = shield.validate(req.body);      // 400 on InvalidRequestError
 * const scan = shield.scan(body);
 * if (shield.blocks(scan)) return deny('injection', scan!.reasons);
 * const filter = shield.outputFilter();            // push() each text delta, end() at the end
 * ```
 */
export function createShield(options: ShieldOptions | ResolvedShieldOptions = {}, path = 'shield'): Shield {
  const resolved = isResolved(options) ? options : parseShieldOptions(options, path);
  const canary = resolved.output === false ? undefined : resolved.output.canary;
  const base = resolved.request.systemPrompt;
  const systemPrompt = base !== undefined && base.length > 0 && canary !== undefined ? withCanary(base, canary) : base;
  const request = systemPrompt === base ? resolved.request : { ...resolved.request, systemPrompt: systemPrompt! };
  const filterOptions: OutputFilterOptions | undefined =
    resolved.output === false
      ? undefined
      : { ...resolved.output, ...(systemPrompt !== undefined ? { systemPrompt } : {}) };
  const { injection } = resolved;
  return {
    options: resolved,
    systemPrompt,
    canary,
    validate: (body) => validateRequestBody(body, request),
    scan: (body) =>
      injection.policy === 'off'
        ? undefined
        : scanMessages(body, {
            threshold: injection.threshold,
            maxChars: injection.maxScanChars,
            maxTotalChars: injection.maxConversationChars,
            includeSystem: resolved.request.system === 'allow',
          }),
    blocks: (scan) => injection.policy === 'block' && scan?.verdict === 'injection',
    outputFilter: () => (filterOptions ? createOutputFilter(filterOptions) : undefined),
    filterReply: (text) => (filterOptions ? filterText(text, filterOptions) : { text }),
  };
}

function isResolved(o: ShieldOptions | ResolvedShieldOptions): o is ResolvedShieldOptions {
  const r = o as Partial<ResolvedShieldOptions>;
  return typeof r.injection === 'object' && r.injection !== null && 'maxScanChars' in r.injection && typeof r.request === 'object' && r.request !== null && 'maxBlocks' in r.request;
}
