// One order, explained: every line it was computed from (file and row), the amounts, the category
// rule that decided it (SPEC §5, rules 1-7), and its payout percent against its band's minimum.
import {
  CATEGORIES, alertBox, badge, bandRange, categoryBadge, count, el, fill, getJson, inr, percent, plain,
  reportDate, showError, toleranceBadge, toleranceTone,
} from './common.js';

const main = document.getElementById('main');
const orderId = main.dataset.orderId;

function present(value) {
  return value !== null && value !== undefined;
}

/** Whether each rule of SPEC §5 holds for the order, with the fact that shows it. */
function ruleFacts(order) {
  const shipment = order.shipmentInvoiceAmount;
  const returns = order.returnInvoiceAmount;
  const net = order.netAmount;
  const invoiceText = present(shipment) ? `shipment invoice ${inr(shipment)}` : 'no Shipment line';
  const paymentText = present(net) ? `payments ${inr(net)}` : 'no payment line';
  const length = [...order.orderId].length;
  return [
    { holds: length === 10, fact: `the order id has ${length} ${length === 1 ? 'character' : 'characters'}` },
    { holds: present(returns), fact: present(returns) ? `Return lines add up to ${inr(returns)}` : 'no Return line in the MTR' },
    {
      holds: present(net) && Number(net) < 0,
      fact: present(net) ? `payments add up to ${inr(net)}${Number(net) < 0 ? ', below 0' : ', not below 0'}` : 'no payment line',
    },
    { holds: present(shipment) && present(net), fact: `${invoiceText}; ${paymentText}` },
    { holds: present(net) && !present(shipment), fact: `${paymentText}; ${invoiceText}` },
    { holds: present(shipment) && !present(net), fact: `${invoiceText}; ${paymentText}` },
    { holds: true, fact: 'none of the rules above holds' },
  ];
}

function renderRules(order) {
  const decided = CATEGORIES.findIndex((category) => category.name === order.category);
  const facts = ruleFacts(order);
  fill(document.getElementById('rules'), CATEGORIES.map((category, index) => {
    let state;
    let mark;
    let fact;
    if (index < decided) {
      state = 'failed';
      mark = '✗';
      fact = `Does not hold: ${facts[index].fact}.`;
    } else if (index === decided) {
      state = 'decided';
      mark = '✓';
      fact = `Holds: ${facts[index].fact}. → ${category.name}`;
    } else {
      state = 'skipped';
      mark = '–';
      fact = 'Not tried: an earlier rule decided.';
    }
    return el('li', {
      class: `rule ${state} tone-${category.tone}`,
      dataset: { rule: index + 1, state, testid: index === decided ? 'deciding-rule' : null },
      'aria-current': index === decided ? 'true' : null,
    },
    el('span', { class: 'rule-mark', 'aria-hidden': 'true' }, mark),
    el('span', {},
      el('span', { class: 'rule-title' }, `Rule ${index + 1}: ${category.rule}`, el('span', { class: 'muted' }, ` (${category.name})`)),
      el('span', { class: 'rule-fact' }, fact)));
  }));
}

function linesOf(lines, type) {
  return lines.filter((line) => line.transactionType === type);
}

function renderAmounts(order, mtrLines, paymentLines) {
  const shipments = linesOf(mtrLines, 'Shipment').length;
  const returns = linesOf(mtrLines, 'Return').length;
  const lineCount = (n, what) => `sum of ${count(n)} ${what} ${n === 1 ? 'line' : 'lines'}`;
  const payout = present(order.payoutPercent)
    ? `net ${inr(order.netAmount)} ÷ invoice ${inr(order.shipmentInvoiceAmount)} × 100`
    : 'needs both an invoice (not 0) and a payment';
  fill(document.getElementById('amounts'),
    el('dt', {}, 'Shipment invoice'),
    el('dd', { dataset: { testid: 'amount-invoice' } }, inr(order.shipmentInvoiceAmount),
      el('span', { class: 'sub' }, shipments ? lineCount(shipments, 'Shipment') : 'no Shipment line')),
    el('dt', {}, 'Returns'),
    el('dd', { dataset: { testid: 'amount-returns' } }, inr(order.returnInvoiceAmount),
      el('span', { class: 'sub' }, returns ? lineCount(returns, 'Return') : 'no Return line')),
    el('dt', {}, 'Net payout'),
    el('dd', { dataset: { testid: 'amount-net' } }, inr(order.netAmount),
      el('span', { class: 'sub' }, paymentLines.length ? lineCount(paymentLines.length, 'payment') : 'no payment line')),
    el('dt', {}, 'Payout percent'),
    el('dd', { dataset: { testid: 'amount-payout' } }, percent(order.payoutPercent), el('span', { class: 'sub' }, payout)));
}

/** The band the order was checked against: the one that holds its net and has its minimum. */
function bandOf(bands, order) {
  const net = Number(order.netAmount);
  return bands.findIndex((band, index) => {
    const above = index > 0 ? Number(bands[index - 1].netUpTo) : -Infinity;
    const upTo = band.netUpTo === null ? Infinity : Number(band.netUpTo);
    return net > above && net <= upTo && Number(band.minimumPercent) === Number(order.toleranceMinimumPercent);
  });
}

/** The payout percent with enough decimals that it never reads as equal to the minimum when it is not. */
function payoutText(order) {
  const rounded = Number(order.payoutPercent).toFixed(2);
  if (rounded === Number(order.toleranceMinimumPercent).toFixed(2) && Number(order.payoutPercent) !== Number(order.toleranceMinimumPercent)) {
    return `${Number(order.payoutPercent)} %`;
  }
  return percent(order.payoutPercent);
}

function renderTolerance(order, bands) {
  const target = document.getElementById('tolerance-explanation');
  const status = order.toleranceStatus;
  if (status === 'Not Applicable') {
    const why = order.category === 'Order & Payment Received'
      ? `The invoice amount is ${inr(order.shipmentInvoiceAmount)}; a payout percent needs an invoice above 0.`
      : `The payout tolerance is checked only for 'Order & Payment Received' orders; this order is '${order.category}'.`;
    fill(target,
      el('p', { class: 'explain', dataset: { testid: 'tolerance-verdict' } }, 'Not Applicable'),
      el('p', {}, why));
    return;
  }
  const within = status === 'Within Tolerance';
  const minimum = Number(order.toleranceMinimumPercent);
  const bandIndex = bandOf(bands, order);
  const bandText = bandIndex >= 0 ? bandRange(bands, bandIndex) : null;
  const verdict = `${payoutText(order)} ${within ? '>' : '≤'} ${plain(minimum)} % minimum ${bandText ? `for ${bandText}` : 'of its band'} → ${status}`;
  const scale = Math.min(Math.max(100, Math.ceil(Number(order.payoutPercent) / 10) * 10), 200);
  const position = (value) => `${Math.min(Math.max(value / scale, 0), 1) * 100}%`;
  const gauge = el('div', { class: `gauge tone-${toleranceTone(status)}`, 'aria-hidden': 'true' },
    el('div', { class: 'gauge-track' }),
    el('div', { class: 'gauge-min' }),
    el('div', { class: 'gauge-min-label' }, `minimum ${plain(minimum)} %`),
    el('div', { class: 'gauge-value', title: percent(order.payoutPercent) }));
  gauge.style.setProperty('--min', position(minimum));
  gauge.style.setProperty('--value', position(Number(order.payoutPercent)));
  fill(target,
    el('p', { class: 'explain', dataset: { testid: 'tolerance-verdict' } }, verdict),
    gauge,
    el('div', { class: 'gauge-scale', 'aria-hidden': 'true' }, el('span', {}, '0 %'), el('span', {}, `${scale} %`)),
    el('p', { class: 'small muted' },
      `An order is within tolerance when its payout percent is strictly above the minimum of its band. The band is chosen by the net payout (${inr(order.netAmount)}).`),
    bands.length === 0 ? null : el('table', { class: 'small', dataset: { testid: 'tolerance-bands' } },
      el('thead', {}, el('tr', {}, el('th', { scope: 'col' }, 'Net payout'), el('th', { scope: 'col', class: 'num' }, 'Minimum payout'))),
      el('tbody', {}, bands.map((band, index) => el('tr', { class: index === bandIndex ? 'highlight' : null, 'aria-current': index === bandIndex ? 'true' : null },
        el('td', {}, bandRange(bands, index), index === bandIndex ? el('strong', {}, ' ← this order') : null),
        el('td', { class: 'num' }, `more than ${plain(band.minimumPercent)} %`))))));
}

/** Sums amounts exactly, in paise: the browser's numbers are binary fractions. */
function sum(lines) {
  const paise = lines.reduce((total, line) => total + Math.round(Number(line.amount) * 100), 0);
  return (paise / 100).toFixed(2);
}

function sourceCell(line) {
  return el('td', { class: 'wrap' }, el('a', { href: `/uploads#upload-${line.uploadId}` }, line.fileName),
    el('span', { class: 'sub' }, `upload #${line.uploadId}`));
}

function details(line, columns) {
  const parts = columns
    .filter(([key]) => line.details?.[key])
    .map(([key, label]) => (label ? `${label} ${line.details[key]}` : line.details[key]));
  return parts.length ? parts.join(' · ') : '—';
}

const MTR_USE = { Shipment: 'Shipment invoice', Return: 'Returns' };

function renderMtrLines(lines) {
  const table = document.getElementById('mtr-lines');
  fill(table.tBodies[0], lines.length === 0
    ? el('tr', {}, el('td', { colspan: 7, class: 'empty' }, 'No MTR line: nothing was invoiced for this order in the uploaded MTRs.'))
    : lines.map((line) => el('tr', { dataset: { testid: 'mtr-line' } },
      sourceCell(line),
      el('td', { class: 'num' }, count(line.rowNumber)),
      el('td', {}, line.transactionType),
      el('td', { class: 'num' }, inr(line.amount)),
      el('td', { class: 'nowrap' }, reportDate(line.date)),
      el('td', { class: 'wrap small' }, details(line, [['invoicenumber', 'Invoice'], ['sku', 'SKU'], ['quantity', 'Qty'], ['itemdescription', '']])),
      el('td', {}, MTR_USE[line.transactionType] ?? 'not used by any rule'))));
  fill(table.tFoot, ['Shipment', 'Return'].filter((type) => linesOf(lines, type).length > 0).map((type) => el('tr', {},
    el('td', { colspan: 3 }, `${MTR_USE[type]}: sum of ${type} lines`),
    el('td', { class: 'num' }, inr(sum(linesOf(lines, type)))),
    el('td', { colspan: 3 }))));
}

function componentsCell(line) {
  if (line.consistent === null || line.consistent === undefined) return 'none in its report';
  return line.consistent
    ? 'add up to the total'
    : badge('do not add up', 'red', { dataset: { testid: 'inconsistent-line' } });
}

function renderPaymentLines(lines) {
  const table = document.getElementById('payment-lines');
  fill(table.tBodies[0], lines.length === 0
    ? el('tr', {}, el('td', { colspan: 7, class: 'empty' }, 'No payment line: Amazon has not paid anything for this order in the uploaded Payment reports.'))
    : lines.map((line) => el('tr', { dataset: { testid: 'payment-line' } },
      sourceCell(line),
      el('td', { class: 'num' }, count(line.rowNumber)),
      el('td', {}, line.paymentType ?? line.transactionType),
      el('td', { class: 'num' }, inr(line.amount)),
      el('td', { class: 'nowrap' }, reportDate(line.date)),
      el('td', { class: 'wrap small' }, details(line, [['description', ''], ['sku', 'SKU'], ['settlementid', 'Settlement']])),
      el('td', { class: 'small' }, componentsCell(line)))));
  fill(table.tFoot, lines.length === 0 ? null : el('tr', {},
    el('td', { colspan: 3 }, 'Net payout: sum of payment lines'),
    el('td', { class: 'num' }, inr(sum(lines))),
    el('td', { colspan: 3 })));
}

const COMPONENT_LABELS = {
  productsales: 'Product sales',
  shippingcredits: 'Shipping credits',
  giftwrapcredits: 'Gift wrap credits',
  promotionalrebates: 'Promotional rebates',
  sellingfees: 'Selling fees',
  fbafees: 'FBA fees',
  othertransactionfees: 'Other transaction fees',
  other: 'Other',
  tcscgst: 'TCS-CGST',
  tcssgst: 'TCS-SGST',
  tcsigst: 'TCS-IGST',
  tdssection194o: 'TDS (section 194-O)',
};

/** Adds amounts exactly, in paise. */
function addExactly(...amounts) {
  return (amounts.reduce((total, amount) => total + Math.round(Number(amount) * 100), 0) / 100).toFixed(2);
}

/** SPEC §8.1: sales → fees → other → TCS → TDS → payout, each step a bar from the running total. */
function renderBreakdown(order) {
  const { breakdown } = order;
  if (!breakdown) return;
  document.getElementById('breakdown-section').hidden = false;
  const payout = addExactly(breakdown.sales, breakdown.fees, breakdown.other, breakdown.tcs, breakdown.tds);
  const steps = [
    { label: 'Sales', amount: breakdown.sales, kind: 'total' },
    {
      label: 'Fees', amount: breakdown.fees, kind: 'step',
      note: breakdown.feePercent === null ? null : `${plain(breakdown.feePercent)} % of product sales`,
    },
    { label: 'Other', amount: breakdown.other, kind: 'step' },
    { label: 'TCS', amount: breakdown.tcs, kind: 'step', note: 'GST collected at source' },
    { label: 'TDS', amount: breakdown.tds, kind: 'step', note: 'income tax, section 194-O' },
    { label: 'Payout', amount: payout, kind: 'total' },
  ];
  let running = 0;
  const spans = steps.map((step) => {
    const value = Number(step.amount);
    const from = step.kind === 'total' ? 0 : running;
    const to = step.kind === 'total' ? value : running + value;
    running = to;
    return { ...step, from, to };
  });
  const low = Math.min(0, ...spans.map((s) => Math.min(s.from, s.to)));
  const high = Math.max(0, ...spans.map((s) => Math.max(s.from, s.to)));
  const range = high - low || 1;
  const at = (value) => `${((value - low) / range) * 100}%`;
  fill(document.getElementById('breakdown-waterfall'), spans.map((span) => {
    const bar = el('div', {
      class: `waterfall-bar ${span.kind === 'total' ? 'total' : Number(span.amount) < 0 ? 'down' : 'up'}`,
      title: `${span.label}: ${inr(span.amount)}`,
    });
    bar.style.setProperty('--from', at(Math.min(span.from, span.to)));
    bar.style.setProperty('--to', at(Math.max(span.from, span.to)));
    return el('div', { class: 'waterfall-row', dataset: { testid: 'waterfall-step', step: span.label } },
      el('span', { class: 'waterfall-label' }, span.label, span.note ? el('span', { class: 'sub' }, span.note) : null),
      el('div', { class: 'waterfall-track', 'aria-hidden': 'true' }, bar),
      el('span', { class: 'num waterfall-amount', dataset: { testid: 'waterfall-amount' } }, inr(span.amount)));
  }));
  const notes = [];
  if (breakdown.inconsistentLines > 0) {
    notes.push(alertBox('red', `${count(breakdown.inconsistentLines)} payment ${breakdown.inconsistentLines === 1 ? 'line does' : 'lines do'} not add up`,
      el('p', {}, 'Its components differ from its total (marked below): the report may have been edited or cut. The net payout counts the totals.')));
  }
  if (Number(payout) !== Number(order.netAmount)) {
    notes.push(el('p', { class: 'small muted' },
      `The net payout (${inr(order.netAmount)}) differs from the components' ${inr(payout)}: some payment lines come from a report without component columns, or do not add up.`));
  }
  fill(document.getElementById('breakdown-note'), ...notes);
  fill(document.querySelector('#breakdown-table tbody'), Object.entries(breakdown.components).map(([column, amount]) => el('tr', {},
    el('th', { scope: 'row' }, COMPONENT_LABELS[column] ?? column),
    el('td', { class: 'num' }, inr(amount)))));
}

/** SPEC §8.2: how long an unpaid order has waited since it shipped. */
function renderAgeing(order) {
  const { ageing } = order;
  if (!ageing) return;
  const target = document.getElementById('order-ageing');
  target.hidden = false;
  const waited = ageing.ageDays === null
    ? 'Unpaid; no shipment or invoice date to age it by.'
    : `Unpaid for ${count(ageing.ageDays)} ${ageing.ageDays === 1 ? 'day' : 'days'} (${ageing.bucket}): shipped on ${ageing.shippedDate}, as of ${ageing.asOf}, the latest payment date in the reports.`;
  fill(target, alertBox(ageing.overdue ? 'red' : 'amber', ageing.overdue ? 'Overdue' : 'Awaiting payment', el('p', {}, waited)));
}

async function load() {
  const status = document.getElementById('order-status');
  fill(status, el('p', { class: 'muted' }, 'Loading…'));
  let detail;
  try {
    detail = await getJson(`/api/orders/${encodeURIComponent(orderId)}`);
  } catch (error) {
    if (error.status === 404) {
      fill(status, alertBox('amber', 'No such order',
        el('p', {}, 'No reconciled order has this id. It may still be in the pipeline; see the ', el('a', { href: '/uploads' }, 'Uploads'), ' page.')));
    } else {
      showError(status, error, 'the order');
    }
    return;
  }
  const bands = await getJson('/api/tolerance-bands').then((answer) => answer.bands, () => []);
  const { order, mtrLines, paymentLines } = detail;
  fill(status);
  fill(document.getElementById('verdicts'),
    categoryBadge(order.category, { dataset: { testid: 'order-category' } }),
    toleranceBadge(order.toleranceStatus, { dataset: { testid: 'order-tolerance' } }),
    el('span', { class: 'muted small' }, `${count(order.mtrLines)} MTR · ${count(order.paymentLines)} payment lines`));
  renderAmounts(order, mtrLines, paymentLines);
  renderAgeing(order);
  renderBreakdown(order);
  renderTolerance(order, bands);
  renderRules(order);
  renderMtrLines(mtrLines);
  renderPaymentLines(paymentLines);
  document.getElementById('order').hidden = false;
}

load();
