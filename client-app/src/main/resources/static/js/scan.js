// The scan page: look up each scanned code, offer the actions the ledger allows, and send the
// chosen ones through the API's outbox. Writes are kept in localStorage with their client event
// id (the Idempotency-Key) until the server says COMMITTED or REJECTED, so nothing is lost when
// the connection is, and a resend is never applied twice.
'use strict';
(() => {
  const { t, csrfHeaders, uuid, el } = window.Ledger;
  const main = document.querySelector('main.scan');
  const STORE = 'battery-ledger.scans.' + main.dataset.user;
  const RETRY_MS = 3000;
  const KEEP_SETTLED = 50;
  const input = document.getElementById('code');
  const result = document.getElementById('result');
  const queueList = document.getElementById('queue');
  const connection = document.getElementById('connection');
  const autoAction = document.getElementById('auto-action');
  const names = JSON.parse(document.getElementById('names').textContent);
  let online = navigator.onLine;

  // How each action the ledger may offer is sent. Which ones to show is the ledger's answer, never this table's.
  const unitAction = slug => ({ path: (code) => '/api/batteries/' + encodeURIComponent(code) + '/' + slug, body: () => ({}) });
  const ACTIONS = {
    ACCEPT_HANDOVER: { path: () => '/api/handovers/accept', body: c => ({ codes: [c] }) },
    REJECT_HANDOVER: { path: () => '/api/handovers/reject', body: (c, u, p) => ({ codes: [c], reason: p.reason }),
      params: [{ name: 'reason', optional: true }] },
    CANCEL_HANDOVER: { path: () => '/api/handovers/cancel', body: c => ({ codes: [c] }) },
    OFFER_HANDOVER: { path: () => '/api/handovers', body: (c, u, p) => ({ codes: [c], to: p.to }),
      params: [{ name: 'to', participants: true }] },
    SHIP: unitAction('ship'), REMOVE: unitAction('remove'), COLLECT: unitAction('collect'), REPAIR: unitAction('repair'),
    DISMANTLE: { path: c => '/api/batteries/' + encodeURIComponent(c) + '/dismantle', body: () => ({ children: [] }) },
    DECLARE_WASTE: { path: c => '/api/batteries/' + encodeURIComponent(c) + '/declare-waste',
      body: (c, u, p) => ({ reason: p.reason }), params: [{ name: 'reason' }] },
    TEST: { path: c => '/api/batteries/' + encodeURIComponent(c) + '/test',
      body: (c, u, p) => ({ result: { sohPermille: Number(p.sohPermille), standard: p.standard } }),
      params: [{ name: 'sohPermille', type: 'number' }, { name: 'standard', value: 'GB/T 34015-2017' }] },
    INSTALL: { path: c => '/api/batteries/' + encodeURIComponent(c) + '/install', body: (c, u, p) => ({ vin: p.vin }),
      params: [{ name: 'vin' }] },
    REPLACE: { path: c => '/api/batteries/' + encodeURIComponent(c) + '/replace',
      body: (c, u, p) => ({ replacement: p.replacement }), params: [{ name: 'replacement' }] },
    SWAP: { path: c => '/api/batteries/' + encodeURIComponent(c) + '/swap',
      body: (c, u, p) => ({ replacement: p.replacement }), params: [{ name: 'replacement' }] },
    ATTACH_EU_ID: { path: c => '/api/batteries/' + encodeURIComponent(c) + '/eu-id',
      body: (c, u, p) => ({ euUniqueId: p.euUniqueId }), params: [{ name: 'euUniqueId' }] },
    SELL: { path: (c, u) => '/api/vehicles/' + encodeURIComponent(u.vin || '') + '/sell', body: () => ({}) },
    SCRAP_VEHICLE: { path: (c, u) => '/api/vehicles/' + encodeURIComponent(u.vin || '') + '/scrap',
      body: (c, u, p) => ({ presentCodes: [c], certificateNumber: p.certificateNumber }),
      params: [{ name: 'certificateNumber' }] },
  };

  // ------------------------------------------------------------------ the kept queue

  const load = () => { try { return JSON.parse(localStorage.getItem(STORE)) || []; } catch (e) { return []; } };
  let queue = load();
  const save = () => {
    const settled = queue.filter(i => i.state === 'COMMITTED' || i.state === 'REJECTED' || i.state === 'LOOKED_UP');
    if (settled.length > KEEP_SETTLED) {
      const drop = new Set(settled.slice(0, settled.length - KEEP_SETTLED).map(i => i.id));
      queue = queue.filter(i => !drop.has(i.id));
    }
    localStorage.setItem(STORE, JSON.stringify(queue));
    render();
  };

  function stateText(i) {
    switch (i.state) {
      case 'QUEUED': return t('scan.state.queued');
      case 'PENDING': return t('scan.state.pending');
      case 'COMMITTED': return t('scan.state.committed', i.blockNumber === undefined ? '' : i.blockNumber);
      case 'REJECTED': return t('scan.state.rejected', i.error || '');
      case 'SIGN_IN': return t('scan.state.signIn');
      case 'TO_LOOK_UP': return t('scan.state.toLookUp');
      case 'LOOKED_UP': return t('scan.state.lookedUp', t('status.' + i.status));
      default: return i.state;
    }
  }

  function render() {
    queueList.replaceChildren(...queue.slice().reverse().map(i => el('li', {
      class: 'q q-' + i.state.toLowerCase(), 'data-id': i.id, 'data-state': i.state, 'data-code': i.code,
    }, el('code', {}, i.code), ' ', i.action ? t('action.' + i.action) : t('scan.lookup'), ' — ',
      el('span', { class: 'state' }, stateText(i)),
      i.state === 'LOOKED_UP' ? el('button', { type: 'button', onclick: () => lookUp(i.code) }, t('scan.show')) : null)));
    const waiting = queue.filter(i => ['QUEUED', 'PENDING', 'SIGN_IN', 'TO_LOOK_UP'].includes(i.state)).length;
    connection.textContent = (online ? t('scan.online') : t('scan.offline')) + (waiting ? ' · ' + t('scan.waiting', waiting) : '');
    connection.className = 'badge ' + (online ? 'ok' : 'warn');
  }

  function setOnline(v) { if (online !== v) { online = v; render(); } }

  // ------------------------------------------------------------------ talking to the server

  async function api(method, path, body, key) {
    // X-Requested-With: a 401 then comes without a Basic challenge, so no browser password box pops up.
    const headers = { Accept: 'application/json, application/problem+json', 'X-Requested-With': 'fetch',
      ...csrfHeaders() };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    if (key) headers['Idempotency-Key'] = key;
    const r = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body),
      credentials: 'same-origin' });
    setOnline(true);
    const type = r.headers.get('Content-Type') || '';
    const json = type.includes('json') ? await r.json() : null;
    return { status: r.status, json, problem: type.includes('problem') };
  }

  /** Sends one kept write; a network failure leaves it queued for the next round. */
  async function send(item) {
    try {
      const r = item.state === 'PENDING'
        ? await api('GET', '/api/writes/' + encodeURIComponent(item.id))
        : await api('POST', item.path, item.body, item.id);
      if (r.status === 201 || (r.status === 200 && r.json && r.json.status === 'COMMITTED')) {
        Object.assign(item, { state: 'COMMITTED', blockNumber: r.json.blockNumber });
      } else if (r.status === 202 || (r.status === 200 && r.json && r.json.status === 'PENDING')) {
        item.state = 'PENDING';
      } else if (r.status === 200 && r.json && r.json.status === 'REJECTED') {
        Object.assign(item, { state: 'REJECTED', error: (r.json.errorCode || '') + ' ' + (r.json.lastError || '') });
      } else if (r.status === 401 || (r.status === 403 && !r.problem)) {
        item.state = 'SIGN_IN'; // session ended or CSRF token stale: kept until the user signs in again
      } else if (r.status === 503) {
        item.state = 'QUEUED';
      } else if (r.json) {
        Object.assign(item, { state: 'REJECTED', error: (r.json.code || r.status) + ': ' + (r.json.detail || '') });
      } else {
        item.state = 'QUEUED';
      }
    } catch (e) {
      setOnline(false); // unreachable: keep it, try again later
      if (item.state !== 'PENDING') item.state = 'QUEUED';
    }
    save();
  }

  let flushing = false;
  async function flush() {
    if (flushing) return;
    flushing = true;
    try {
      for (const item of queue.filter(i => ['QUEUED', 'PENDING', 'SIGN_IN'].includes(i.state))) {
        await send(item);
      }
      for (const item of queue.filter(i => i.state === 'TO_LOOK_UP')) {
        try {
          const r = await api('GET', '/api/scan/' + encodeURIComponent(item.code));
          if (r.status === 200) Object.assign(item, { state: 'LOOKED_UP', status: r.json.status });
          else if (r.status === 503 || r.status === 401) continue; // ledger down or signed out: try later
          else if (r.json) Object.assign(item, { state: 'REJECTED', error: r.json.code + ': ' + r.json.detail });
          save();
        } catch (e) { setOnline(false); break; }
      }
    } finally { flushing = false; }
  }

  function enqueue(action, code, unit, params) {
    const spec = ACTIONS[action];
    const id = uuid();
    const body = Object.assign(spec.body(code, unit || {}, params || {}), { clientEventId: id });
    const item = { id, code, action, path: spec.path(code, unit || {}), body, state: 'QUEUED', at: new Date().toISOString() };
    queue.push(item);
    save();
    send(item);
    input.focus();
  }

  // ------------------------------------------------------------------ one scan

  /** The code in what the scanner read: a bare code, or the passport URL a QR label carries. */
  function codeOf(raw) {
    let s = raw.trim();
    const i = s.lastIndexOf('/passport/');
    if (i >= 0) s = s.slice(i + '/passport/'.length).split(/[?#/]/)[0];
    try { s = decodeURIComponent(s); } catch (e) { /* keep as read */ }
    return s.replace(/\s+/g, '').toUpperCase();
  }

  async function onScan(raw) {
    const code = codeOf(raw);
    input.value = '';
    input.focus();
    if (!code) return;
    const auto = autoAction.value;
    result.replaceChildren(el('p', { class: 'note' }, t('scan.lookingUp', code)));
    const started = performance.now();
    let r;
    const keep = () => {
      // Server or ledger unreachable: keep the scan, and the chosen action (the ledger decides when it arrives).
      if (auto) enqueue(auto, code, {}, {}); else { queue.push({ id: uuid(), code, state: 'TO_LOOK_UP' }); save(); }
      result.replaceChildren(el('p', { class: 'warn', role: 'alert' }, t('scan.kept', code)));
    };
    try {
      r = await api('GET', '/api/scan/' + encodeURIComponent(code));
    } catch (e) {
      setOnline(false);
      keep();
      return;
    }
    if (r.status === 503) { keep(); return; }
    if (r.status !== 200) {
      result.replaceChildren(el('p', { class: 'error', role: 'alert', id: 'scan-error' },
        r.json ? (r.json.code || r.status) + ': ' + (r.json.detail || '') : t('scan.failed', r.status)));
      return;
    }
    show(code, r.json);
    main.dataset.lastScanMs = Math.round(performance.now() - started); // Enter to the unit on screen
    const allowed = r.json.actions.map(a => a.action);
    if (auto) {
      if (allowed.includes(auto) && !ACTIONS[auto].params) enqueue(auto, code, r.json.unit, {});
      else result.append(el('p', { class: 'warn' }, t('scan.autoNotAllowed', t('action.' + auto))));
    }
  }

  async function lookUp(code) { input.value = code; await onScan(code); }

  /** The chemistry in the page's language (the code tables carry English and Chinese names). */
  function typeName(type) {
    if (!type) return null;
    return (document.documentElement.lang.startsWith('zh') ? type.nameZh : type.nameEn) || type.key;
  }

  function show(code, scan) {
    const u = scan.unit || {};
    const d = scan.decoded || {};
    const hazards = (scan.hazards || []).filter(Boolean);
    const holder = scan.holder ? (names[scan.holder] || scan.holder) : null;
    const card = el('article', { class: 'card', id: 'unit-card', 'data-code': code, 'data-status': scan.status },
      el('h2', {}, el('code', { id: 'unit-code' }, code)),
      el('dl', {},
        el('dt', {}, t('scan.what')), el('dd', { id: 'unit-what' },
          [d.level, typeName(d.batteryType)].filter(Boolean).join(' · ') + (u.spec && u.spec.model ? ' · ' + u.spec.model : '')),
        el('dt', {}, t('scan.status')), el('dd', { id: 'unit-status' }, t('status.' + scan.status)),
        el('dt', {}, t('scan.holder')), el('dd', { id: 'unit-holder' }, holder || t('scan.notShown')),
        d.productionDate ? el('dt', {}, t('scan.produced')) : null, d.productionDate ? el('dd', {}, d.productionDate) : null),
      hazards.length ? el('div', { class: 'hazard', role: 'alert', id: 'hazards' },
        el('strong', {}, t('scan.hazards')), ' ', hazards.join(', ')) : null);
    const actions = el('div', { class: 'actions', id: 'actions', role: 'group', 'aria-label': t('scan.actions') });
    scan.actions.forEach((a, n) => {
      const spec = ACTIONS[a.action];
      const key = n < 9 ? n + 1 : null;
      const label = t('action.' + a.action) + (key ? ' (Alt+' + key + ')' : '');
      if (!spec) {
        actions.append(el('a', { href: '/swagger-ui.html', class: 'button secondary', 'data-action': a.action }, label + ' ↗'));
        return;
      }
      actions.append(el('button', { type: 'button', 'data-action': a.action, 'data-key': key,
        onclick: () => (spec.params ? askParams(a.action, code, u) : enqueue(a.action, code, u, {})) }, label));
    });
    if (!scan.actions.length) actions.append(el('p', { class: 'note', id: 'no-actions' }, t('scan.noActions')));
    card.append(actions, el('p', {}, el('a', { href: '/passport/' + encodeURIComponent(code) }, t('scan.passport')),
      ' · ', el('a', { href: '/trace?code=' + encodeURIComponent(code) }, t('scan.trace'))));
    result.replaceChildren(card);
  }

  /** A small form for the values an action needs (a VIN, a reason…); Enter sends, Escape cancels. */
  function askParams(action, code, unit) {
    const form = el('form', { class: 'params', id: 'params-form' });
    ACTIONS[action].params.forEach(p => {
      const id = 'param-' + p.name;
      form.append(el('label', { for: id }, t('scan.param.' + p.name)));
      if (p.participants) {
        const sel = el('select', { id, name: p.name, required: true });
        Object.entries(names).forEach(([pid, name]) => sel.append(el('option', { value: pid }, name)));
        form.append(sel);
      } else {
        form.append(el('input', { id, name: p.name, type: p.type || 'text', value: p.value || '', required: !p.optional }));
      }
    });
    form.append(el('button', { type: 'submit' }, t('action.' + action)),
      el('button', { type: 'button', class: 'secondary', onclick: () => { form.remove(); input.focus(); } }, t('scan.cancel')));
    form.addEventListener('submit', ev => {
      ev.preventDefault();
      const values = Object.fromEntries(new FormData(form).entries());
      form.remove();
      enqueue(action, code, unit, values);
    });
    form.addEventListener('keydown', ev => { if (ev.key === 'Escape') { form.remove(); input.focus(); } });
    result.querySelector('#actions').after(form);
    form.querySelector('input, select').focus();
  }

  // ------------------------------------------------------------------ camera

  let stream = null;
  let timer = null;
  let pausedUntil = 0;
  async function startCamera() {
    if (!navigator.mediaDevices || !navigator.mediaDevices.getUserMedia) {
      result.replaceChildren(el('p', { class: 'warn', role: 'alert' }, t('scan.cameraUnavailable')));
      return;
    }
    try {
      stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: 'environment' } });
    } catch (e) {
      result.replaceChildren(el('p', { class: 'warn', role: 'alert' }, t('scan.cameraDenied')));
      return;
    }
    const video = document.getElementById('camera-video');
    video.srcObject = stream;
    await video.play();
    document.getElementById('camera').hidden = false;
    let detector = null;
    if ('BarcodeDetector' in window) {
      try { detector = new window.BarcodeDetector({ formats: ['qr_code', 'data_matrix'] }); } catch (e) { detector = null; }
    }
    const canvas = document.createElement('canvas');
    const found = text => { pausedUntil = Date.now() + 1500; onScan(text); };
    timer = setInterval(async () => {
      if (Date.now() < pausedUntil || video.readyState < 2) return;
      if (detector) {
        const codes = await detector.detect(video).catch(() => []);
        if (codes.length) found(codes[0].rawValue);
        return;
      }
      // No detector in this browser: the server decodes the frame with ZXing.
      canvas.width = video.videoWidth; canvas.height = video.videoHeight;
      canvas.getContext('2d').drawImage(video, 0, 0);
      const blob = await new Promise(res => canvas.toBlob(res, 'image/jpeg', 0.8));
      const data = new FormData(); data.append('frame', blob, 'frame.jpg');
      try {
        const r = await fetch('/scan/decode', { method: 'POST', body: data, headers: csrfHeaders(), credentials: 'same-origin' });
        const j = await r.json();
        if (j.found) found(j.text);
      } catch (e) { setOnline(false); }
    }, detector ? 250 : 800);
  }
  function stopCamera() {
    clearInterval(timer);
    if (stream) stream.getTracks().forEach(tr => tr.stop());
    stream = null;
    document.getElementById('camera').hidden = true;
    input.focus();
  }

  // ------------------------------------------------------------------ wiring

  document.getElementById('scan-form').addEventListener('submit', ev => { ev.preventDefault(); onScan(input.value); });
  document.getElementById('camera-start').addEventListener('click', startCamera);
  document.getElementById('camera-stop').addEventListener('click', stopCamera);
  // Alt+1…9 presses the n-th action of the unit on screen, and the cursor stays in the code field.
  document.addEventListener('keydown', ev => {
    if (ev.altKey && /^[1-9]$/.test(ev.key)) {
      const b = result.querySelector('#actions [data-key="' + ev.key + '"]');
      if (b) { ev.preventDefault(); b.click(); }
    }
  });
  window.addEventListener('online', () => { setOnline(true); flush(); });
  window.addEventListener('offline', () => setOnline(false));
  setInterval(flush, RETRY_MS);
  render();
  flush();
})();
