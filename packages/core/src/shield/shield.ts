import type { InjectionScan } from '../contracts/index.js';
import type { MessageDigests } from '../request/index.js';
import { withCanary } from './canary.js';
import { parseShieldOptions, type ResolvedShieldOptions, type ShieldOptions } from './options.js';
import { createOutputFilter, filterText, type OutputFilter, type OutputFilterOptions, type OutputFilterResult } from './output-filter.js';
import { createClassifierSet } from './classifiers.js';
import { scanMessages, scanMessagesAsync, type MessagesScan, type ScanMessagesOptions } from './scan.js';
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
  /**
   * The prompt-attack scan of a validated body (the shield's own model only), or undefined when
   * the policy is `off`. `digests`, the body's messages as the guard digested them, find the
   * conversation's memory without digesting its opening text again.
   */
  scan(body: ValidatedBody['body'], digests?: MessageDigests): MessagesScan | undefined;
  /**
   * The scan, then the configured `injection.classifiers` for the texts whose score is uncertain
   * (the same as `scan` when none are configured).
   */
  scanAsync(body: ValidatedBody['body'], digests?: MessageDigests): Promise<MessagesScan | undefined>;
  /** Whether a scan should refuse the request under this deployment's policy (per channel when the scan says which). */
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
  const scanOptions: ScanMessagesOptions = {
    threshold: injection.threshold,
    channels: {
      user: injection.channels.user.policy === 'off' ? 'off' : injection.channels.user.threshold,
      document: injection.channels.document.policy === 'off' ? 'off' : injection.channels.document.threshold,
    },
    contextTags: injection.contextTags,
    maxChars: injection.maxScanChars,
    maxTotalChars: injection.maxConversationChars,
    includeSystem: resolved.request.system === 'allow',
    screen: injection.screen,
  };
  const classifiers = injection.classifiers.length > 0 ? createClassifierSet(injection.classifiers) : undefined;
  return {
    options: resolved,
    systemPrompt,
    canary,
    validate: (body) => validateRequestBody(body, request),
    scan: (body, digests) => (injection.policy === 'off' ? undefined : scanMessages(body, scanOptions, digests)),
    scanAsync: async (body, digests) =>
      injection.policy === 'off'
        ? undefined
        : classifiers
          ? scanMessagesAsync(body, { ...scanOptions, classifiers, uncertain: injection.uncertain }, digests)
          : scanMessages(body, scanOptions, digests),
    blocks: (scan) => {
      if (scan?.verdict !== 'injection') return false;
      const channels = (scan as Partial<MessagesScan>).flaggedChannels;
      if (channels === undefined) return injection.policy === 'block';
      return channels.some((c) => injection.channels[c].policy === 'block');
    },
    outputFilter: () => (filterOptions ? createOutputFilter(filterOptions) : undefined),
    filterReply: (text) => (filterOptions ? filterText(text, filterOptions) : { text }),
  };
}

function isResolved(o: ShieldOptions | ResolvedShieldOptions): o is ResolvedShieldOptions {
  const r = o as Partial<ResolvedShieldOptions>;
  return typeof r.injection === 'object' && r.injection !== null && 'maxScanChars' in r.injection && typeof r.request === 'object' && r.request !== null && 'maxBlocks' in r.request;
}
