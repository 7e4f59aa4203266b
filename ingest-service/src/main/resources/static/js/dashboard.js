// The dashboard: the summary as cards that link to the orders behind each number, and charts of
// the same counts, the payout percent distribution against the tolerance bands, and the charges.
import {
  CATEGORIES, TOLERANCES, alertBox, bandRange, chartLibrary, count, el, fill, getJson, inr, inrCompact,
  ordersPath, plain, showError, sumDecimals, toneColour,
} from './common.js';

const status = document.getElementById('dashboard-status');
const dashboard = document.getElementById('dashboard');

function stat({ label, value, sub, href, tone, testid, dataset = {}, attention = false, big = false, money = false }) {
  const classes = ['stat', tone ? `tone-${tone}` : '', attention ? 'attention' : '', big ? 'big' : '', money ? 'money' : '']
    .filter(Boolean).join(' ');
  return el(href ? 'a' : 'div', { class: classes, href },
    el('span', { class: 'stat-label' }, label),
    // A crore-sized amount shrinks to fit its card rather than being cut off.
    el('span', { class: 'stat-value', style: money ? `--chars: ${String(value).length}` : null, dataset: { testid, ...dataset } }, value),
    sub ? el('span', { class: 'stat-sub' }, sub) : null);
}

function renderCards(summary) {
  const { categories, tolerance, totals } = summary;
  const charges = summary.non_order_charges;
  fill(document.getElementById('attention-cards'),
    stat({
      label: 'Unpaid orders', value: count(categories['Payment Pending']), tone: 'amber', attention: true, big: true,
      sub: 'Invoiced, no payment received yet', href: ordersPath({ category: 'Payment Pending' }), testid: 'attention-unpaid',
    }),
    stat({
      label: 'Payouts below tolerance', value: count(tolerance['Tolerance Breached']), tone: 'orange', attention: true, big: true,
      sub: 'Paid at or below the minimum percent of their band', href: ordersPath({ tolerance: 'Tolerance Breached' }),
      testid: 'attention-breached',
    }),
    stat({
      label: 'Negative payouts', value: count(categories['Negative Payout']), tone: 'red', attention: true, big: true,
      sub: 'Payments add up to less than 0', href: ordersPath({ category: 'Negative Payout' }), testid: 'attention-negative',
    }));
  const chargesTotal = sumDecimals(charges.map((group) => group.amount));
  fill(document.getElementById('total-cards'),
    stat({
      label: 'Orders', value: count(totals.orders), href: '/orders', testid: 'total-orders', tone: 'accent',
      sub: `${count(totals.mtr_lines)} MTR lines · ${count(totals.payment_lines)} payment lines`,
    }),
    stat({ label: 'Invoice amount', value: inr(totals.shipment_invoice_amount), testid: 'total-invoice', tone: 'accent', money: true, sub: 'Sum of shipment invoices' }),
    stat({ label: 'Net payout', value: inr(totals.net_amount), testid: 'total-net', tone: 'accent', money: true, sub: 'Sum of order payments' }),
    stat({
      label: 'Non-order charges', value: inr(chargesTotal), testid: 'total-charges', tone: 'slate', money: true,
      sub: `${count(charges.length)} ${charges.length === 1 ? 'description' : 'descriptions'}`,
    }));
  fill(document.getElementById('category-cards'), CATEGORIES.map((category, index) => stat({
    label: category.name, value: count(categories[category.name] ?? 0), tone: category.tone,
    sub: `Rule ${index + 1}: ${category.rule}`, href: ordersPath({ category: category.name }),
    testid: 'category-count', dataset: { category: category.name },
  })));
  fill(document.getElementById('tolerance-cards'), TOLERANCES.map((status) => stat({
    label: status.name, value: count(tolerance[status.name] ?? 0), tone: status.tone, sub: status.rule,
    href: ordersPath({ tolerance: status.name }), testid: 'tolerance-count', dataset: { tolerance: status.name },
  })));
}

function renderCharges(charges) {
  const total = charges.reduce((sum, group) => sum + Number(group.amount), 0);
  const lines = charges.reduce((sum, group) => sum + group.lines, 0);
  fill(document.getElementById('charges-body'), charges.length === 0
    ? el('tr', {}, el('td', { colspan: 3, class: 'empty' }, 'No non-order charges.'))
    : charges.map((group) => el('tr', { dataset: { testid: 'charge-row' } },
      el('td', { class: 'wrap' }, group.description),
      el('td', { class: 'num' }, count(group.lines)),
      el('td', { class: 'num' }, inr(group.amount)))));
  fill(document.getElementById('charges-foot'), charges.length === 0 ? null
    : el('tr', {}, el('td', {}, 'Total'), el('td', { class: 'num' }, count(lines)), el('td', { class: 'num' }, inr(total.toFixed(2)))));
}

/** Opens the orders table for the clicked bar or slice. */
function linkTo(filterOf) {
  return (event, elements, chart) => {
    if (elements.length > 0) window.location.href = ordersPath(filterOf(chart.data.labels[elements[0].index]));
  };
}

function renderCharts(Chart, summary) {
  const categoryNames = CATEGORIES.map((c) => c.name);
  new Chart(document.getElementById('category-chart'), {
    type: 'bar',
    data: {
      labels: categoryNames,
      datasets: [{
        label: 'Orders',
        data: categoryNames.map((name) => summary.categories[name] ?? 0),
        backgroundColor: CATEGORIES.map((c) => toneColour(c.tone)),
        borderRadius: 4,
      }],
    },
    options: {
      indexAxis: 'y',
      maintainAspectRatio: false,
      plugins: { legend: { display: false }, tooltip: { callbacks: { label: (item) => `${count(item.raw)} orders` } } },
      scales: {
        x: { beginAtZero: true, ticks: { precision: 0 } },
        y: { ticks: { autoSkip: false, callback: (value, index) => shortLabel(categoryNames[index]) } },
      },
      onClick: linkTo((category) => ({ category })),
      onHover: pointer,
    },
  });
  const toleranceNames = TOLERANCES.map((t) => t.name);
  new Chart(document.getElementById('tolerance-chart'), {
    type: 'doughnut',
    data: {
      labels: toleranceNames,
      datasets: [{
        data: toleranceNames.map((name) => summary.tolerance[name] ?? 0),
        backgroundColor: TOLERANCES.map((t) => toneColour(t.tone)),
        borderWidth: 2,
      }],
    },
    options: {
      maintainAspectRatio: false,
      cutout: '60%',
      plugins: {
        legend: { position: 'bottom' },
        tooltip: { callbacks: { label: (item) => `${item.label}: ${count(item.raw)} orders` } },
      },
      onClick: linkTo((tolerance) => ({ tolerance })),
      onHover: pointer,
    },
  });
  const charges = summary.non_order_charges;
  new Chart(document.getElementById('charges-chart'), {
    type: 'bar',
    data: {
      labels: charges.map((group) => shortLabel(group.description)),
      datasets: [{ label: 'Amount', data: charges.map((group) => Number(group.amount)), backgroundColor: toneColour('slate'), borderRadius: 4 }],
    },
    options: {
      indexAxis: 'y',
      maintainAspectRatio: false,
      plugins: {
        legend: { display: false },
        tooltip: {
          callbacks: {
            title: (items) => charges[items[0].dataIndex].description,
            label: (item) => inr(charges[item.dataIndex].amount),
          },
        },
      },
      scales: { x: { ticks: { callback: (value) => inrCompact(value) } } },
    },
  });
}

/** On a phone the long category names would squeeze the bars away. */
function shortLabel(label) {
  const room = window.innerWidth < 600 ? 16 : 42;
  return label.length > room ? `${label.slice(0, room - 1)}…` : label;
}

function pointer(event, elements) {
  event.native.target.style.cursor = elements.length > 0 ? 'pointer' : 'default';
}

/** Dashed lines at the band minima, placed within the buckets: bucket i spans [i·width, (i+1)·width). */
const bandLines = {
  id: 'bandLines',
  afterDatasetsDraw(chart, args, options) {
    const { ctx, chartArea, scales: { x } } = chart;
    if (chart.data.labels.length < 2) return;
    const step = x.getPixelForValue(1) - x.getPixelForValue(0);
    const start = x.getPixelForValue(0) - step / 2;
    ctx.save();
    ctx.strokeStyle = toneColour('orange');
    ctx.fillStyle = toneColour('orange');
    ctx.setLineDash([5, 4]);
    ctx.lineWidth = 1.5;
    ctx.font = `600 11px ${options.fontFamily}`;
    ctx.textAlign = 'center';
    options.minimums.forEach((minimum, index) => {
      const px = start + (minimum / options.width) * step;
      if (px < chartArea.left || px > chartArea.right) return;
      ctx.beginPath();
      ctx.moveTo(px, chartArea.top + 14);
      ctx.lineTo(px, chartArea.bottom);
      ctx.stroke();
      // Neighbouring minima (43 and 45) would print over each other: alternate the label height.
      ctx.fillText(`${plain(minimum)} %`, px, chartArea.top + (index % 2 === 0 ? 10 : 22) - 2);
    });
    ctx.restore();
  },
};

function renderHistogram(Chart, histogram) {
  const { buckets, bands, width } = histogram;
  const labels = buckets.map((b) => {
    if (b.from === null) return `< ${b.to} %`;
    if (b.to === null) return `≥ ${b.from} %`;
    return `${b.from}–${b.to} %`;
  });
  const minimums = [...new Set(bands.map((band) => Number(band.minimumPercent)))].sort((a, b) => a - b);
  new Chart(document.getElementById('histogram-chart'), {
    type: 'bar',
    data: {
      labels,
      datasets: [
        { label: 'Within Tolerance', data: buckets.map((b) => b.within), backgroundColor: toneColour('green'), stack: 'orders' },
        { label: 'Tolerance Breached', data: buckets.map((b) => b.breached), backgroundColor: toneColour('orange'), stack: 'orders' },
        // Paid orders with an invoice of 0 or less have a percent but no check: shown only when there are some.
        buckets.some((b) => b.orders > b.within + b.breached) ? {
          label: 'Not checked (invoice ≤ 0)', data: buckets.map((b) => b.orders - b.within - b.breached),
          backgroundColor: toneColour('gray'), stack: 'orders',
        } : null,
      ].filter(Boolean),
    },
    options: {
      maintainAspectRatio: false,
      layout: { padding: { top: 8 } },
      plugins: {
        legend: { position: 'bottom' },
        tooltip: {
          callbacks: {
            title: (items) => `Payout ${labels[items[0].dataIndex]}`,
            label: (item) => `${item.dataset.label}: ${count(item.raw)} orders`,
          },
        },
        bandLines: { minimums, width, fontFamily: Chart.defaults.font.family },
      },
      scales: {
        x: { stacked: true, grid: { display: false }, title: { display: true, text: 'Payout percent (net ÷ invoice × 100)' } },
        y: { stacked: true, beginAtZero: true, ticks: { precision: 0 }, title: { display: true, text: 'Orders' } },
      },
      onClick: (event, elements, chart) => {
        if (elements.length > 0) {
          const tolerance = chart.data.datasets[elements[0].datasetIndex].label;
          if (tolerance !== 'Within Tolerance' && tolerance !== 'Tolerance Breached') return;
          window.location.href = ordersPath({ tolerance, sort: 'payout_percent,asc' });
        }
      },
      onHover: pointer,
    },
    plugins: [bandLines],
  });
  document.getElementById('band-note').textContent = bands.length === 0 ? ''
    : `Minimum payout percent by band: ${bands.map((band, i) => `${bandRange(bands, i)} → more than ${plain(band.minimumPercent)} %`).join(' · ')}.`;
}

const BUCKETS = ['0-7', '8-14', '15-30', '31-60', '61+', 'no date'];

/** SPEC §8: the ledger's breakdown, its taxes by month and the ageing of unpaid orders. */
function renderMoney(money) {
  const { breakdown } = money;
  if (Number(breakdown.productsales) === 0 && Number(breakdown.fees) === 0 && Object.keys(money.tax_by_month).length === 0) {
    return; // no payment report with component columns yet
  }
  document.getElementById('money-section').hidden = false;
  fill(document.getElementById('money-cards'),
    stat({ label: 'Sales', value: inr(breakdown.sales), money: true, tone: 'accent', testid: 'money-sales', sub: 'Product sales, shipping and gift wrap credits, less promotional rebates' }),
    stat({
      label: 'Fees', value: inr(breakdown.fees), money: true, tone: 'orange', testid: 'money-fees',
      sub: breakdown.fee_percent === null ? 'Selling, FBA and other transaction fees' : `${plain(breakdown.fee_percent)} % of product sales`,
      href: ordersPath({ sort: 'fee_percent,desc' }),
    }),
    stat({ label: 'TCS withheld', value: inr(breakdown.tcs), money: true, tone: 'slate', testid: 'money-tcs', sub: 'GST collected at source (CGST, SGST, IGST)' }),
    stat({ label: 'TDS withheld', value: inr(breakdown.tds), money: true, tone: 'slate', testid: 'money-tds', sub: 'Income tax, section 194-O' }),
    breakdown.inconsistent_lines > 0 ? stat({
      label: 'Lines that do not add up', value: count(breakdown.inconsistent_lines), tone: 'red', attention: true,
      testid: 'money-inconsistent', sub: 'Payment lines whose components differ from their total: an edited or cut report?',
    }) : null);
  document.getElementById('tax-section').hidden = false;
  const months = Object.entries(money.tax_by_month);
  fill(document.querySelector('#tax-by-month tbody'), months.length === 0
    ? el('tr', {}, el('td', { colspan: 5, class: 'empty' }, 'No payment line with tax columns.'))
    : months.map(([month, taxes]) => el('tr', { dataset: { testid: 'tax-month', month } },
      el('td', {}, month === 'unknown' ? 'Date unreadable' : month),
      el('td', { class: 'num' }, inr(taxes.tcscgst)),
      el('td', { class: 'num' }, inr(taxes.tcssgst)),
      el('td', { class: 'num' }, inr(taxes.tcsigst)),
      el('td', { class: 'num' }, inr(taxes.tdssection194o)))));
}

function renderAgeing(Chart, ageing) {
  document.getElementById('money-charts').hidden = false;
  const { buckets, overdue } = ageing;
  fill(document.getElementById('ageing-caption'), ageing.as_of === null
    ? 'No payment report with a readable date yet: nothing is aged.'
    : `Days from shipment to ${ageing.as_of}, the latest payment date in the reports. Payment term ${ageing.payment_term_days} days: `
      + `${count(overdue.orders)} ${overdue.orders === 1 ? 'order is' : 'orders are'} overdue (${inr(overdue.shipment_invoice_amount)}).`);
  fill(document.querySelector('#ageing-table tbody'), BUCKETS.map((bucket) => el('tr', { dataset: { testid: 'ageing-bucket', bucket } },
    el('td', {}, el('a', { href: ordersPath({ ageing: bucket }) }, bucket === 'no date' ? 'No shipment date' : `${bucket} days`)),
    el('td', { class: 'num', dataset: { testid: 'ageing-orders' } }, count(buckets[bucket].orders)),
    el('td', { class: 'num' }, inr(buckets[bucket].shipment_invoice_amount)))));
  fill(document.querySelector('#ageing-table tfoot'), el('tr', { dataset: { testid: 'ageing-overdue' } },
    el('td', {}, el('a', { href: ordersPath({ overdue: 'true' }) }, `Overdue (over ${ageing.payment_term_days} days)`)),
    el('td', { class: 'num' }, count(overdue.orders)),
    el('td', { class: 'num' }, inr(overdue.shipment_invoice_amount))));
  if (!Chart) return;
  new Chart(document.getElementById('ageing-chart'), {
    type: 'bar',
    data: {
      labels: BUCKETS,
      datasets: [{
        label: 'Unpaid orders',
        data: BUCKETS.map((bucket) => buckets[bucket].orders),
        backgroundColor: BUCKETS.map((bucket) => {
          const bucketDays = bucket === 'no date' ? null : Number.parseInt(bucket, 10);
          return toneColour(bucketDays !== null && bucketDays > ageing.payment_term_days ? 'red' : 'amber');
        }),
      }],
    },
    options: {
      maintainAspectRatio: false,
      plugins: {
        legend: { display: false },
        tooltip: { callbacks: { label: (item) => `${count(item.raw)} orders, ${inr(buckets[BUCKETS[item.dataIndex]].shipment_invoice_amount)}` } },
      },
      scales: {
        x: { grid: { display: false }, title: { display: true, text: 'Days since shipped' } },
        y: { beginAtZero: true, ticks: { precision: 0 }, title: { display: true, text: 'Orders' } },
      },
      onClick: linkTo((bucket) => ({ ageing: bucket })),
      onHover: pointer,
    },
  });
}

function renderFeePercents(Chart, histogram) {
  const labels = histogram.buckets.map((b) => {
    if (b.from === null) return `< ${b.to} %`;
    if (b.to === null) return `≥ ${b.from} %`;
    return `${b.from}–${b.to} %`;
  });
  new Chart(document.getElementById('fee-percent-chart'), {
    type: 'bar',
    data: { labels, datasets: [{ label: 'Orders', data: histogram.buckets.map((b) => b.orders), backgroundColor: toneColour('orange') }] },
    options: {
      maintainAspectRatio: false,
      plugins: { legend: { display: false }, tooltip: { callbacks: { label: (item) => `${count(item.raw)} orders` } } },
      scales: {
        x: { grid: { display: false }, title: { display: true, text: 'Fees ÷ product sales × 100' } },
        y: { beginAtZero: true, ticks: { precision: 0 }, title: { display: true, text: 'Orders' } },
      },
      onClick: () => { window.location.href = ordersPath({ sort: 'fee_percent,desc' }); },
      onHover: pointer,
    },
  });
}

async function load() {
  fill(status, el('p', { class: 'muted' }, 'Loading…'));
  const money = getJson('/api/summary/money');
  money.catch(() => {}); // reported where it is awaited
  const feePercents = getJson('/api/summary/fee-percent-histogram');
  feePercents.catch(() => {});
  // Both scan every order; asked for at once, the slower one sets the wait, not their sum.
  const histogram = getJson('/api/summary/payout-histogram');
  histogram.catch(() => {}); // reported where it is awaited
  let summary;
  try {
    summary = await getJson('/api/summary');
  } catch (error) {
    showError(status, error, 'the summary');
    return;
  }
  fill(status, summary.totals.orders === 0 && summary.non_order_charges.length === 0
    ? alertBox('accent', 'Nothing reconciled yet', el('p', {}, 'Upload the MTR and Payment reports on the ', el('a', { href: '/' }, 'Upload page'), ' to see them here.'))
    : null);
  dashboard.hidden = false;
  renderCards(summary);
  renderCharges(summary.non_order_charges);
  const Chart = chartLibrary();
  try {
    const ledger = await money;
    renderMoney(ledger);
    renderAgeing(Chart, ledger.ageing);
    if (Chart && ledger.breakdown.fee_percent !== null) renderFeePercents(Chart, await feePercents);
  } catch (error) {
    showError(document.getElementById('ageing-caption'), error, 'the money figures');
  }
  if (!Chart) {
    fill(status, alertBox('amber', 'Charts are unavailable', 'The chart library did not load; the numbers above are complete.'));
    return;
  }
  renderCharts(Chart, summary);
  try {
    renderHistogram(Chart, await histogram);
  } catch (error) {
    showError(document.getElementById('band-note'), error, 'the payout distribution');
  }
}

load();
