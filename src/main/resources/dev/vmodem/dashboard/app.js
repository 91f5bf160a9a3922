// vmodem dashboard: follows one modem through its control API. Plain JavaScript, no build step, no network beyond
// the server that served this page. docs/dashboard.md describes it.
(function () {
  'use strict';
  var MAX_ROWS = 3000;          // transcript rows kept on the page
  var HISTORY = 400;            // entries fetched from before the page was opened
  var LONG_TEXT = 600;          // a burst longer than this (or with binary bytes, or framed data) is a data block

  // ---- token: #token=... or ?token=..., kept for reloads in sessionStorage ----
  var token = null;
  (function () {
    var m = /[#&?]token=([^&]+)/.exec(location.hash + '&' + location.search);
    if (m) { token = decodeURIComponent(m[1]); sessionStorage.setItem('vmodem-token', token); }
    else { token = sessionStorage.getItem('vmodem-token'); }
  })();

  function $(id) { return document.getElementById(id); }
  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text != null) e.textContent = text;
    return e;
  }
  function withToken(url) {
    return token ? url + (url.indexOf('?') < 0 ? '?' : '&') + 'access_token=' + encodeURIComponent(token) : url;
  }
  function api(method, path, body) {
    var h = { 'Content-Type': 'application/json' };
    if (token) h.Authorization = 'Bearer ' + token;
    return fetch(path, { method: method, headers: h, body: body == null ? undefined : JSON.stringify(body) })
      .then(function (r) {
        if (r.status === 401) {
          var t = prompt('This vmodem needs its control token:');
          if (t) { token = t; sessionStorage.setItem('vmodem-token', t); location.reload(); }
          throw new Error('token required');
        }
        return r.json().then(function (j) {
          if (!r.ok) throw new Error(j.error || ('HTTP ' + r.status));
          return j;
        });
      });
  }
  function size(n) {
    if (n < 1024) return n + ' B';
    if (n < 1048576) return (n / 1024).toFixed(1) + ' KB';
    return (n / 1048576).toFixed(1) + ' MB';
  }
  function dur(ms) {
    if (ms < 1000) return ms + ' ms';
    if (ms < 60000) return (ms / 1000).toFixed(1) + ' s';
    return Math.floor(ms / 60000) + ' min ' + Math.floor(ms % 60000 / 1000) + ' s';
  }

  // ---- state ----
  var lastState = null;
  function showState(s) {
    lastState = s;
    $('title').textContent = s.profile + ' on ' + s.transport;
    var power = $('power');
    power.textContent = s.power + (s.power === 'on' ? ', CFUN ' + s.cfun + (s.simReady ? ', SIM ready' : ', SIM not ready') : '');
    power.className = 'v ' + (s.power === 'on' ? 'good' : 'bad');
    var r = s.radio || {};
    var reg = $('reg');
    reg.textContent = 'CS ' + r.creg + ', PS ' + r.cgreg + (r.inCoverage === false ? ' (no coverage)' : '');
    reg.className = (r.creg === 'HOME' || r.creg === 'ROAMING') ? 'good' : 'bad';
    var rssi = r.rssi, lit = rssi == null || rssi === 99 ? 0 : rssi >= 20 ? 5 : rssi >= 15 ? 4 : rssi >= 10 ? 3 : rssi >= 5 ? 2 : rssi >= 1 ? 1 : 0;
    var bars = $('bars').children;
    for (var i = 0; i < bars.length; i++) bars[i].className = i < lit ? 'lit' : '';
    $('csq').textContent = '+CSQ: ' + rssi + ',' + r.ber;
    $('operator').textContent = r.operator || '(none)';
    var b = (s.bearers || []).filter(function (x) { return x.status !== 'CLOSED'; })
      .map(function (x) { return x.cid + ': ' + x.status + ' ' + x.ip + ' (' + x.apn + ')'; });
    $('bearers').textContent = b.length ? b.join('; ') : 'all closed';
    $('link').textContent = s.link;
    if (document.activeElement !== $('preset')) $('preset').value = s.link;
    $('faults').textContent = s.faults.length ? s.faults.join('; ') : 'none';
    $('faults').className = 'v ' + (s.faults.length ? 'bad' : '');
    var btns = document.querySelectorAll('button[data-fault]');
    for (var j = 0; j < btns.length; j++) {
      var kind = btns[j].getAttribute('data-fault');
      var on = s.faults.some(function (f) { return f.indexOf(kind) === 0; });
      btns[j].classList.toggle('active', on);
    }
    $('ftpserver').textContent = s.ftpServer || 'none';
    showFtp();
    (s.transfers || []).forEach(showTransfer);
  }
  var stateTimer = null;
  function refreshState(soon) {
    if (stateTimer) return;
    stateTimer = setTimeout(function () {
      stateTimer = null;
      api('GET', '/state').then(showState).catch(function () {});
    }, soon ? 100 : 0);
  }
  setInterval(function () { refreshState(false); }, 2000);

  // the FTP session as the host set it up, read from the commands it sent
  var ftp = { server: null, op: null, file: null, path: null };
  function noteCommand(text) {
    var m;
    if ((m = /^AT\+FTPSERV="?([^"]*)"?/i.exec(text))) ftp.server = m[1];
    else if ((m = /^AT\+FTPGETNAME="?([^"]*)"?/i.exec(text))) ftp.file = m[1];
    else if ((m = /^AT\+FTPGETPATH="?([^"]*)"?/i.exec(text))) ftp.path = m[1];
    else if ((m = /^AT\+FTPPUTNAME="?([^"]*)"?/i.exec(text))) ftp.put = m[1];
    else if ((m = /^AT(\+FTP\w+|#FTP\w+)=1?$/i.exec(text)) || (m = /^AT(#FTPGET|#FTPPUT|\+FTPGET|\+FTPPUT|\+FTPLIST|\+FTPEXTGET|\+FTPETGET)/i.exec(text))) {
      if (!/=2/.test(text)) ftp.op = text;
    }
    showFtp();
  }
  function showFtp() {
    var running = Object.keys(transfers).map(function (k) { return transfers[k]; }).filter(function (t) { return t.state === 'running'; });
    var parts = [];
    if (ftp.server) parts.push('server ' + ftp.server);
    if (ftp.file) parts.push('get ' + (ftp.path || '') + ftp.file);
    if (ftp.put) parts.push('put ' + ftp.put);
    if (ftp.op) parts.push('last ' + ftp.op);
    if (lastState && lastState.status && lastState.status.ftp) parts.push(JSON.stringify(lastState.status.ftp));
    $('ftp').textContent = (running.length ? 'transferring: ' + running.map(function (t) { return t.name; }).join(', ') + '; ' : 'idle; ')
      + (parts.length ? parts.join(', ') : 'not set up');
  }

  // ---- transfers ----
  var transfers = {};
  function showTransfer(t) {
    var old = transfers[t.id];
    if (old && old.state !== 'running' && t.state === 'running') return; // a late progress event
    transfers[t.id] = t;
    var box = $('transfers');
    var empty = box.querySelector('.empty');
    if (empty) empty.remove();
    var row = document.getElementById('transfer-' + t.id);
    if (!row) {
      row = el('div', 'transfer');
      row.id = 'transfer-' + t.id;
      row.setAttribute('data-id', t.id);
      var head = el('div', 'head');
      head.appendChild(el('span', 'name'));
      head.appendChild(el('span', 'outcome'));
      row.appendChild(head);
      var bar = el('div', 'progress');
      bar.appendChild(el('div', 'fill'));
      row.appendChild(bar);
      row.appendChild(el('div', 'progress-text muted'));
      box.insertBefore(row, box.firstChild);
    }
    row.className = 'transfer ' + t.state;
    row.setAttribute('data-state', t.state);
    row.querySelector('.name').textContent = '#' + t.id + ' ' + (t.direction === 'download' ? '↓ ' : '↑ ') + t.name;
    var pct = t.total > 0 ? Math.min(100, t.done * 100 / t.total) : (t.state === 'done' ? 100 : 0);
    row.querySelector('.progress').classList.toggle('unknown', t.total < 0 && t.state === 'running');
    row.querySelector('.fill').style.width = pct.toFixed(1) + '%';
    var text = size(t.done) + (t.total >= 0 ? ' of ' + size(t.total) + ' (' + Math.floor(pct) + '%)' : '')
      + ', ' + size(Math.round(t.bytesPerSecond)) + '/s'
      + (t.state === 'running' ? (t.etaMs >= 0 ? ', ' + dur(t.etaMs) + ' left' : '') : ', took ' + dur(t.elapsedMs));
    row.querySelector('.progress-text').textContent = text;
    var out = row.querySelector('.outcome');
    out.textContent = t.state === 'running' ? 'running' : t.outcome;
    out.className = 'outcome ' + (t.state === 'done' ? 'good' : t.state === 'running' ? 'muted' : 'bad');
    if (t.state !== 'running' && (!old || old.state === 'running')) loadFiles();
    showFtp();
  }
  $('transfers-clear').onclick = function () {
    api('DELETE', '/transfers').then(function () {
      Object.keys(transfers).forEach(function (k) {
        if (transfers[k].state !== 'running') { var r = $('transfer-' + k); if (r) r.remove(); delete transfers[k]; }
      });
    });
  };

  // ---- transcript ----
  var paused = false, held = [], rows = 0;
  function unescape(text) {
    // the API escapes \r \n \\ and \xNN; back to byte values
    var out = [];
    for (var i = 0; i < text.length; i++) {
      var c = text.charAt(i);
      if (c === '\\' && i + 1 < text.length) {
        var n = text.charAt(i + 1);
        if (n === 'r') { out.push(13); i++; continue; }
        if (n === 'n') { out.push(10); i++; continue; }
        if (n === '\\') { out.push(92); i++; continue; }
        if (n === 'x' && i + 3 < text.length) { out.push(parseInt(text.substr(i + 2, 2), 16)); i += 3; continue; }
      }
      var code = text.charCodeAt(i);
      if (code < 128) out.push(code);
      else { var u = unescape_utf8(text.charAt(i)); for (var k = 0; k < u.length; k++) out.push(u[k]); }
    }
    return out;
  }
  function unescape_utf8(ch) { return Array.from(new TextEncoder().encode(ch)); }
  // bytes back to the API's text form: \r \n \\ and \xNN, printable ASCII as it is
  function escapeBytes(bytes) {
    return bytes.map(function (b) {
      return b === 13 ? '\\r' : b === 10 ? '\\n' : b === 92 ? '\\\\'
        : b >= 32 && b <= 126 ? String.fromCharCode(b) : '\\x' + (b < 16 ? '0' : '') + b.toString(16);
    }).join('');
  }
  function hex(bytes, n) {
    return bytes.slice(0, n).map(function (b) { return (b < 16 ? '0' : '') + b.toString(16); }).join(' ');
  }
  function render(e) {
    var row = el('div', 'entry ' + e.kind);
    row.setAttribute('data-seq', e.seq);
    row.appendChild(el('span', 't', e.time.toFixed(3)));
    var d = { host: 'host→modem', modem: 'modem→host', command: 'command', note: 'note' }[e.kind] || e.kind;
    row.appendChild(el('span', 'd', d));
    var body = el('span', 'x');
    (e.urcs || []).forEach(function (u) { body.appendChild(el('span', 'badge urc', 'URC')); });
    var text = e.text, search = text;
    if (e.kind === 'host' || e.kind === 'modem') {
      var bytes = unescape(text);
      var binary = bytes.some(function (b) { return (b < 32 && b !== 13 && b !== 10) || b > 126; });
      var framed = /\+FTP\w*GET: 2,[1-9]|\+FTPLIST: 2,[1-9]/.test(text);
      if (binary || framed || e.length > LONG_TEXT) {
        // a data block: the readable header before it, then the payload as its size and first bytes in hex
        var head = /^((?:\\r|\\n)*(?:\+FTP\w+: 2,(\d+)|CONNECT)?(?:\\r\\n)?)/.exec(text);
        var lead = head ? head[1] : '';
        var payload = bytes.slice(unescape(lead).length);
        // what follows the data: its OK, and URCs written with it (+FTPGET: 1,0 after the last block)
        var count = head && head[2] !== undefined ? +head[2] : -1;
        var tail = count >= 0 && count <= payload.length ? payload.length - count
          : /\\r\\nOK\\r\\n$/.test(text) ? 6 : 0;
        var after = payload.slice(payload.length - tail);
        payload = payload.slice(0, payload.length - tail);
        body.appendChild(el('span', 'badge data', 'data'));
        if (lead) body.appendChild(el('span', null, lead + ' '));
        body.appendChild(el('span', 'hex', '[' + payload.length + ' bytes: ' + hex(payload, 16)
          + (payload.length > 16 ? ' …' : '') + ']'));
        if (tail) body.appendChild(el('span', null, ' ' + escapeBytes(after)));
        search = text + ' ' + hex(payload, 64);
      } else {
        body.appendChild(el('span', null, text));
      }
    } else {
      body.appendChild(el('span', null, text));
    }
    if ((e.urcs || []).length) search += ' URC ' + e.urcs.join(' ');
    row.setAttribute('data-search', search.toLowerCase());
    row.appendChild(body);
    return row;
  }
  function matches(row) {
    var q = $('search').value.trim().toLowerCase();
    return !q || row.getAttribute('data-search').indexOf(q) >= 0;
  }
  function add(e) {
    if (e.kind === 'command') noteCommand(e.text);
    if (e.kind === 'note' || (e.urcs && e.urcs.length) || e.kind === 'command' && !/^AT\+FTPGET=2/i.test(e.text)) {
      refreshState(true);
    }
    if (paused) { held.push(e); $('pending').textContent = held.length + ' new'; return; }
    append(e);
  }
  // rows are added in batches, at most every 100 ms, so a fast transfer does not make the page re-lay itself out
  // for every entry
  var queued = [], flushTimer = null;
  function append(e) {
    queued.push(e);
    if (!flushTimer) flushTimer = setTimeout(flush, 100);
  }
  function flush() {
    flushTimer = null;
    var box = $('transcript');
    var batch = queued.length > MAX_ROWS ? queued.slice(queued.length - MAX_ROWS) : queued;
    queued = [];
    var frag = document.createDocumentFragment();
    batch.forEach(function (e) {
      var row = render(e);
      if (!matches(row)) row.style.display = 'none';
      frag.appendChild(row);
    });
    box.appendChild(frag);
    rows += batch.length;
    while (rows > MAX_ROWS) { box.removeChild(box.firstChild); rows--; }
    if ($('autoscroll').checked) box.scrollTop = box.scrollHeight;
  }
  $('pause').onclick = function () {
    paused = !paused;
    this.textContent = paused ? 'resume' : 'pause';
    this.classList.toggle('active', paused);
    if (!paused) { held.forEach(append); held = []; $('pending').textContent = ''; }
  };
  $('clear').onclick = function () {
    $('transcript').innerHTML = ''; rows = 0; held = []; queued = []; $('pending').textContent = '';
  };
  $('search').oninput = function () {
    var list = $('transcript').children;
    for (var i = 0; i < list.length; i++) list[i].style.display = matches(list[i]) ? '' : 'none';
  };

  // ---- the event stream (reconnects by itself, from the last entry it saw) ----
  var source = null, lastSeq = 0;
  function follow(after) {
    source = new EventSource(withToken('/transcript/stream?after=' + after));
    ['host', 'modem', 'command', 'note'].forEach(function (k) {
      source.addEventListener(k, function (m) {
        var e = JSON.parse(m.data);
        if (e.seq <= lastSeq) return;
        lastSeq = e.seq;
        add(e);
      });
    });
    source.addEventListener('transfer', function (m) { showTransfer(JSON.parse(m.data)); });
    source.addEventListener('overflow', function (m) {
      var o = JSON.parse(m.data);
      add({ seq: lastSeq, time: 0, kind: 'note', text: 'dashboard fell behind: ' + o.missed + ' entries not shown', length: 0, urcs: [] });
    });
    source.onopen = function () { $('conn').textContent = 'live'; $('conn').className = 'pill on'; refreshState(false); };
    source.onerror = function () { $('conn').textContent = 'reconnecting'; $('conn').className = 'pill off'; };
  }

  // ---- controls ----
  function act(label, p) {
    $('ctl-msg').textContent = label + '…';
    p.then(function () { $('ctl-msg').textContent = label + ': done'; refreshState(false); })
      .catch(function (e) { $('ctl-msg').textContent = label + ': ' + e.message; });
  }
  $('signal').oninput = function () { $('signal-value').textContent = this.value; };
  $('ctl-signal').onclick = function () { act('signal ' + $('signal').value, api('PUT', '/signal', { rssi: +$('signal').value, ber: 0 })); };
  var toggles = document.querySelectorAll('button[data-fault]');
  for (var i = 0; i < toggles.length; i++) {
    toggles[i].onclick = function () {
      var kind = this.getAttribute('data-fault');
      act(kind, this.classList.contains('active') ? api('DELETE', '/faults/' + kind) : api('POST', '/faults', { fault: kind }));
    };
  }
  $('ctl-cut').onclick = function () { act('cut connection', api('POST', '/faults', { fault: 'cut 1 once' })); };
  $('ctl-drop').onclick = function () { act('drop bearer 1', api('POST', '/bearers/1/drop')); };
  $('preset').onchange = function () { act('link ' + this.value, api('PUT', '/link', { preset: this.value })); };
  $('ctl-clear').onclick = function () { act('clear faults', api('DELETE', '/faults')); };
  $('ctl-power').onclick = function () { act('power cycle', api('POST', '/power-cycle', { off: '2s' })); };

  // ---- files ----
  function loadFiles() {
    api('GET', '/files').then(function (f) {
      $('files-root').textContent = f.root ? f.root : '(no embedded FTP server)';
      var body = $('files').querySelector('tbody');
      body.innerHTML = '';
      f.files.forEach(function (x) {
        var tr = el('tr');
        var td = el('td');
        var a = el('a', null, x.path);
        a.href = withToken('/files/' + x.path.split('/').map(encodeURIComponent).join('/'));
        a.setAttribute('download', x.path.split('/').pop());
        td.appendChild(a);
        tr.appendChild(td);
        tr.appendChild(el('td', 'num', size(x.size)));
        tr.appendChild(el('td', 'muted', new Date(x.modified).toLocaleString()));
        body.appendChild(tr);
      });
    }).catch(function () {});
  }

  // ---- start: the state, the recent history, then live ----
  api('GET', '/state').then(function (s) {
    showState(s);
    follow(Math.max(0, s.transcript.lastSeq - HISTORY));
  }).catch(function (e) { $('title').textContent = 'cannot reach the modem: ' + e.message; follow(0); });
  loadFiles();
  setInterval(loadFiles, 10000);
})();
