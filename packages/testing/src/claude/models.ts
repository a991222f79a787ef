/** One entry of `GET /v1/models`, as the API shapes it. */
export interface ModelInfo {
  type: 'model';
  id: string;
  display_name: string;
  created_at: string;
}

const KNOWN: ModelInfo[] = [
  { type: 'model', id: 'claude-opus-4-6', display_name: 'Claude Opus 4.6', created_at: '2026-02-05T00:00:00Z' },
  { type: 'model', id: 'claude-sonnet-4-6', display_name: 'Claude Sonnet 4.6', created_at: '2026-02-17T00:00:00Z' },
  { type: 'model', id: 'claude-haiku-4-5-20251001', display_name: 'Claude Haiku 4.5', created_at: '2025-10-15T00:00:00Z' },
];

function displayName(id: string): string {
  const words = id.replace(/^claude-/, '').replace(/-\d{8}$/, '').split('-');
  const name = words.filter((w) => !/^\d+$/.test(w)).map((w) => w.charAt(0).toUpperCase() + w.slice(1));
  const version = words.filter((w) => /^\d+$/.test(w)).join('.');
  return ['Claude', ...name, version].filter(Boolean).join(' ');
}

/**
 * The models the server lists: the configured ones, or a few current Claude models.
 *
 * @example
 * listModels(['claude-sonnet-4-5'])[0]?.display_name; // 'Claude Sonnet 4.5'
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
