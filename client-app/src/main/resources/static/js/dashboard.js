// Draws the dashboard's charts from /dashboard/data with ECharts (served from the app's WebJar).
'use strict';
(async () => {
  const { t } = window.Ledger;
  const r = await fetch('/dashboard/data', { headers: { Accept: 'application/json' }, credentials: 'same-origin' });
  if (!r.ok) return;
  const d = await r.json();
  const chart = id => {
    const node = document.getElementById(id);
    // No animation: the figures appear at once (and for people who asked for reduced motion).
    const c = node ? echarts.init(node, null, { renderer: 'svg' }) : null;
    if (c) c.setOption({ animation: false });
    return c;
  };
  const status = Object.entries(d.byStatus).filter(([, n]) => n > 0);
  const s = chart('chart-status');
  s.setOption({
    tooltip: { trigger: 'axis' }, grid: { left: 150, right: 20, top: 10, bottom: 30 },
    xAxis: { type: 'value' }, yAxis: { type: 'category', data: status.map(([k]) => t('status.' + k)) },
    series: [{ type: 'bar', data: status.map(([, n]) => n), itemStyle: { color: '#2e6f40' } }],
  });
  const months = Object.entries(d.collectedByMonth);
  chart('chart-collected').setOption({
    tooltip: { trigger: 'axis' }, grid: { left: 40, right: 20, top: 10, bottom: 30 },
    xAxis: { type: 'category', data: months.map(([m]) => m) }, yAxis: { type: 'value', minInterval: 1 },
    series: [{ type: 'line', data: months.map(([, n]) => n), areaStyle: {}, itemStyle: { color: '#1f5fa8' } }],
  });
  const companies = Object.keys(d.byCompany || {});
  const c = chart('chart-company');
  if (c && companies.length) {
    const statuses = [...new Set(companies.flatMap(k => Object.keys(d.byCompany[k])))];
    c.setOption({
      tooltip: { trigger: 'axis' }, legend: { type: 'scroll', bottom: 0 },
      grid: { left: 220, right: 20, top: 10, bottom: 60 },
      xAxis: { type: 'value' }, yAxis: { type: 'category', data: companies },
      series: statuses.map(st => ({ name: t('status.' + st), type: 'bar', stack: 'units',
        data: companies.map(k => d.byCompany[k][st] || 0) })),
    });
  }
  document.querySelector('main').dataset.charts = 'drawn';
  window.addEventListener('resize', () => document.querySelectorAll('.chart').forEach(n => {
    const i = echarts.getInstanceByDom(n); if (i) i.resize();
  }));
})();
