// The pipeline's event log from the original API (/logs), paged, filtered by level via the URL.
import { badge, count, dateTime, el, fill, getJson, queryParams, showError } from './common.js';

const LEVEL_TONES = { INFO: 'accent', WARN: 'amber', ERROR: 'red' };
const COLUMNS = 5;

const params = queryParams();
const level = params.level ?? '';
const limit = [20, 50, 100].includes(Number(params.limit)) ? Number(params.limit) : 20;
const page = Math.max(Number(params.page) || 1, 1);

function viewPath(changes) {
  const query = new URLSearchParams(Object.entries({ level, limit: limit === 20 ? '' : limit, ...changes }).filter(([, v]) => v));
  const text = query.toString();
  return text ? `/events?${text}` : '/events';
}

/** "upload 12 payment.csv" links to that upload. */
function concerns(context) {
  if (!context) return '—';
  const match = /^upload (\d+)(.*)$/s.exec(context);
  if (!match) return context;
  return el('span', {}, el('a', { href: `/uploads#upload-${match[1]}` }, `upload #${match[1]}`), match[2]);
}

function row(event) {
  return el('tr', { dataset: { testid: 'event-row', level: event.level } },
    el('td', { class: 'nowrap' }, dateTime(event.timestamp)),
    el('td', {}, badge(event.level, LEVEL_TONES[event.level] ?? 'gray'),
      event.error_type ? el('span', { class: 'sub mono' }, event.error_type) : null),
    el('td', { class: 'wrap' }, event.message),
    el('td', { class: 'wrap' }, concerns(event.context)),
    el('td', {}, event.additional_info
      ? el('details', { class: 'more' }, el('summary', {}, 'Show'), el('pre', {}, event.additional_info))
      : '—'));
}

function renderPager(answer) {
  const pages = Math.max(answer.total_page, 1);
  const link = (label, target) => (target < 1 || target > pages || target === page
    ? el('span', { class: 'button small', 'aria-disabled': 'true' }, label)
    : el('a', { class: 'button small', href: viewPath({ page: target === 1 ? '' : target }) }, label));
  fill(document.getElementById('events-pager'),
    el('span', { class: 'muted small' }, `Page ${count(page)} of ${count(pages)}`),
    el('div', { class: 'actions' }, link('‹ Newer', page - 1), link('Older ›', page + 1)));
}

async function load() {
  const form = document.getElementById('event-filters');
  document.getElementById('level-filter').value = level;
  document.getElementById('event-limit').value = String(limit);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const values = Object.fromEntries(new FormData(form));
    window.location.assign(viewPath({ level: values.level, limit: values.limit === '20' ? '' : values.limit }));
  });
  form.querySelectorAll('select').forEach((select) => select.addEventListener('change', () => form.requestSubmit()));

  const body = document.getElementById('events-body');
  fill(body, el('tr', {}, el('td', { colspan: COLUMNS, class: 'empty' }, 'Loading…')));
  const query = new URLSearchParams({ page, limit });
  if (level) query.set('level', level);
  try {
    const answer = await getJson(`/logs?${query}`);
    fill(body, answer.results.length === 0
      ? el('tr', {}, el('td', { colspan: COLUMNS, class: 'empty' }, level ? `No ${level.toLowerCase()} events.` : 'No events yet.'))
      : answer.results.map(row));
    renderPager(answer);
  } catch (error) {
    fill(body);
    showError(document.getElementById('events-status'), error, 'the event log');
  }
}

load();
