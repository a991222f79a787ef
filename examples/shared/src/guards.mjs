/**
 * The example's two guards and its Claude route settings, the same on every framework: the
 * page's visitors and the API's clients share one store, so a flag or a limit set on an
 * identity holds on both routes.
 *
 * @example
 * const { chatGuard, apiGuard, claude } = createGuards(services, options, distillGuard);
 *
 * @template {{ guard: import('@distill-guard/core').Guard }} M
 * @param {Awaited<ReturnType<typeof import('./services.mjs').startServices>>} services
 * @param {{ guard?: Record<string, unknown> }} options
 * @param {(options: Record<string, unknown>) => M} distillGuard the adapter's middleware factory
 */
export function createGuards(services, options, distillGuard) {
  const { config, chat, logger } = services;
  // The page's visitors (`anon_…` users) and the API's clients (`key:<id>`) are different identities.
  const guardOptions = { store: services.store, onStoreError: /** @type {const} */ ('open'), logger, ...options.guard };
  const chatGuard = distillGuard(guardOptions);
  const apiGuard = distillGuard({ ...guardOptions, apiKeys: { keys: services.apiKeys.entries } });
  services.closeWith(chatGuard.guard, apiGuard.guard);
  chat.attach(chatGuard.guard);
  // One Claude route configuration: the server's system prompt, the model allowlist, the reply cap.
  const claude = { client: services.claude.client, system: config.system, models: config.models, maxTokens: config.maxTokens };
  return { chatGuard, apiGuard, claude };
}
