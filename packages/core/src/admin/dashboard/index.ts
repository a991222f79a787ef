import { pageHtml } from './page.js';
import { DASHBOARD_JS } from './script.js';
import { DASHBOARD_CSS } from './style.js';

export interface DashboardConfig {
  pollMs: number;
  instance: string;
  metrics: boolean;
}

/**
 * Nothing but this origin: the page loads its own script and stylesheet and talks to its own
 * API, so an injected tag could neither run nor send data elsewhere.
 */
export const DASHBOARD_CSP =
  "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/** One of the dashboard's three files, with its headers. */
export function dashboardAsset(name: 'page' | 'script' | 'style', config: DashboardConfig): { headers: Record<string, string>; body: string } {
  switch (name) {
    case 'page':
      return { headers: { 'content-type': 'text/html; charset=utf-8', 'content-security-policy': DASHBOARD_CSP }, body: pageHtml(config) };
    case 'script':
      return { headers: { 'content-type': 'text/javascript; charset=utf-8' }, body: DASHBOARD_JS };
    case 'style':
      return { headers: { 'content-type': 'text/css; charset=utf-8' }, body: DASHBOARD_CSS };
  }
}

export { DASHBOARD_JS, DASHBOARD_CSS };
