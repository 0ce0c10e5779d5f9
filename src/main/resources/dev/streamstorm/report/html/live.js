/* streamstorm live dashboard: follows the run's event stream (one JSON document per interval, the
   whole history first) and feeds report.js's charts. Values reach the page as text only. */
(function () {
  'use strict';
  var live = JSON.parse(document.getElementById('streamstorm-live').textContent);
  var time = JSON.parse(document.getElementById('streamstorm-data').textContent).time;
  var ended = false;

  function $(id) { return document.getElementById(id); }
  function num(v, digits) {
    return v == null ? '–' : v.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
  }
  function ms(v) {
    if (v == null) return '–';
    return v < 10 ? num(v, 2) : v < 100 ? num(v, 1) : num(v, 0);
  }
  function rate(v) { return v == null ? '–' : v < 10 ? num(v, 2) : num(v, 1); }
  function clock(s) {
    if (s == null) return '–';
    s = Math.round(s);
    return s < 60 ? s + 's' : Math.floor(s / 60) + 'm' + String(s % 60).padStart(2, '0') + 's';
  }
  function perSecond(n, dt) { return dt > 0 ? Math.round(n / dt * 1000) / 1000 : null; }

  /** Columns restarted empty, as the page was served (a reconnect brings the history again). */
  function reset() {
    Object.keys(time).forEach(function (k) {
      var v = time[k];
      if (Array.isArray(v) && k !== 'stages') time[k] = [];
    });
    time.errors = {};
    ['ttft', 'e2e', 'itl'].forEach(function (m) { time[m] = { p50: [], p95: [], p99: [] }; });
  }

  function push(p) {
    var n = time.t.length;
    time.t.push(p.t);
    time.activeUsers.push(p.users);
    time.inFlight.push(p.inFlight);
    if (time.open) {
      time.targetRate.push(p.targetRate);
      time.arrivalRate.push(perSecond(p.arrivals, p.dt));
      time.droppedRate.push(perSecond(p.dropped, p.dt));
    }
    time.okRate.push(perSecond(p.ok, p.dt));
    time.failedRate.push(perSecond(p.failed, p.dt));
    time.tokenRate.push(perSecond(p.tokens, p.dt));
    Object.keys(p.errors).forEach(function (c) {
      if (!time.errors[c]) time.errors[c] = new Array(n).fill(0);
    });
    Object.keys(time.errors).forEach(function (c) {
      time.errors[c].push(perSecond(p.errors[c] || 0, p.dt));
    });
    ['ttft', 'e2e', 'itl'].forEach(function (m) {
      var v = p.pct[m];
      ['p50', 'p95', 'p99'].forEach(function (q, k) { time[m][q].push(v ? v[k] : null); });
    });
    time.loopLagP99.push(p.lagP99);
    time.cpuPercent.push(p.cpu);
  }

  function tile(id, value, detail, tone) {
    var el = $('kpi-' + id);
    el.querySelector('.kpi-value').textContent = value;
    el.querySelector('.kpi-detail').textContent = detail;
    el.className = tone ? 'kpi ' + tone : 'kpi';
  }

  function badge(id, text, tone) {
    var el = $(id);
    el.textContent = text;
    el.className = 'badge ' + (tone || 'neutral');
  }

  function show(p) {
    var tot = p.totals;
    var all = tot.ok + tot.failed;
    tile('ok', num(tot.ok, 0), num(tot.failed, 0) + ' failed' + (tot.interrupted ? ' · ' + num(tot.interrupted, 0) + ' interrupted' : ''));
    tile('errors', all ? num(100 * tot.failed / all, 2) + '%' : '–', 'of ' + num(all, 0) + ' messages', tot.failed ? 'bad' : null);
    tile('throughput', rate(perSecond(p.ok, p.dt)) + ' msg/s', rate(perSecond(p.tokens, p.dt)) + ' tokens/s');
    ['ttft', 'e2e'].forEach(function (m) {
      var v = p.run[m];
      tile(m, v ? ms(v[0]) + ' ms' : '–', v ? 'p95 ' + ms(v[1]) + ' · p99 ' + ms(v[2]) + ' ms' : 'no message yet');
    });
    tile('load', num(p.users, 0) + ' · ' + num(p.inFlight, 0), time.open ? 'conversations · streaming' : 'users · streaming');
    badge('live-elapsed', clock(p.t) + (p.planned != null ? ' of ' + clock(p.planned) : '') + (p.warmup ? ' · warming up' : ''));
    var lagBad = p.lagP99 > 10;
    badge('live-generator', (lagBad ? '⚠ generator lag ' : 'generator lag ') + ms(p.lagP99) + ' ms · CPU ' + num(p.cpu, 0) + '%', lagBad ? 'warn' : 'neutral');
    if (!ended) {
      badge('live-state', p.endReason ? 'stopping: ' + p.endReason : '● running', p.endReason ? 'warn' : 'pass');
    }
    thresholds(p.thresholds);
  }

  function thresholds(list) {
    if (!list.length) return;
    var failing = list.filter(function (t) { return !t.pass; }).length;
    badge('live-verdict', failing ? '✗ ' + failing + ' of ' + list.length + ' thresholds failing' : '✓ thresholds passing (' + list.length + ')', failing ? 'fail' : 'pass');
    var rows = $('live-thresholds').tBodies[0].rows;
    list.forEach(function (t, i) {
      var r = rows[i];
      if (!r) return;
      r.className = t.pass ? '' : 'failed-row';
      r.cells[0].textContent = t.pass ? '✓ pass' : '✗ FAIL';
      r.cells[0].className = t.pass ? 'pass-text' : 'fail-text';
      r.cells[2].textContent = t.measured;
    });
  }

  function end(e) {
    ended = true;
    document.body.setAttribute('data-ended', e.endReason);
    badge('live-state', 'ended by ' + e.endReason, e.endReason === 'interrupted' ? 'warn' : 'neutral');
    $('live-end-text').textContent = 'The run has ended (' + e.endReason + ').';
    $('live-end').hidden = false;
    var stop = $('live-stop');
    if (stop) stop.disabled = true;
    // Kept in the page, so that the links still work once the run's process has exited.
    fetch('report.html').then(function (r) {
      if (!r.ok) throw new Error(r.status);
      return r.blob();
    }).then(function (b) {
      var url = URL.createObjectURL(b);
      $('live-report').href = url;
      $('live-download').href = url;
      $('live-download').download = 'streamstorm-report.html';
    }).catch(function () { /* the server's links stay */ });
  }

  function redraw() {
    window.streamstormCharts.redraw(time);
    // How many intervals the charts hold, readable without a canvas (and by tests).
    document.body.setAttribute('data-intervals', String(time.t.length));
  }

  var stop = $('live-stop');
  if (stop) {
    stop.addEventListener('click', function () {
      stop.disabled = true;
      stop.textContent = 'Stopping…';
      fetch('stop', { method: 'POST', headers: { 'X-Streamstorm-Token': live.token } })
        .catch(function () { stop.disabled = false; stop.textContent = 'Stop the run'; });
    });
  }

  var events = new EventSource('events');
  events.addEventListener('history', function (e) {
    var h = JSON.parse(e.data);
    reset();
    h.points.forEach(push);
    if (h.points.length) show(h.points[h.points.length - 1]);
    redraw();
  });
  events.addEventListener('interval', function (e) {
    var p = JSON.parse(e.data);
    push(p);
    show(p);
    redraw();
  });
  events.addEventListener('end', function (e) {
    end(JSON.parse(e.data));
    events.close();
  });
  events.onerror = function () {
    if (!ended) badge('live-state', 'reconnecting…', 'warn');
  };
})();
