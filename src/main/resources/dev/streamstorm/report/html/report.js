/* streamstorm report charts: draws the embedded data with uPlot. Text from the data only ever
   reaches the page through uPlot's labels (textContent), never as markup. */
(function () {
  'use strict';
  var data = JSON.parse(document.getElementById('streamstorm-data').textContent);
  var time = data.time;
  var PALETTE = ['#2563eb', '#d97706', '#16a34a', '#7c3aed', '#db2777', '#0891b2', '#65a30d',
    '#9333ea', '#ea580c', '#475569'];
  var PCT_COLORS = { p50: '#2563eb', p95: '#d97706', p99: '#dc2626' };
  var ERROR_COLORS = {
    http_429: '#f59e0b', http_4xx: '#a16207', http_5xx: '#dc2626', connect: '#7c3aed',
    timeout_first_token: '#db2777', timeout: '#be185d', stream_broken: '#0891b2',
    protocol: '#475569', generator: '#111827'
  };
  var TIME_HEIGHT = 190;
  var AXIS_SIZE = 70;
  var PCT_HEIGHT = 300;
  var charts = [];
  var timeCharts = [];
  var byId = {};
  var syncing = false;

  function num(v, digits) {
    if (v == null) return '';
    return v.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
  }
  function ms(v) {
    if (v == null) return '–';
    if (v < 10) return num(v, 2);
    if (v < 100) return num(v, 1);
    return num(v, 0);
  }
  function rate(v) {
    if (v == null) return '–';
    return v < 10 ? num(v, 2) : num(v, 1);
  }
  function count(v) {
    return v == null ? '–' : num(v, 0);
  }
  function seconds(v) {
    if (v == null) return '–';
    if (v < 60) return num(v, Number.isInteger(v) || v >= 10 ? 0 : 1) + 's';
    var s = Math.round(v);
    return Math.floor(s / 60) + 'm' + String(s % 60).padStart(2, '0') + 's';
  }
  /** 1/(1-p) back to a percentile label: 1 → 0%, 10 → 90%, 1000 → 99.9%. */
  function percentile(x, extra) {
    if (x == null) return '–';
    if (x <= 1) return '0%';
    var decimals = Math.max(0, Math.ceil(Math.log10(x) - 1e-9) - 2) + (extra || 0);
    return num((1 - 1 / x) * 100, decimals) + '%';
  }
  /** Linear-axis labels with as many decimals as the tick step needs (0, 0.5, 1 → 0, 0.5, 1). */
  function axisNumbers(suffix) {
    return function (u, splits) {
      var step = splits.length > 1 ? Math.abs(splits[1] - splits[0]) : 1;
      var decimals = 0;
      while (decimals < 3 && Math.abs(step * Math.pow(10, decimals) - Math.round(step * Math.pow(10, decimals))) > 1e-6) {
        decimals++;
      }
      return splits.map(function (v) { return num(v, decimals) + (suffix || ''); });
    };
  }
  /** Milliseconds on a log axis: 0.001, 0.01, ..., 1, 10, 100, 1,000. */
  function logMs(v) {
    if (v == null) return '';
    return v < 1 ? num(v, Math.min(3, Math.ceil(-Math.log10(v) - 1e-9))) : num(v, 0);
  }
  /** A log-scale range with round bounds around the data, so no empty decade is drawn. */
  function niceLogRange(u, min, max) {
    function down(v) {
      var e = Math.pow(10, Math.floor(Math.log10(v) + 1e-9));
      return [7, 5, 3, 2, 1.5, 1].map(function (m) { return m * e; }).find(function (c) { return c <= v * (1 + 1e-9); });
    }
    function up(v) {
      var e = Math.pow(10, Math.floor(Math.log10(v) + 1e-9));
      return [1, 1.5, 2, 3, 5, 7, 10].map(function (m) { return m * e; }).find(function (c) { return c >= v * (1 - 1e-9); });
    }
    if (min == null || max == null || !(min > 0)) return [0.001, 1];
    var lo = down(min), hi = up(max);
    if (Math.log10(hi / lo) > 3) {
      // Many decades: whole decades, so the bounds fall on the decade ticks.
      lo = Math.pow(10, Math.floor(Math.log10(lo) + 1e-9));
      hi = Math.pow(10, Math.ceil(Math.log10(hi) - 1e-9));
    }
    return hi > lo ? [lo, hi] : [lo, lo * 10];
  }
  /** Log-axis ticks: every 1..9 × 10^k over a short range, 1-2-5 over a few decades, else decades. */
  function logSplits(u, axisIdx, min, max) {
    var decades = Math.log10(max / min);
    var mantissas = decades <= 1.2 ? [1, 2, 3, 4, 5, 6, 7, 8, 9] : decades <= 3.2 ? [1, 2, 5] : [1];
    var out = [];
    for (var e = Math.floor(Math.log10(min) + 1e-9); Math.pow(10, e) <= max * (1 + 1e-9); e++) {
      mantissas.forEach(function (m) {
        var v = m * Math.pow(10, e);
        if (v >= min * (1 - 1e-9) && v <= max * (1 + 1e-9)) out.push(v);
      });
    }
    // Over a short range the bounds are round numbers too (niceLogRange): label them.
    if (mantissas.length > 1) {
      if (!(out.length && Math.abs(out[0] / min - 1) < 1e-9)) out.unshift(min);
      if (Math.abs(out[out.length - 1] / max - 1) >= 1e-9) out.push(max);
    }
    return out;
  }

  function stagePlugin() {
    var stages = time.stages || [];
    return {
      hooks: {
        drawAxes: [function (u) {
          if (time.warmupEnd == null) return;
          var ctx = u.ctx, b = u.bbox;
          var x0 = u.valToPos(u.scales.x.min, 'x', true);
          var x1 = Math.min(u.valToPos(time.warmupEnd, 'x', true), b.left + b.width);
          if (x1 <= b.left) return;
          ctx.save();
          ctx.fillStyle = 'rgba(107,114,128,0.10)';
          ctx.fillRect(Math.max(x0, b.left), b.top, x1 - Math.max(x0, b.left), b.height);
          ctx.fillStyle = '#6b7280';
          ctx.font = (11 * devicePixelRatio) + 'px system-ui, sans-serif';
          ctx.fillText('warm-up', Math.max(x0, b.left) + 4 * devicePixelRatio, b.top + b.height - 5 * devicePixelRatio);
          ctx.restore();
        }],
        draw: [function (u) {
          if (stages.length === 0) return;
          var ctx = u.ctx, b = u.bbox, dpr = devicePixelRatio;
          ctx.save();
          ctx.strokeStyle = '#9ca3af';
          ctx.lineWidth = dpr;
          ctx.setLineDash([5 * dpr, 4 * dpr]);
          ctx.fillStyle = '#6b7280';
          ctx.font = (11 * dpr) + 'px system-ui, sans-serif';
          var start = 0;
          stages.forEach(function (end, i) {
            var xs = u.valToPos(start, 'x', true);
            var xe = u.valToPos(end, 'x', true);
            if (xe > b.left + 1 && xe < b.left + b.width - 1) {
              ctx.beginPath();
              ctx.moveTo(Math.round(xe), b.top);
              ctx.lineTo(Math.round(xe), b.top + b.height);
              ctx.stroke();
            }
            var label = 'stage ' + (i + 1);
            var from = Math.max(xs, b.left);
            var w = ctx.measureText(label).width;
            if (Math.min(xe, b.left + b.width) - from > w + 8 * dpr) {
              ctx.fillStyle = 'rgba(255,255,255,0.85)';
              ctx.fillRect(from + 2 * dpr, b.top + 1 * dpr, w + 4 * dpr, 14 * dpr);
              ctx.fillStyle = '#6b7280';
              ctx.fillText(label, from + 4 * dpr, b.top + 12 * dpr);
            }
            start = end;
          });
          ctx.restore();
        }]
      }
    };
  }

  /** A note drawn across an empty plot, e.g. when no message failed. */
  function notePlugin(text) {
    return {
      hooks: {
        draw: [function (u) {
          var ctx = u.ctx, b = u.bbox, dpr = devicePixelRatio;
          ctx.save();
          ctx.fillStyle = '#15803d';
          ctx.font = (13 * dpr) + 'px system-ui, sans-serif';
          ctx.textAlign = 'center';
          ctx.fillText(text, b.left + b.width / 2, b.top + b.height / 2 - 6 * dpr);
          ctx.restore();
        }]
      }
    };
  }

  function line(label, values, color, fmt, extra) {
    var s = { label: label, stroke: color, width: 1.6, value: function (u, v) { return fmt(v); }, points: { show: false } };
    Object.keys(extra || {}).forEach(function (k) { s[k] = extra[k]; });
    return { series: s, values: values };
  }

  function timeChart(id, lines, yLabel, yFmt, y2Label, y2Fmt, plugins) {
    var el = document.querySelector('[data-chart="' + id + '"]');
    if (!el) return;
    if (time.t.length === 0) {
      el.textContent = data.live ? 'Waiting for the first interval\u2026' : 'No interval was recorded.';
      return;
    }
    el.textContent = '';
    var axes = [
      { values: function (u, splits) { return splits.map(seconds); } },
      { label: yLabel, size: AXIS_SIZE, values: yFmt }
    ];
    var scales = { x: { time: false }, y: { range: fromZero } };
    if (y2Label) {
      axes.push({ label: y2Label, side: 1, scale: 'y2', size: AXIS_SIZE, grid: { show: false }, values: y2Fmt });
      scales.y2 = { range: fromZero };
    } else {
      // An empty right axis keeps every time chart's plot area the same width: one time axis.
      axes.push({ label: '\u00a0', side: 1, scale: 'y', size: AXIS_SIZE, grid: { show: false }, ticks: { show: false }, values: function (u, splits) { return splits.map(function () { return ''; }); } });
    }
    var opts = {
      width: el.clientWidth, height: TIME_HEIGHT,
      scales: scales, axes: axes,
      series: [{ label: 'time', value: function (u, v) { return seconds(v); } }].concat(lines.map(function (l) { return l.series; })),
      cursor: { sync: { key: 'streamstorm-time' }, drag: { x: true, y: false } },
      legend: { live: true },
      plugins: [stagePlugin()].concat(plugins || []),
      hooks: { setScale: [syncZoom] }
    };
    var u = new uPlot(opts, [time.t].concat(lines.map(function (l) { return l.values; })), el);
    var chart = { u: u, el: el, height: TIME_HEIGHT, labels: labelsOf(lines) };
    charts.push(chart);
    timeCharts.push(u);
    byId[id] = chart;
  }

  function labelsOf(lines) {
    return lines.map(function (l) { return l.series.label; }).join('\n');
  }

  /** A live page's new series: the same charts get the longer columns; a chart whose lines
      changed (an error class appeared) is drawn anew. */
  function redraw(newTime) {
    time = newTime;
    timeSpecs().forEach(function (spec) {
      var old = byId[spec[0]];
      var lines = spec[1];
      if (old && old.labels === labelsOf(lines)) {
        old.u.setData([time.t].concat(lines.map(function (l) { return l.values; })));
        return;
      }
      if (old) {
        old.u.destroy();
        charts.splice(charts.indexOf(old), 1);
        timeCharts.splice(timeCharts.indexOf(old.u), 1);
        delete byId[spec[0]];
      }
      timeChart.apply(null, spec);
    });
  }

  function fromZero(u, min, max) {
    return [0, max > 0 ? max * 1.08 : 1];
  }

  function syncZoom(u, key) {
    if (key !== 'x' || syncing) return;
    syncing = true;
    timeCharts.forEach(function (o) {
      if (o !== u) o.setScale('x', { min: u.scales.x.min, max: u.scales.x.max });
    });
    syncing = false;
  }

  function percentileChart(metric) {
    var el = document.querySelector('[data-chart="pct-' + metric + '"]');
    var c = data.percentiles[metric];
    if (!el) return;
    if (!c || c.labels.length === 0) {
      var p = document.createElement('p');
      p.className = 'empty';
      p.textContent = 'No ' + metric + ' was recorded (no successful message with it).';
      el.appendChild(p);
      return;
    }
    var maxX = c.x[c.x.length - 1];
    var decades = [];
    for (var d = 1; d <= Math.max(maxX, 10) * 1.0001; d *= 10) decades.push(d);
    var series = [{ label: 'percentile', value: function (u, v) { return percentile(v, 2); } }];
    c.labels.forEach(function (label, i) {
      var all = label === 'all' && c.labels.length > 1;
      series.push({
        label: label + ' (' + count(c.counts[i]) + ')',
        stroke: label === 'all' ? '#111827' : PALETTE[(i - (c.labels[0] === 'all' ? 1 : 0)) % PALETTE.length],
        width: all ? 2.4 : 1.6,
        points: { show: false },
        value: function (u, v) { return ms(v) + ' ms'; }
      });
    });
    var opts = {
      width: el.clientWidth, height: PCT_HEIGHT,
      scales: {
        x: { time: false, distr: 3, log: 10, range: function () { return [1, Math.max(maxX, 10)]; } },
        y: { distr: 3, log: 10, range: niceLogRange }
      },
      axes: [
        { label: 'percentile', splits: function () { return decades; }, values: function (u, splits) { return splits.map(function (v) { return percentile(v, 0); }); } },
        { label: 'ms', size: AXIS_SIZE, splits: logSplits, values: function (u, splits) { return splits.map(logMs); } }
      ],
      series: series,
      cursor: { drag: { x: true, y: false } },
      legend: { live: true }
    };
    var u = new uPlot(opts, [c.x].concat(c.values), el);
    charts.push({ u: u, el: el, height: PCT_HEIGHT });
  }

  /** Every time chart as [id, lines, yLabel, yFmt, y2Label, y2Fmt, plugins]. */
  function timeSpecs() {
    var plain = axisNumbers('');
    var specs = [];
    if (time.open) {
      specs.push(['load', [
        line('target arrivals/s', time.targetRate, '#6b7280', rate, { dash: [6, 4] }),
        line('arrivals/s', time.arrivalRate, '#2563eb', rate),
        line('refused/s', time.droppedRate, '#dc2626', rate),
        line('in flight', time.inFlight, '#d97706', count, { scale: 'y2' })
      ], 'arrivals/s', plain, 'in flight', plain]);
    } else {
      specs.push(['load', [
        line('active users', time.activeUsers, '#2563eb', count, { fill: 'rgba(37,99,235,0.08)' }),
        line('in flight', time.inFlight, '#d97706', count)
      ], 'users · streams', plain]);
    }
    specs.push(['throughput', [
      line('ok msg/s', time.okRate, '#16a34a', rate, { fill: 'rgba(22,163,74,0.08)' }),
      line('failed msg/s', time.failedRate, '#dc2626', rate)
    ], 'messages/s', plain]);
    specs.push(['tokens', [
      line('tokens/s', time.tokenRate, '#7c3aed', rate, { fill: 'rgba(124,58,237,0.08)' })
    ], 'tokens/s', plain]);
    // itl per interval: the live dashboard's series carry it; a saved run's do not.
    ['ttft', 'e2e', 'itl'].forEach(function (m) {
      if (!time[m]) return;
      specs.push([m, ['p50', 'p95', 'p99'].map(function (p) {
        return line(p, time[m][p], PCT_COLORS[p], function (v) { return ms(v) + ' ms'; });
      }), 'ms', plain]);
    });
    var classes = Object.keys(time.errors);
    if (classes.length === 0) {
      specs.push(['errors', [line('failed/s', time.failedRate, '#dc2626', rate)], 'failed/s', plain, null, null,
        [notePlugin('No message failed')]]);
    } else {
      specs.push(['errors', classes.map(function (c, i) {
        return line(c + '/s', time.errors[c], ERROR_COLORS[c] || PALETTE[i % PALETTE.length], rate);
      }), 'failed/s', plain]);
    }
    specs.push(['generator', [
      line('loop lag p99', time.loopLagP99, '#dc2626', function (v) { return ms(v) + ' ms'; }),
      line('CPU', time.cpuPercent, '#475569', function (v) { return v == null ? '–' : num(v, 1) + '%'; }, { scale: 'y2' })
    ], 'lag ms', plain, 'CPU %', axisNumbers('%')]);
    return specs;
  }

  function draw() {
    timeSpecs().forEach(function (spec) { timeChart.apply(null, spec); });
    ['ttft', 'ttfr', 'ttfc', 'e2e', 'itl', 'tpot'].forEach(percentileChart);
  }

  var resizeTimer = null;
  window.addEventListener('resize', function () {
    clearTimeout(resizeTimer);
    resizeTimer = setTimeout(function () {
      charts.forEach(function (c) { c.u.setSize({ width: c.el.clientWidth, height: c.height }); });
    }, 100);
  });
  draw();
  // The live dashboard (live.js) hands every new interval's columns to the same charts.
  window.streamstormCharts = { redraw: redraw };
})();
