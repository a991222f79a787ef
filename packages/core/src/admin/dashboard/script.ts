/**
 * The dashboard's script: plain browser JavaScript, served as is (no build step, no external
 * assets). It polls the JSON API with the admin token kept in sessionStorage, and builds every
 * node with textContent, never innerHTML, since identity ids and reasons come from outside.
 * (Kept free of backticks and dollar-braces so it can live in this String.raw literal.)
 */
export const DASHBOARD_JS = String.raw`(function () {
  'use strict';
  var KEY = 'distill-guard.admin-token';
  var SVGNS = 'http://www.w3.org/2000/svg';
  var POLL_MS = Number(document.body.dataset.pollMs) || 2000;
  var token = sessionStorage.getItem(KEY) || '';
  var timer = null;
  var inFlight = false;
  var again = false;
  var selected = null;
  var last = {};

  function $(id) { return document.getElementById(id); }

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    if (attrs) for (var k in attrs) {
      if (attrs[k] === undefined || attrs[k] === null) continue;
      if (k === 'text') node.textContent = String(attrs[k]);
      else if (k === 'className') node.className = attrs[k];
      else if (k.indexOf('on') === 0) node.addEventListener(k.slice(2), attrs[k]);
      else node.setAttribute(k, String(attrs[k]));
    }
    (children || []).forEach(function (c) {
      if (c === null || c === undefined || c === false) return;
      node.appendChild(typeof c === 'string' || typeof c === 'number' ? document.createTextNode(String(c)) : c);
    });
    return node;
  }

  function svg(tag, attrs) {
    var node = document.createElementNS(SVGNS, tag);
    for (var k in attrs) {
      if (k === 'text') node.textContent = attrs[k];
      else node.setAttribute(k, String(attrs[k]));
    }
    return node;
  }

  function clear(node) { while (node.firstChild) node.removeChild(node.firstChild); }

  function time(ms) {
    if (!ms) return '';
    var d = new Date(ms);
    return d.toLocaleTimeString([], { hour12: false });
  }

  function dateTime(ms) {
    if (!ms) return '';
    var d = new Date(ms);
    return d.toLocaleDateString([], { month: 'short', day: 'numeric' }) + ' ' + time(ms);
  }

  function score(x) { return (Math.round((x || 0) * 100) / 100).toFixed(2); }

  function pill(text, kind) { return el('span', { className: 'pill ' + (kind || text), text: text }); }

  function idLink(id) {
    return el('a', { className: 'id', href: '#', 'data-identity': id, text: id, onclick: function (e) { e.preventDefault(); explain(id); } });
  }

  function setStatus(text) { $('status').textContent = text; }
  function showError(text) { $('error').textContent = text || ''; }

  function api(method, path, body) {
    var init = { method: method, headers: { authorization: 'Bearer ' + token }, cache: 'no-store', credentials: 'omit' };
    if (body !== undefined) {
      init.headers['content-type'] = 'application/json';
      init.body = JSON.stringify(body);
    }
    return fetch('api/' + path, init).then(function (res) {
      if (res.status === 401) {
        signOut('The admin token was refused.');
        throw new Error('unauthorized');
      }
      return res.json().catch(function () { return {}; }).then(function (data) {
        if (!res.ok) throw new Error((data && data.error && data.error.message) || ('HTTP ' + res.status));
        return data;
      });
    });
  }

  // --- Sign in / out ------------------------------------------------------------------------
  function showLogin(message) {
    $('main').hidden = true;
    $('signout').hidden = true;
    $('login').hidden = false;
    $('login-error').textContent = message || '';
    $('token').focus();
  }

  function signOut(message) {
    token = '';
    sessionStorage.removeItem(KEY);
    if (timer) clearInterval(timer);
    timer = null;
    last = {};
    setStatus('');
    showLogin(message);
  }

  function start() {
    $('login').hidden = true;
    $('main').hidden = false;
    $('signout').hidden = false;
    refresh();
    if (timer) clearInterval(timer);
    timer = setInterval(refresh, POLL_MS);
  }

  $('login-form').addEventListener('submit', function (e) {
    e.preventDefault();
    token = $('token').value.trim();
    $('token').value = '';
    api('GET', 'info').then(function () {
      sessionStorage.setItem(KEY, token);
      start();
    }).catch(function (err) {
      if (err.message !== 'unauthorized') showLogin(err.message);
    });
  });
  $('signout').addEventListener('click', function () { signOut(''); });

  // --- Polling ------------------------------------------------------------------------------
  function refresh() {
    if (!token) return;
    if (inFlight) { again = true; return; }
    inFlight = true;
    api('GET', 'overview?minutes=30').then(function (data) {
      showError(data.flaggedError ? 'Flagged list unavailable: ' + data.flaggedError : '');
      render(data);
      setStatus('updated ' + time(Date.now()));
    }).catch(function (err) {
      if (err.message !== 'unauthorized') { showError('Refresh failed: ' + err.message); setStatus('offline'); }
    }).then(function () {
      inFlight = false;
      if (again) { again = false; refresh(); }
    });
    if (selected) loadExplain(selected);
  }

  function changed(name, value) {
    var json = JSON.stringify(value);
    if (last[name] === json) return false;
    last[name] = json;
    return true;
  }

  function render(data) {
    if (changed('stats', [data.stats, data.flagged.length])) renderStats(data.stats, data.flagged.length);
    if (changed('series', data.series)) renderChart(data.series);
    if (changed('flagged', data.flagged)) renderFlagged(data.flagged);
    if (changed('top', data.top)) renderTop(data.top);
    if (changed('decisions', data.decisions)) renderDecisions(data.decisions);
  }

  function renderStats(s, flagged) {
    var box = $('stats');
    clear(box);
    [['decisions', s.decisions], ['allowed', s.allowed], ['throttled', s.throttled], ['blocked', s.blocked], ['flagged now', flagged], ['identities seen', s.identities], ['store errors', s.storeErrors]].forEach(function (p) {
      box.appendChild(el('div', { className: 'stat' }, [el('div', { className: 'value', text: p[1] }), el('div', { className: 'label', text: p[0] })]));
    });
    box.appendChild(el('div', { className: 'stat' }, [el('div', { className: 'value', text: time(s.since) }), el('div', { className: 'label', text: 'counting since' })]));
  }

  function renderChart(series) {
    var chart = $('chart');
    clear(chart);
    var W = 1000, H = 200, L = 44, R = 10, T = 10, B = 24;
    var pts = series.points;
    var max = 1;
    pts.forEach(function (p) { max = Math.max(max, p.allowed, p.throttled, p.blocked); });
    max = niceMax(max);
    var x = function (i) { return L + (pts.length <= 1 ? 0 : (i * (W - L - R)) / (pts.length - 1)); };
    var y = function (v) { return T + (H - T - B) * (1 - v / max); };
    [0, 0.5, 1].forEach(function (f) {
      var v = Math.round(max * f);
      chart.appendChild(svg('line', { x1: L, x2: W - R, y1: y(v), y2: y(v), 'class': 'grid' }));
      chart.appendChild(svg('text', { x: L - 6, y: y(v) + 4, 'text-anchor': 'end', 'class': 'axis', text: String(v) }));
    });
    [0, Math.floor((pts.length - 1) / 2), pts.length - 1].forEach(function (i, n) {
      if (!pts[i]) return;
      chart.appendChild(svg('text', { x: x(i), y: H - 6, 'text-anchor': n === 0 ? 'start' : n === 2 ? 'end' : 'middle', 'class': 'axis', text: time(pts[i].time) }));
    });
    ['allowed', 'throttled', 'blocked'].forEach(function (k) {
      var points = pts.map(function (p, i) { return x(i).toFixed(1) + ',' + y(p[k]).toFixed(1); }).join(' ');
      var line = svg('polyline', { points: points, 'class': 'line ' + k });
      var total = pts.reduce(function (a, p) { return a + p[k]; }, 0);
      line.appendChild(svg('title', { text: k + ': ' + total + ' in this window' }));
      chart.appendChild(line);
    });
    $('chart-span').textContent = 'last ' + Math.round((series.to - series.from) / 60000) + ' min, ' + series.bucketMs / 1000 + ' s buckets';
  }

  function niceMax(v) {
    var p = Math.pow(10, Math.floor(Math.log10(v)));
    var steps = [1, 2, 5, 10];
    for (var i = 0; i < steps.length; i++) if (steps[i] * p >= v) return steps[i] * p;
    return 10 * p;
  }

  function unflagButton(id) {
    return el('button', { type: 'button', className: 'danger small', 'data-unflag': id, text: 'Unflag', onclick: function (e) { unflag(id, e.target); } });
  }

  function unflag(id, button) {
    if (!window.confirm('Lift the flag on ' + id + '? Its next request will be let through and the detector forgets its history.')) return;
    if (button) button.disabled = true;
    api('DELETE', 'flagged/' + encodeURIComponent(id)).then(function () {
      last.flagged = null;
      refresh();
    }).catch(function (err) {
      if (button) button.disabled = false;
      showError('Unflag failed: ' + err.message);
    });
  }

  function renderFlagged(list) {
    var body = $('flagged').tBodies[0];
    clear(body);
    $('flagged-count').textContent = list.length ? '(' + list.length + ')' : '';
    $('flagged-empty').hidden = list.length > 0;
    list.forEach(function (f) {
      body.appendChild(el('tr', { 'data-identity': f.id }, [
        el('td', null, [idLink(f.id)]),
        el('td', { text: f.reason }),
        el('td', { text: f.by }),
        el('td', { text: dateTime(f.at) }),
        el('td', { text: f.expiresAt ? dateTime(f.expiresAt) : 'never' }),
        el('td', null, [unflagButton(f.id)]),
      ]));
    });
  }

  function reasonsText(reasons) {
    return Object.keys(reasons || {}).sort(function (a, b) { return reasons[b] - reasons[a]; }).map(function (r) { return r + ' ' + reasons[r]; }).join(', ');
  }

  function signalList(signals, limit) {
    return (signals || []).slice(0, limit || 3).map(function (s) {
      return el('div', { className: 'signal' }, [el('b', { text: s.name + ' ' + score(s.value) }), ': ' + s.explanation]);
    });
  }

  function renderTop(list) {
    var body = $('top').tBodies[0];
    clear(body);
    $('top-empty').hidden = list.length > 0;
    list.forEach(function (i) {
      body.appendChild(el('tr', { 'data-identity': i.id }, [
        el('td', null, [idLink(i.id)]),
        el('td', { className: 'num', text: score(i.score) }),
        el('td', null, [pill(i.verdict)]),
        el('td', { className: 'num', text: i.requests }),
        el('td', { className: 'num', text: i.allowed + ' / ' + i.throttled + ' / ' + i.blocked }),
        el('td', null, [el('div', { text: reasonsText(i.reasons) })].concat(signalList(i.signals, 2))),
      ]));
    });
  }

  function renderDecisions(list) {
    var body = $('decisions').tBodies[0];
    clear(body);
    $('decisions-empty').hidden = list.length > 0;
    list.forEach(function (d) {
      body.appendChild(el('tr', { 'data-request': d.id }, [
        el('td', { text: time(d.time) }),
        el('td', null, [idLink(d.identity)]),
        el('td', null, [pill(d.class, d.conclusion === 'error' ? 'error' : d.class)]),
        el('td', { text: d.reason || '' }),
        el('td', { className: 'num', text: score(d.score) }),
        el('td', { className: 'num', text: d.status }),
        el('td', null, [el('code', { text: (d.method || '') + ' ' + (d.path || '') })]),
      ]));
    });
  }

  // --- Explain one identity -----------------------------------------------------------------
  function explain(id) {
    selected = id;
    last.explain = null;
    $('explain').hidden = false;
    $('explain-id').textContent = id;
    loadExplain(id);
    $('explain').scrollIntoView({ block: 'nearest' });
  }

  $('explain-close').addEventListener('click', function () { selected = null; $('explain').hidden = true; });

  function loadExplain(id) {
    api('GET', 'identities/' + encodeURIComponent(id)).then(function (x) {
      if (selected !== id || !changed('explain', x)) return;
      renderExplain(x);
    }).catch(function (err) { if (err.message !== 'unauthorized') showError('Explain failed: ' + err.message); });
  }

  function renderExplain(x) {
    var box = $('explain-body');
    clear(box);
    var s = x.summary;
    var facts = el('dl', { className: 'facts' });
    function fact(k, v) { facts.appendChild(el('dt', { text: k })); facts.appendChild(el('dd', null, [v])); }
    fact('Flag', x.flag ? 'flagged by ' + x.flag.by + ' at ' + dateTime(x.flag.at) + ': ' + x.flag.reason : (x.flagError ? 'unknown (' + x.flagError + ')' : 'not flagged'));
    if (s) {
      fact('Source', s.source + (s.keyId ? ' (' + s.keyId + ')' : '') + ', network ' + s.network);
      fact('Seen', dateTime(s.firstSeen) + ' to ' + dateTime(s.lastSeen) + ' (this instance)');
      fact('Requests', s.requests + ': ' + s.allowed + ' allowed, ' + s.throttled + ' throttled, ' + s.blocked + ' blocked');
      fact('Score', score(s.score) + ' now, ' + score(s.maxScore) + ' at most; verdict ' + s.verdict + (s.cluster ? ', cluster ' + s.cluster : ''));
      fact('Reasons', reasonsText(s.reasons) || 'none');
      fact('Usage', s.inputTokens + ' input / ' + s.outputTokens + ' output tokens, $' + s.spendUsd.toFixed(4));
    } else {
      fact('Traffic', 'not seen by this instance lately');
    }
    box.appendChild(facts);
    var actions = el('div', null, [x.flagged ? unflagButton(x.id) : el('button', { type: 'button', className: 'small', text: 'Flag', onclick: function () {
      var reason = window.prompt('Reason for flagging ' + x.id + '?');
      if (reason) flag(x.id, reason);
    } })]);
    box.appendChild(actions);
    if (x.signals.length) {
      box.appendChild(el('h3', { text: 'Signals' }));
      signalList(x.signals, 8).forEach(function (n) { box.appendChild(n); });
    }
    if (x.scoreHistory.length > 1) {
      box.appendChild(el('h3', { text: 'Score history' }));
      box.appendChild(sparkline(x.scoreHistory));
    }
    if (x.verdicts.length) {
      box.appendChild(el('h3', { text: 'Verdict changes' }));
      x.verdicts.forEach(function (v) { box.appendChild(el('div', { className: 'signal', text: time(v.time) + ': ' + v.previous + ' -> ' + v.verdict + ' (score ' + score(v.score) + ')' })); });
    }
    if (x.flags.length) {
      box.appendChild(el('h3', { text: 'Flag changes' }));
      x.flags.forEach(function (f) { box.appendChild(el('div', { className: 'signal', text: time(f.time) + ': ' + (f.flagged ? 'flagged' : 'unflagged') + ' by ' + f.by + (f.reason ? ' (' + f.reason + ')' : '') })); });
    }
    if (x.decisions.length) {
      box.appendChild(el('h3', { text: 'Recent decisions' }));
      var t = el('table', null, [el('thead', null, [el('tr', null, ['Time', 'Decision', 'Reason', 'Score', 'Signals'].map(function (h) { return el('th', { text: h }); }))])]);
      var tb = el('tbody');
      x.decisions.forEach(function (d) {
        tb.appendChild(el('tr', null, [el('td', { text: time(d.time) }), el('td', null, [pill(d.class)]), el('td', { text: d.reason || '' }), el('td', { className: 'num', text: score(d.score) }), el('td', { text: d.signals.join(', ') })]));
      });
      t.appendChild(tb);
      box.appendChild(t);
    }
  }

  function sparkline(points) {
    var W = 600, H = 60;
    var t0 = points[0].time, t1 = points[points.length - 1].time || t0 + 1;
    var node = svg('svg', { viewBox: '0 0 ' + W + ' ' + H, 'class': 'spark', role: 'img', 'aria-label': 'score history' });
    node.appendChild(svg('line', { x1: 0, x2: W, y1: H - 1, y2: H - 1 }));
    var pts = points.map(function (p) { return ((W * (p.time - t0)) / Math.max(1, t1 - t0)).toFixed(1) + ',' + (H - 2 - (H - 4) * p.score).toFixed(1); }).join(' ');
    node.appendChild(svg('polyline', { points: pts }));
    return node;
  }

  function flag(id, reason) {
    return api('POST', 'flagged', { id: id, reason: reason }).then(function () {
      last.flagged = null;
      if (selected === id) last.explain = null;
      refresh();
    }).catch(function (err) { showError('Flag failed: ' + err.message); });
  }

  $('flag-form').addEventListener('submit', function (e) {
    e.preventDefault();
    var id = $('flag-id').value.trim(), reason = $('flag-reason').value.trim();
    if (!id || !reason) return;
    flag(id, reason).then(function () { $('flag-id').value = ''; $('flag-reason').value = ''; });
  });

  if (token) start(); else showLogin('');
})();
`;
