// Every upload with its status, counts, duration and problems; uploads still in the pipeline are
// followed live, and the rows a file had rejected can be opened in place or downloaded.
import {
  FINAL_STATUSES, ROW_REASONS, adminCall, alertBox, bytes, count, dateTime, describeError, duration, el, fileProblem, fill,
  followUpload, getJson, showError, statusBadge,
} from './common.js';

const KINDS = { mtr: 'MTR', payment: 'Payment' };
const COLUMNS = 9;
const body = document.getElementById('uploads-body');

function rowsText(upload) {
  const { published, transformed, reconciled, total } = upload.progress ?? {};
  switch (upload.status) {
    case 'RECEIVED': return `${count(published)} read`;
    case 'PUBLISHED': return `${count(reconciled)} of ${count(total)} reconciled (${count(transformed)} transformed)`;
    case 'RECONCILED': return count(upload.rowsPublished);
    default: return '—';
  }
}

function csvLink(upload, text) {
  return el('a', { href: `/api/uploads/${upload.id}/rejected?format=csv`, download: '', dataset: { testid: 'rejected-csv' } }, text);
}

const RETRACTABLE = new Set(['RECONCILED', 'REJECTED', 'FAILED']);

/** SPEC §8.3: takes an upload back after the person confirms, then follows it to RETRACTED. */
function retractButton(upload, render) {
  const retract = async (event) => {
    const sure = window.confirm(`Retract upload #${upload.id} (${upload.fileName})?\n\n`
      + 'Every result is rebuilt as if it had never been uploaded: its lines leave their orders, its rejected rows and '
      + 'non-order charges go. A line that another upload also holds stays. This cannot be undone; uploading the file '
      + 'again counts it again.');
    if (!sure) return;
    const button = event.currentTarget;
    button.disabled = true;
    try {
      const retracting = await adminCall(`/api/uploads/${upload.id}`, 'DELETE');
      render(retracting);
      if (!FINAL_STATUSES.has(retracting.status)) followUpload(upload.id, render);
    } catch (error) {
      button.disabled = false;
      fill(document.getElementById('uploads-status'), alertBox('red', `Could not retract upload #${upload.id}`, describeError(error)));
    }
  };
  return el('button', { type: 'button', class: 'button small danger', onclick: retract, dataset: { testid: 'retract', uploadId: upload.id } },
    'Retract');
}

function problems(upload, toggle, render) {
  if (upload.status === 'RETRACTING') {
    return el('span', { class: 'muted' }, 'Being retracted: every result is rebuilt without it…');
  }
  if (upload.status === 'RETRACTED') {
    return el('span', { class: 'muted', dataset: { testid: 'retracted' } }, 'Retracted: no result holds anything of it.');
  }
  const retract = RETRACTABLE.has(upload.status) ? retractButton(upload, render) : null;
  return el('div', { class: 'actions' }, problemsOf(upload, toggle), retract);
}

function problemsOf(upload, toggle) {
  if (upload.status === 'REJECTED') {
    const problem = fileProblem(upload.error, upload.fileName);
    return el('div', { class: 'wrap', dataset: { testid: 'upload-error' } },
      el('strong', {}, problem.title), el('span', { class: 'sub' }, problem.detail), csvLink(upload, 'Reason as CSV'));
  }
  if (upload.status === 'FAILED') {
    return el('div', { dataset: { testid: 'upload-error' } }, el('strong', {}, 'Processing failed'), el('span', { class: 'sub' }, upload.error));
  }
  if (upload.status === 'RECONCILED') {
    return el('div', { class: 'actions' },
      el('button', { type: 'button', class: 'button small', 'aria-expanded': 'false', onclick: toggle, dataset: { testid: 'show-rejected' } },
        'Rejected rows'),
      csvLink(upload, 'CSV'));
  }
  return el('span', { class: 'muted' }, 'in progress…');
}

function rejectedTable(rows) {
  if (rows.length === 0) return el('p', { class: 'muted small', dataset: { testid: 'no-rejected-rows' } }, 'No row of this upload was rejected.');
  return el('table', { dataset: { testid: 'rejected-table' } },
    el('thead', {}, el('tr', {}, el('th', {}, 'File'), el('th', { class: 'num' }, 'Row'), el('th', {}, 'Reason'), el('th', {}, 'Details'))),
    el('tbody', {}, rows.map((row) => el('tr', { dataset: { testid: 'rejected-row' } },
      el('td', {}, row.fileName),
      el('td', { class: 'num' }, count(row.rowNumber)),
      el('td', {}, ROW_REASONS[row.reason] ?? row.reason, el('span', { class: 'sub mono' }, row.reason)),
      el('td', { class: 'wrap' }, row.message)))));
}

/** One upload's row, plus the row under it that opens to show its rejected rows. */
function uploadRows(initial) {
  const tr = el('tr', { id: `upload-${initial.id}`, dataset: { testid: 'upload-row', uploadId: initial.id } });
  const detail = el('tr', { hidden: true }, el('td', { colspan: COLUMNS }));
  const toggle = async (event) => {
    const button = event.currentTarget;
    const open = detail.hidden;
    detail.hidden = !open;
    button.setAttribute('aria-expanded', String(open));
    if (!open) return;
    fill(detail.cells[0], el('span', { class: 'muted' }, 'Loading…'));
    try {
      const { rejected } = await getJson(`/api/uploads/${initial.id}/rejected`);
      fill(detail.cells[0], rejectedTable(rejected));
    } catch (error) {
      fill(detail.cells[0], alertBox('amber', 'Could not load the rejected rows', describeError(error)));
    }
  };
  const render = (upload) => {
    tr.classList.toggle('retracted', upload.status === 'RETRACTED');
    fill(tr,
    el('td', { class: 'num' }, upload.id),
    el('td', { class: 'wrap' }, upload.fileName, el('span', { class: 'sub' }, upload.format ? upload.format.toUpperCase() : '')),
    el('td', {}, KINDS[upload.kind] ?? '—'),
    el('td', {}, statusBadge(upload.status, { dataset: { testid: 'upload-status' } })),
    el('td', { class: 'num' }, rowsText(upload)),
    el('td', { class: 'num' }, bytes(upload.sizeBytes)),
    el('td', { class: 'nowrap' }, dateTime(upload.receivedAt)),
    el('td', { class: 'num' }, duration(upload.durationMillis)),
    el('td', {}, problems(upload, toggle, render)));
  };
  render(initial);
  if (!FINAL_STATUSES.has(initial.status)) followUpload(initial.id, render);
  if (window.location.hash === `#upload-${initial.id}`) tr.classList.add('highlight');
  return [tr, detail];
}

async function load() {
  const status = document.getElementById('uploads-status');
  fill(body, el('tr', {}, el('td', { colspan: COLUMNS, class: 'empty' }, 'Loading…')));
  try {
    const { uploads } = await getJson('/api/uploads');
    fill(status);
    fill(body, uploads.length === 0
      ? el('tr', {}, el('td', { colspan: COLUMNS, class: 'empty' }, 'Nothing uploaded yet.'))
      : uploads.flatMap(uploadRows));
    document.querySelector('tr.highlight')?.scrollIntoView({ block: 'center' });
  } catch (error) {
    fill(body);
    showError(status, error, 'the uploads');
  }
}

document.getElementById('refresh-uploads').addEventListener('click', () => window.location.reload());
load();
