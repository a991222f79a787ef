/** One entry of `GET /v1/models`, as the API shapes it. */
export interface ModelInfo {
  type: 'model';
  id: string;
  display_name: string;
  created_at: string;
}

/**
 * What `GET /v1/models` lists by default, newest first as the API orders it: the current lineup
 * of https://platform.claude.com/docs/en/about-claude/models/overview (December 2026) and the
 * legacy models that are still served. Limited-availability models (Mythos) and retired ones
 * (Sonnet 4.5 since 2026-11-30) are left out, as an ordinary account would not see them.
 */
const KNOWN: ModelInfo[] = [
  { type: 'model', id: 'claude-fable-5-2', display_name: 'Claude Fable 5.2', created_at: '2026-11-09T00:00:00Z' },
  { type: 'model', id: 'claude-haiku-5-5', display_name: 'Claude Haiku 5.5', created_at: '2026-10-07T00:00:00Z' },
  { type: 'model', id: 'claude-sonnet-5-5', display_name: 'Claude Sonnet 5.5', created_at: '2026-09-28T00:00:00Z' },
  { type: 'model', id: 'claude-opus-5-5', display_name: 'Claude Opus 5.5', created_at: '2026-09-23T00:00:00Z' },
  { type: 'model', id: 'claude-fable-5-1', display_name: 'Claude Fable 5.1', created_at: '2026-09-01T00:00:00Z' },
  { type: 'model', id: 'claude-opus-5', display_name: 'Claude Opus 5', created_at: '2026-07-24T00:00:00Z' },
  { type: 'model', id: 'claude-sonnet-5', display_name: 'Claude Sonnet 5', created_at: '2026-06-30T00:00:00Z' },
  { type: 'model', id: 'claude-haiku-4-5-20251001', display_name: 'Claude Haiku 4.5', created_at: '2025-10-15T00:00:00Z' },
];

function displayName(id: string): string {
  const words = id.replace(/^claude-/, '').replace(/-\d{8}$/, '').split('-');
  const name = words.filter((w) => !/^\d+$/.test(w)).map((w) => w.charAt(0).toUpperCase() + w.slice(1));
  const version = words.filter((w) => /^\d+$/.test(w)).join('.');
  return ['Claude', ...name, version].filter(Boolean).join(' ');
}

/**
 * The models the server lists: the configured ones, or the current Claude models.
 *
 * @example
 * listModels(['claude-mythos-5-2'])[0]?.display_name; // 'Claude Mythos 5.2'
 */
export function listModels(configured?: string[]): ModelInfo[] {
  if (!configured) return KNOWN;
  return configured.map(
    (id) =>
      KNOWN.find((model) => model.id === id) ?? {
        type: 'model',
        id,
        display_name: displayName(id),
        created_at: '2025-01-01T00:00:00Z',
      },
  );
}
