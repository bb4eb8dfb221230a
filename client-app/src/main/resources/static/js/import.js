// Uploads the CSV, then polls the job until it is done, moving the progress bar and listing every row error.
'use strict';
(() => {
  const { t, csrfHeaders, el } = window.Ledger;
  const form = document.getElementById('import-form');
  const job = document.getElementById('job');
  const bar = document.getElementById('progress');
  const status = document.getElementById('job-status');
  const errors = document.getElementById('errors');
  const POLL_MS = 300;

  function show(s) {
    bar.max = Math.max(1, s.totalSteps);
    bar.value = s.totalSteps === 0 ? 1 : s.steps;
    const done = s.phase === 'DONE' || s.phase === 'FAILED';
    job.dataset.phase = s.phase;
    status.textContent = t('import.phase.' + s.phase) + ' — ' + t('import.summary', s.rows, s.registered,
      s.alreadyRegistered, s.errors.length, s.pending);
    errors.hidden = s.errors.length === 0;
    errors.tBodies[0].replaceChildren(...s.errors.map(e => el('tr', {},
      el('td', {}, e.line), el('td', {}, e.column), el('td', {}, e.code), el('td', {}, e.message))));
    return done;
  }

  form.addEventListener('submit', async ev => {
    ev.preventDefault();
    const button = document.getElementById('import-submit');
    button.disabled = true;
    job.hidden = false;
    bar.value = 0;
    status.textContent = t('import.uploading');
    try {
      const r = await fetch(form.action, { method: 'POST', body: new FormData(form), headers: csrfHeaders(),
        credentials: 'same-origin' });
      const j = await r.json();
      if (r.status !== 202) {
        status.textContent = (j.code || r.status) + ': ' + (j.detail || '');
        job.dataset.phase = 'REFUSED';
        return;
      }
      for (;;) {
        const s = await (await fetch(j.statusUrl, { credentials: 'same-origin' })).json();
        if (show(s)) break;
        await new Promise(res => setTimeout(res, POLL_MS));
      }
    } catch (e) {
      status.textContent = t('import.unreachable');
    } finally {
      button.disabled = false;
    }
  });
})();
