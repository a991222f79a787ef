/** The dashboard's HTML. Data is never in it: the script fetches it with the admin token. */
export function pageHtml(config: { pollMs: number; instance: string; metrics: boolean }): string {
  const instance = escapeHtml(config.instance);
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>distill-guard admin${instance ? ` · ${instance}` : ''}</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="dashboard.css">
<script src="dashboard.js" defer></script>
</head>
<body data-poll-ms="${config.pollMs}" data-instance="${instance}" data-metrics="${config.metrics ? '1' : '0'}">
<header class="bar">
  <h1>distill-guard <span class="muted">admin</span></h1>
  <span id="instance" class="muted">${instance ? `instance ${instance}` : ''}</span>
  <span id="status" class="status" role="status" aria-live="polite"></span>
  <button id="signout" type="button" class="secondary" hidden>Sign out</button>
</header>

<section id="login" class="card narrow" hidden>
  <h2>Sign in</h2>
  <p>Enter the admin token. It stays in this browser tab only (session storage) and is sent with each request.</p>
  <form id="login-form" autocomplete="off">
    <label for="token">Admin token</label>
    <input id="token" name="token" type="password" required minlength="16" spellcheck="false">
    <button type="submit">Open the dashboard</button>
    <p id="login-error" class="error" role="alert"></p>
  </form>
</section>

<main id="main" hidden>
  <p class="note">Live traffic of <strong>this instance</strong>, kept in memory (recent decisions, per-identity history, time buckets).
  Flags are shared by every instance through the store. The cluster-wide record is the audit log.</p>
  <p id="error" class="error" role="alert"></p>

  <section class="stats" id="stats" aria-label="Totals since start"></section>

  <section class="card">
    <h2>Requests over time <span class="muted" id="chart-span"></span></h2>
    <div class="legend"><span class="key allowed">allowed</span><span class="key throttled">throttled</span><span class="key blocked">blocked</span></div>
    <svg id="chart" viewBox="0 0 1000 200" role="img" aria-label="Allowed, throttled and blocked requests over time"></svg>
  </section>

  <div class="columns">
    <section class="card">
      <h2>Flagged identities <span class="muted" id="flagged-count"></span></h2>
      <table id="flagged"><thead><tr><th>Identity</th><th>Reason</th><th>By</th><th>Since</th><th>Expires</th><th></th></tr></thead><tbody></tbody></table>
      <p id="flagged-empty" class="muted">No identity is flagged.</p>
      <form id="flag-form" class="inline" autocomplete="off">
        <input id="flag-id" name="id" placeholder="identity (e.g. key:partner)" required maxlength="256" spellcheck="false">
        <input id="flag-reason" name="reason" placeholder="reason" required maxlength="500">
        <button type="submit">Flag</button>
      </form>
    </section>

    <section class="card">
      <h2>Top identities by score</h2>
      <table id="top"><thead><tr><th>Identity</th><th>Score</th><th>Verdict</th><th>Requests</th><th title="allowed / throttled / blocked">A / T / B</th><th>Reasons and signals</th></tr></thead><tbody></tbody></table>
      <p id="top-empty" class="muted">No traffic seen yet.</p>
    </section>
  </div>

  <section class="card" id="explain" hidden>
    <h2>Identity <code id="explain-id"></code> <button id="explain-close" type="button" class="secondary small">Close</button></h2>
    <div id="explain-body"></div>
  </section>

  <section class="card">
    <h2>Live decisions</h2>
    <table id="decisions"><thead><tr><th>Time</th><th>Identity</th><th>Decision</th><th>Reason</th><th>Score</th><th>Status</th><th>Path</th></tr></thead><tbody></tbody></table>
    <p id="decisions-empty" class="muted">No decisions yet.</p>
  </section>
</main>
</body>
</html>
`;
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
