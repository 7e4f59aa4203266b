// The orders table: filters, sort and page live in the URL, so every view can be linked to (the
// dashboard's cards do) and the exports download exactly the orders shown.
import {
  CATEGORIES, TOLERANCES, categoryBadge, count, el, fill, getJson, inr, orderLink, ordersPath, percent, plain,
  queryParams, showError, toleranceBadge,
} from './common.js';

const COLUMNS = [
  { key: 'order_id', label: 'Order id' },
  { key: 'category', label: 'Category' },
  { key: 'tolerance_status', label: 'Tolerance' },
  { key: 'shipment_invoice_amount', label: 'Invoice', numeric: true },
  { key: 'return_invoice_amount', label: 'Returns', numeric: true },
  { key: 'net_amount', label: 'Net payout', numeric: true },
  { key: 'payout_percent', label: 'Payout %', numeric: true },
  { key: 'fees', label: 'Fees', numeric: true },
  { key: 'fee_percent', label: 'Fee %', numeric: true },
  { key: 'lines', label: 'Lines', numeric: true },
];

const QUICK = [
  { label: 'All orders', filter: {} },
  { label: 'Unpaid', filter: { category: 'Payment Pending' } },
  { label: 'Overdue', filter: { overdue: 'true' } },
  { label: 'Below tolerance', filter: { tolerance: 'Tolerance Breached' } },
  { label: 'Negative payout', filter: { category: 'Negative Payout' } },
  { label: 'Returns', filter: { category: 'Return' } },
];

const params = queryParams();
const filter = {
  category: params.category ?? '',
  tolerance: params.tolerance ?? '',
  ageing: params.ageing ?? '',
  overdue: params.overdue ?? '',
  q: params.q ?? '',
};
const size = Number(params.size) || 50;
const page = Math.max(Number(params.page) || 1, 1);
const sort = params.sort ?? '';
// Next and Previous carry the cursor of the page's last or first order: a keyset page, as quick
// 3,000 pages deep as the first, where a page number alone makes the database walk every order
// before it. The page number then only labels the page.
const after = params.after ?? '';
const before = params.before ?? '';
const [sortKey, sortDirection] = sort ? sort.split(',') : ['order_id', 'asc'];

const form = document.getElementById('filters');
const body = document.getElementById('orders-body');

/** The URL of this view with some parameters changed; page 1 unless a page is given. */
function viewPath(changes) {
  return ordersPath({ ...filter, size: size === 50 ? '' : size, sort, ...changes });
}

function setUpForm() {
  const categorySelect = document.getElementById('category-filter');
  categorySelect.append(...CATEGORIES.map((c) => el('option', { value: c.name }, c.name)));
  categorySelect.value = filter.category;
  const toleranceSelect = document.getElementById('tolerance-filter');
  toleranceSelect.append(...TOLERANCES.map((t) => el('option', { value: t.name }, t.name)));
  toleranceSelect.value = filter.tolerance;
  const ageingSelect = document.getElementById('ageing-filter');
  ageingSelect.value = filter.ageing;
  const overdueSelect = document.getElementById('overdue-filter');
  overdueSelect.value = filter.overdue;
  document.getElementById('order-search').value = filter.q;
  document.getElementById('page-size').value = String(size);
  document.getElementById('sort-field').value = sort;
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const values = Object.fromEntries(new FormData(form));
    window.location.assign(ordersPath({ ...values, size: values.size === '50' ? '' : values.size }));
  });
  [categorySelect, toleranceSelect, ageingSelect, overdueSelect, document.getElementById('page-size')]
    .forEach((select) => select.addEventListener('change', () => form.requestSubmit()));

  fill(document.getElementById('quick-filters'), QUICK.map((quick) => {
    const current = ['category', 'tolerance', 'ageing', 'overdue'].every((key) => (quick.filter[key] ?? '') === filter[key]) && !filter.q;
    return el('a', { class: 'chip', href: ordersPath(quick.filter), 'aria-current': current ? 'true' : null }, quick.label);
  }));

  const exportQuery = new URLSearchParams(Object.entries({ ...filter, sort }).filter(([, v]) => v));
  for (const format of ['csv', 'xlsx']) {
    const query = new URLSearchParams(exportQuery);
    query.set('format', format);
    document.getElementById(`export-${format}`).href = `/api/orders/export?${query}`;
  }
}

function renderHead() {
  fill(document.getElementById('orders-head'), COLUMNS.map((column) => {
    if (column.key === 'lines') return el('th', { scope: 'col', class: 'num' }, column.label);
    const sorted = column.key === sortKey;
    const next = sorted && sortDirection !== 'desc' ? 'desc' : 'asc';
    return el('th', {
      scope: 'col',
      class: column.numeric ? 'num' : null,
      'aria-sort': sorted ? (sortDirection === 'desc' ? 'descending' : 'ascending') : null,
    }, el('a', { class: 'sort', href: viewPath({ sort: `${column.key},${next}` }), dataset: { sort: column.key } },
      column.label,
      el('span', { class: 'sort-mark', 'aria-hidden': 'true' }, sorted ? (sortDirection === 'desc' ? '▼' : '▲') : '')));
  }));
}

function payoutCell(order) {
  if (order.payoutPercent === null) return el('td', { class: 'num' }, '—');
  const minimum = order.toleranceMinimumPercent;
  return el('td', { class: 'num' }, percent(order.payoutPercent),
    minimum === null ? null : el('span', { class: 'sub' }, `min ${plain(minimum)} %`));
}

function renderRows(orders) {
  if (orders.content.length === 0) {
    fill(body, el('tr', {}, el('td', { colspan: COLUMNS.length, class: 'empty', dataset: { testid: 'orders-empty' } },
      orders.totalElements === 0 && Object.values(filter).every((value) => !value)
        ? 'No orders yet. Upload the MTR and Payment reports first.'
        : 'No orders match these filters.')));
    return;
  }
  fill(body, orders.content.map((order) => el('tr', { dataset: { testid: 'order-row', orderId: order.orderId } },
    el('td', { class: 'nowrap' }, orderLink(order.orderId)),
    el('td', {}, categoryBadge(order.category)),
    el('td', {}, toleranceBadge(order.toleranceStatus)),
    el('td', { class: 'num' }, inr(order.shipmentInvoiceAmount)),
    el('td', { class: 'num' }, inr(order.returnInvoiceAmount)),
    el('td', { class: 'num' }, inr(order.netAmount)),
    payoutCell(order),
    el('td', { class: 'num' }, inr(order.breakdown?.fees)),
    el('td', { class: 'num' }, order.breakdown ? percent(order.breakdown.feePercent) : '—'),
    el('td', { class: 'num' }, `${count(order.mtrLines)} MTR`, el('span', { class: 'sub' }, `${count(order.paymentLines)} payment`)))));
}

function renderPager(orders) {
  const pages = Math.max(orders.totalPages, 1);
  const first = orders.totalElements === 0 ? 0 : (orders.page - 1) * orders.size + 1;
  const last = Math.min(orders.page * orders.size, orders.totalElements);
  // A large total is a count from the last few seconds, not one taken with this page.
  const about = orders.totalExact ? '' : 'about ';
  document.getElementById('orders-count').textContent = orders.totalElements === 0 ? ''
    : `${count(first)}–${count(last)} of ${about}${count(orders.totalElements)} ${orders.totalElements === 1 ? 'order' : 'orders'}`;
  const link = (label, target, id, cursor = {}) => (target < 1 || target > pages || target === orders.page
    ? el('span', { class: 'button small', 'aria-disabled': 'true' }, label)
    : el('a', { class: 'button small', href: viewPath({ page: target === 1 ? '' : target, ...cursor }), id }, label));
  fill(document.getElementById('pager'),
    el('span', { class: 'muted small' }, `Page ${count(orders.page)} of ${about}${count(pages)}`),
    el('div', { class: 'actions' },
      link('« First', 1, 'page-first'),
      link('‹ Previous', orders.page - 1, 'page-previous', orders.page > 2 && orders.previous ? { before: orders.previous } : {}),
      link('Next ›', orders.page + 1, 'page-next', orders.next ? { after: orders.next } : {}),
      link('Last »', pages, 'page-last')));
}

async function load() {
  setUpForm();
  renderHead();
  fill(body, el('tr', {}, el('td', { colspan: COLUMNS.length, class: 'empty' }, 'Loading…')));
  const query = new URLSearchParams(Object.entries({ ...filter, sort, page, size, after, before }).filter(([, v]) => v));
  try {
    const orders = await getJson(`/api/orders?${query}`);
    renderRows(orders);
    renderPager(orders);
  } catch (error) {
    fill(body);
    showError(document.getElementById('orders-status'), error, 'the orders');
  }
}

load();
