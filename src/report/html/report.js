// imr-lint HTML report: the letters table (sort, filter, pages) and the letter view, drawn
// from the data embedded in this page. A letter's text and findings are packed (raw
// DEFLATE, base64) in chunks and unpacked only when the letter is opened. Nothing is fetched.
(function () {
  'use strict';
  var data = JSON.parse(document.getElementById('imr-data').textContent);
  var rules = data.rules;
  var PAGE = 100;
  var rows = data.rows.map(function (r, i) {
    return {
      i: i, file: r[0], case: r[1] || '', items: r[2], e: r[3], w: r[4], n: r[5], rules: r[6],
      search: (r[0] + ' ' + (r[1] || '') + ' ' + r[7]).toLowerCase()
    };
  });
  var state = { key: 'file', dir: 1, page: 0, shown: rows, letter: -1, finding: -1, record: null };
  var $ = function (id) { return document.getElementById(id); };

  function esc(s) {
    return String(s).replace(/[&<>"']/g, function (c) {
      return { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c];
    });
  }

  // ---- letters table -------------------------------------------------------------------
  var ruleSelect = $('f-rule');
  rules.map(function (r, i) { return [r, i]; })
    .sort(function (a, b) { return a[0].id < b[0].id ? -1 : 1; })
    .forEach(function (p) {
      var o = document.createElement('option');
      o.value = String(p[1]);
      o.textContent = p[0].id + ' (' + p[0].count + ')';
      ruleSelect.appendChild(o);
    });

  function applyFilters() {
    var text = $('f-text').value.trim().toLowerCase();
    var rule = ruleSelect.value === '' ? -1 : Number(ruleSelect.value);
    var sev = $('f-sev').value;
    var sevOk = {
      '': function () { return true; },
      error: function (r) { return r.e > 0; },
      warning: function (r) { return r.w > 0; },
      info: function (r) { return r.n > 0; },
      any: function (r) { return r.e + r.w + r.n > 0; },
      none: function (r) { return r.e + r.w + r.n === 0; }
    }[sev];
    state.shown = rows.filter(function (r) {
      return sevOk(r) && (rule < 0 || r.rules.indexOf(rule) >= 0) &&
        (text === '' || r.search.indexOf(text) >= 0);
    });
    sortRows();
    state.page = 0;
    drawTable();
  }

  function sortRows() {
    var k = state.key, d = state.dir;
    state.shown.sort(function (a, b) {
      var x = a[k], y = b[k];
      if (x < y) return -d;
      if (x > y) return d;
      return a.i - b.i;
    });
  }

  function count(n) { return n === 0 ? '<span class="zero">0</span>' : String(n); }

  function drawTable() {
    var start = state.page * PAGE;
    var page = state.shown.slice(start, start + PAGE);
    var html = page.map(function (r) {
      return '<tr><td class="file"><a href="#letter-' + r.i + '">' + esc(r.file) + '</a></td><td>' +
        (r.case ? esc(r.case) : '<span class="muted">none</span>') + '</td><td class="num">' + r.items +
        '</td><td class="num">' + count(r.e) + '</td><td class="num">' + count(r.w) +
        '</td><td class="num">' + count(r.n) + '</td></tr>';
    }).join('');
    document.querySelector('#letters-table tbody').innerHTML = html ||
      '<tr><td colspan="6">No letter matches these filters.</td></tr>';
    var pages = Math.max(1, Math.ceil(state.shown.length / PAGE));
    $('page-info').textContent = 'page ' + (state.page + 1) + ' of ' + pages;
    $('page-prev').disabled = state.page === 0;
    $('page-next').disabled = state.page + 1 >= pages;
    $('match-count').textContent = state.shown.length + ' of ' + rows.length + ' letters shown';
    document.querySelectorAll('#letters-table th').forEach(function (th) {
      if (th.dataset.key === state.key) {
        th.setAttribute('aria-sort', state.dir > 0 ? 'ascending' : 'descending');
      } else {
        th.removeAttribute('aria-sort');
      }
    });
  }

  document.querySelectorAll('#letters-table th button').forEach(function (b) {
    b.addEventListener('click', function () {
      var key = b.parentNode.dataset.key;
      // Counts sort largest first on the first click; names A to Z.
      var numeric = key === 'items' || key === 'e' || key === 'w' || key === 'n';
      state.dir = state.key === key ? -state.dir : (numeric ? -1 : 1);
      state.key = key;
      sortRows();
      state.page = 0;
      drawTable();
    });
  });
  var typing;
  $('f-text').addEventListener('input', function () {
    clearTimeout(typing);
    typing = setTimeout(applyFilters, 120);
  });
  ruleSelect.addEventListener('change', applyFilters);
  $('f-sev').addEventListener('change', applyFilters);
  $('filters').addEventListener('submit', function (e) { e.preventDefault(); applyFilters(); });
  $('page-prev').addEventListener('click', function () { state.page--; drawTable(); });
  $('page-next').addEventListener('click', function () { state.page++; drawTable(); });

  // ---- letter records ------------------------------------------------------------------
  var chunks = {};
  function chunk(n) {
    if (!chunks[n]) {
      var bin = atob($('imr-chunk-' + n).textContent);
      var bytes = new Uint8Array(bin.length);
      for (var i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
      var stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream('deflate-raw'));
      chunks[n] = new Response(stream).text().then(JSON.parse);
      // Keep a few unpacked chunks, not the whole batch.
      var keys = Object.keys(chunks);
      if (keys.length > 8) delete chunks[keys[0] === String(n) ? keys[1] : keys[0]];
    }
    return chunks[n];
  }
  function record(i) {
    return chunk(Math.floor(i / data.chunk)).then(function (c) { return c[i % data.chunk]; });
  }

  // ---- letter view ---------------------------------------------------------------------
  function sevClass(s) { return 'sev-' + s; }

  // The text cut at every label edge; each piece marked with the findings covering it.
  function markText(text, findings) {
    var edges = [0, text.length];
    var labels = [];
    findings.forEach(function (f, k) {
      f[8].forEach(function (l, n) {
        var s = Math.min(l[0], text.length), e = Math.min(Math.max(l[1], s), text.length);
        labels.push({ s: s, e: e, f: k, n: n, sev: f[1], text: l[2], primary: l[3] });
        edges.push(s, e);
      });
    });
    edges = edges.filter(function (v, i, a) { return a.indexOf(v) === i; }).sort(function (a, b) { return a - b; });
    var out = '';
    var tagged = {};
    var rank = { info: 0, warning: 1, error: 2 };
    for (var j = 0; j < edges.length; j++) {
      var at = edges[j];
      // Empty spans (a missing part) show as a marker where the part belongs.
      labels.forEach(function (l) {
        if (l.s === at && l.e === at) {
          out += '<mark class="hl point ' + sevClass(l.sev) + '" id="m-' + l.f + '-' + l.n + '" data-f="' + l.f + '" title="' + esc(l.text) + '">▸</mark>';
        }
      });
      if (j + 1 === edges.length) break;
      var end = edges[j + 1];
      var piece = text.slice(at, end);
      var over = labels.filter(function (l) { return l.s <= at && l.e >= end && l.e > l.s; });
      if (over.length === 0) { out += esc(piece); continue; }
      var top = over.reduce(function (a, b) { return rank[b.sev] > rank[a.sev] ? b : a; });
      var fs = over.map(function (l) { return l.f; }).filter(function (v, i, a) { return a.indexOf(v) === i; });
      var title = over.map(function (l) { return '[' + (l.f + 1) + '] ' + l.text; }).join('\n');
      var tags = '';
      over.forEach(function (l) {
        if (l.s !== at) return;
        // An anchor where each label starts, for the finding's list of labels to jump to.
        tags += '<span class="anchor" id="m-' + l.f + '-' + l.n + '"></span>';
        if (!tagged[l.f]) {
          tagged[l.f] = true;
          tags += '<span class="tag ' + sevClass(l.sev) + '" aria-hidden="true">' + l.sev.charAt(0).toUpperCase() + (l.f + 1) + '</span>';
        }
      });
      out += tags + '<mark class="hl ' + sevClass(top.sev) + '" data-f="' + fs.join(' ') + '" title="' + esc(title) + '">' + esc(piece) + '</mark>';
    }
    return out;
  }

  function findingHtml(f, k) {
    var rule = rules[f[0]];
    var labels = f[8].map(function (l, n) {
      return '<li><button type="button" class="jump" data-m="m-' + k + '-' + n + '" data-k="' + k + '">' +
        (l[3] ? '<strong>' : '') + esc(l[2]) + (l[3] ? '</strong>' : '') + '</button></li>';
    }).join('');
    return '<li class="finding ' + sevClass(f[1]) + '" id="finding-' + k + '">' +
      '<h4><button type="button" data-k="' + k + '"><span class="sevword ' + sevClass(f[1]) + '">' + f[1] + '</span> ' + esc(rule.id) + '</button></h4>' +
      '<p class="msg">' + esc(f[2]) + '</p>' +
      '<p class="where">' + (f[3] ? esc(f[3]) + ' · ' : '') + 'line ' + f[4] + ', column ' + f[5] + '</p>' +
      (labels ? '<ul class="labels">' + labels + '</ul>' : '') +
      (f[6] ? '<p class="help"><strong>help:</strong> ' + esc(f[6]) + '</p>' : '') +
      (f[7] ? '<p class="cite"><strong>citation:</strong> ' + esc(f[7]) + '</p>' : '') +
      '<details><summary>Explain ' + esc(rule.id) + '</summary><pre>' + esc(rule.explain || 'No explanation for this rule.') + '</pre></details></li>';
  }

  function showLetter(i, k) {
    var row = rows[i];
    if (!row) { showTable(); return; }
    $('letters').hidden = true;
    $('overview').hidden = true;
    $('letter').hidden = false;
    if (state.letter === i && state.record) { selectFinding(k); return; }
    state.letter = i;
    state.record = null;
    $('letter-h').textContent = row.file;
    $('letter-text').textContent = 'Unpacking the letter…';
    $('finding-list').innerHTML = '';
    record(i).then(function (rec) {
      if (state.letter !== i) return;
      state.record = rec;
      var meta = '<p>' + (row.case ? 'Case number <strong>' + esc(row.case) + '</strong> · ' : '') +
        row.items + ' item' + (row.items === 1 ? '' : 's') + ' · ' + row.e + ' errors, ' + row.w + ' warnings, ' + row.n + ' info' +
        (rec.s.length ? ' · reviewer: ' + esc(rec.s.join(', ')) : '') + '</p>';
      if (rec.i.length) {
        meta += '<ul class="items-list">' + rec.i.map(function (it) {
          return '<li>' + esc(it[0]) + ' <span class="muted">(' + esc(it[1]) + '; ' + esc(it[2]) + ')</span></li>';
        }).join('') + '</ul>';
      }
      $('letter-meta').innerHTML = meta;
      $('letter-text').innerHTML = markText(rec.t, rec.f);
      $('finding-list').innerHTML = rec.f.length ? rec.f.map(findingHtml).join('') :
        '<li class="muted">No findings in this letter.</li>';
      $('findings-h').textContent = 'Findings (' + rec.f.length + ')';
      state.finding = -1;
      $('letter').dataset.shown = String(i);
      $('letter-h').focus();
      if (k >= 0) selectFinding(k);
    }).catch(function (e) {
      $('letter-text').textContent = 'This letter could not be unpacked: ' + e;
    });
  }

  function selectFinding(k) {
    var rec = state.record;
    if (!rec || k < 0 || k >= rec.f.length) return;
    state.finding = k;
    document.querySelectorAll('.finding.current, mark.current').forEach(function (el) { el.classList.remove('current'); });
    var item = $('finding-' + k);
    item.classList.add('current');
    var marks = document.querySelectorAll('#letter-text mark');
    var first = null;
    marks.forEach(function (m) {
      if (m.dataset.f.split(' ').indexOf(String(k)) >= 0) {
        m.classList.add('current');
        if (!first) first = m;
      }
    });
    if (first) first.scrollIntoView({ block: 'center' });
    item.scrollIntoView({ block: 'nearest' });
    item.querySelector('h4 button').focus({ preventScroll: true });
    var hash = '#letter-' + state.letter + '-' + k;
    if (location.hash !== hash) history.replaceState(null, '', hash);
  }

  function stepFinding(d) {
    var rec = state.record;
    if (!rec || rec.f.length === 0) return;
    var k = state.finding < 0 ? (d > 0 ? 0 : rec.f.length - 1) : (state.finding + d + rec.f.length) % rec.f.length;
    selectFinding(k);
  }

  function stepLetter(d) {
    var order = state.shown.length ? state.shown : rows;
    var at = -1;
    for (var j = 0; j < order.length; j++) if (order[j].i === state.letter) { at = j; break; }
    var next = order[at < 0 ? 0 : at + d];
    if (next) location.hash = '#letter-' + next.i;
  }

  function showTable() {
    $('letter').hidden = true;
    $('letters').hidden = false;
    $('overview').hidden = false;
    state.letter = -1;
    state.record = null;
  }

  $('finding-list').addEventListener('click', function (e) {
    var b = e.target.closest('h4 button');
    if (b) selectFinding(Number(b.dataset.k));
    var jump = e.target.closest('button.jump');
    if (jump) {
      selectFinding(Number(jump.dataset.k));
      var anchor = $(jump.dataset.m);
      if (anchor) anchor.scrollIntoView({ block: 'center' });
    }
  });
  $('letter-text').addEventListener('click', function (e) {
    var m = e.target.closest('mark');
    if (m) selectFinding(Number(m.dataset.f.split(' ')[0]));
  });
  $('prev-letter').addEventListener('click', function () { stepLetter(-1); });
  $('next-letter').addEventListener('click', function () { stepLetter(1); });
  $('prev-finding').addEventListener('click', function () { stepFinding(-1); });
  $('next-finding').addEventListener('click', function () { stepFinding(1); });
  document.addEventListener('keydown', function (e) {
    if ($('letter').hidden || e.altKey || e.ctrlKey || e.metaKey) return;
    var t = e.target.tagName;
    if (t === 'INPUT' || t === 'SELECT' || t === 'TEXTAREA') return;
    var act = { j: function () { stepFinding(1); }, k: function () { stepFinding(-1); },
      n: function () { stepLetter(1); }, p: function () { stepLetter(-1); },
      Escape: function () { location.hash = '#letters'; } }[e.key];
    if (act) { e.preventDefault(); act(); }
  });

  function route() {
    var m = /^#letter-(\d+)(?:-(\d+))?$/.exec(location.hash);
    if (m) {
      showLetter(Number(m[1]), m[2] === undefined ? -1 : Number(m[2]));
    } else if (!$('letter').hidden) {
      showTable();
      var target = location.hash && document.querySelector(location.hash);
      if (target) target.scrollIntoView();
    }
  }
  window.addEventListener('hashchange', route);
  applyFilters();
  route();
  performance.mark('imr-ready');
})();
