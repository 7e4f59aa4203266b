// The upload page: pick or drop report files, send each with a byte progress bar, then follow it
// through the pipeline by Server-Sent Events until it is reconciled, refused or failed.
import {
  FINAL_STATUSES, ROW_REASONS, alertBox, bytes, count, describeError, duration, el, explain, fileProblem,
  fill, followUpload, getJson, statusTone,
} from './common.js';

const ACCEPTED = ['csv', 'tsv', 'txt', 'xlsx', 'xls', 'zip'];
const KINDS = { mtr: 'MTR', payment: 'Payment report' };

const form = document.getElementById('upload-form');
const input = document.getElementById('file-input');
const dropZone = document.getElementById('drop-zone');
const selection = document.getElementById('selection');
const fileList = document.getElementById('file-list');
const uploadButton = document.getElementById('upload-button');
const clearButton = document.getElementById('clear-button');
const results = document.getElementById('upload-results');
const cards = document.getElementById('upload-cards');
const nextSteps = document.getElementById('next-steps');

/** Files chosen and not yet sent, each with the kind the person named ('' = detect). */
let chosen = [];

function extension(name) {
  const dot = name.lastIndexOf('.');
  return dot < 0 ? '' : name.slice(dot + 1).toLowerCase();
}

function choose(files) {
  for (const file of files) {
    chosen.push({ file, kind: '' });
  }
  input.value = '';
  renderChosen();
}

function renderChosen() {
  selection.hidden = chosen.length === 0;
  uploadButton.disabled = chosen.length === 0;
  uploadButton.textContent = chosen.length > 1 ? `Upload ${chosen.length} files and reconcile` : 'Upload and reconcile';
  fill(fileList, chosen.map((item, index) => {
    const selectId = `kind-${index}`;
    const format = extension(item.file.name);
    const select = el('select', { id: selectId, dataset: { testid: 'kind-select' } },
      el('option', { value: '' }, 'Detect from header'),
      el('option', { value: 'mtr' }, 'MTR'),
      el('option', { value: 'payment' }, 'Payment report'));
    select.value = item.kind;
    select.addEventListener('change', () => { item.kind = select.value; });
    return el('li', { class: 'file-item', dataset: { testid: 'chosen-file' } },
      el('span', { class: 'file-name' }, item.file.name),
      el('span', { class: 'muted small' }, `${(format || 'no extension').toUpperCase()} · ${bytes(item.file.size)}`),
      el('span', { class: 'field' },
        el('label', { for: selectId }, 'Kind'),
        select),
      el('button', {
        type: 'button', class: 'button small link', 'aria-label': `Remove ${item.file.name}`,
        onclick: () => { chosen.splice(index, 1); renderChosen(); },
      }, 'Remove'),
      ACCEPTED.includes(format) ? null
        : el('p', { class: 'file-warning' },
          'This does not look like a CSV, XLSX, XLS or ZIP file; the gateway will most likely refuse it.'));
  }));
}

/** One file's card: what was sent, then each stage of the pipeline, then the outcome. */
class UploadCard {
  constructor(item) {
    this.item = item;
    this.kindBadge = el('span', { class: 'badge tone-gray', dataset: { testid: 'upload-kind' } },
      item.kind ? KINDS[item.kind] : 'Kind: detecting…');
    this.status = el('span', { class: 'badge tone-accent', dataset: { testid: 'upload-status', status: 'SENDING' } },
      'SENDING');
    this.meta = el('p', { class: 'muted small' }, `${bytes(item.file.size)} · ${extension(item.file.name).toUpperCase()}`);
    this.stages = {};
    const stageList = el('div', { class: 'stages' },
      this.stage('sent', 'Sent'),
      this.stage('published', 'Published'),
      this.stage('transformed', 'Transformed'),
      this.stage('reconciled', 'Reconciled'));
    this.message = el('div', { dataset: { testid: 'upload-message' } });
    this.rejected = el('div', { dataset: { testid: 'rejected-rows' } });
    this.node = el('article', { class: 'card upload-card', dataset: { testid: 'upload-card', fileName: item.file.name } },
      el('div', { class: 'upload-card-head' },
        el('h3', {}, item.file.name), this.kindBadge, el('span', { class: 'spacer' }), this.status),
      this.meta, stageList, this.message, this.rejected);
    this.stages.sent.bar.dataset.testid = 'bytes-progress';
  }

  stage(key, name) {
    const bar = el('progress', { max: 1, value: 0, 'aria-label': `${name}: progress` });
    const label = el('span', { class: 'stage-count' }, key === 'sent' ? 'waiting' : '—');
    const row = el('div', { class: 'stage', dataset: { stage: key } }, el('span', { class: 'stage-name' }, name), bar, label);
    this.stages[key] = { row, bar, label };
    return row;
  }

  /** A null total shows a bar that is busy without a known end; a total of 0 is complete. */
  setStage(key, done, total, text) {
    const { row, bar, label } = this.stages[key];
    if (total === null || total === undefined) {
      bar.removeAttribute('value');
    } else {
      bar.max = Math.max(total, 1);
      bar.value = total === 0 ? 1 : done;
    }
    row.classList.toggle('done', total !== null && total !== undefined && done >= total);
    label.textContent = text;
  }

  sent(loaded, total) {
    const size = this.item.file.size;
    const sentBytes = total > 0 ? Math.round((loaded / total) * size) : loaded;
    this.setStage('sent', sentBytes, size, `${bytes(sentBytes)} of ${bytes(size)}`);
  }

  setStatus(status) {
    this.status.textContent = status;
    this.status.dataset.status = status;
    this.status.className = `badge tone-${statusTone(status)}`;
  }

  /** Shows the upload as the gateway reports it. */
  show(upload) {
    this.upload = upload;
    this.node.dataset.uploadId = upload.id;
    this.node.id = `upload-${upload.id}`;
    this.setStatus(upload.status);
    if (upload.kind) {
      this.kindBadge.textContent = KINDS[upload.kind] ?? upload.kind;
      this.kindBadge.className = 'badge tone-accent';
    } else if (upload.status === 'REJECTED' || upload.status === 'FAILED') {
      this.kindBadge.textContent = 'Kind: unknown';
    }
    this.meta.textContent = [bytes(upload.sizeBytes), upload.format?.toUpperCase(), `upload #${upload.id}`]
      .filter(Boolean).join(' · ');
    const size = upload.sizeBytes;
    this.setStage('sent', size, size, `${bytes(size)} sent`);
    const { published, transformed, reconciled, total } = upload.progress ?? {};
    const rows = (n) => `${count(n)} of ${count(total)} rows`;
    if (upload.status === 'REJECTED' || upload.status === 'FAILED') {
      ['published', 'transformed', 'reconciled'].forEach((stage) => this.setStage(stage, 0, 1, 'not started'));
    } else if (upload.status === 'RECEIVED') {
      this.setStage('published', published, null, `${count(published)} rows read`);
      ['transformed', 'reconciled'].forEach((stage) => this.setStage(stage, 0, 1, 'waiting'));
    } else {
      this.setStage('published', published, total, rows(published));
      this.setStage('transformed', transformed, total, rows(transformed));
      this.setStage('reconciled', reconciled, total, rows(reconciled));
    }
    if (FINAL_STATUSES.has(upload.status)) this.finish(upload);
  }

  finish(upload) {
    if (upload.status === 'RECONCILED') {
      fill(this.message, alertBox('green', `Reconciled ${count(upload.rowsPublished)} rows in ${duration(upload.durationMillis)}.`,
        'The dashboard and the orders table now include them.'));
      this.loadRejectedRows(upload);
    } else if (upload.status === 'REJECTED') {
      const problem = fileProblem(upload.error, upload.fileName);
      fill(this.message, el('div', { class: 'alert tone-red', role: 'alert', dataset: { testid: 'upload-error' } },
        el('strong', {}, `${problem.title}. Nothing of this file was used.`),
        el('p', {}, problem.detail),
        el('p', { class: 'small' }, el('a', { href: `/api/uploads/${upload.id}/rejected?format=csv`, download: '', dataset: { testid: 'rejected-csv' } },
          'Download the reason as CSV'))));
    } else {
      fill(this.message, el('div', { class: 'alert tone-red', role: 'alert', dataset: { testid: 'upload-error' } },
        el('strong', {}, 'The gateway could not process this upload. This is not a problem with your file.'),
        el('p', {}, upload.error ?? 'No reason was recorded.'),
        el('p', { class: 'small' }, 'Try again in a moment; the event log may say more.')));
    }
  }

  async loadRejectedRows(upload) {
    try {
      const { rejected } = await getJson(`/api/uploads/${upload.id}/rejected`);
      fill(this.rejected, rejectedRowsView(upload.id, rejected));
    } catch (error) {
      fill(this.rejected, alertBox('amber', 'Could not load the rejected rows', describeError(error)));
    }
  }

  failed(title, detail) {
    this.setStatus('FAILED');
    fill(this.message, el('div', { class: 'alert tone-red', role: 'alert', dataset: { testid: 'upload-error' } },
      el('strong', {}, title), detail ? el('p', {}, detail) : null));
  }
}

function rejectedRowsView(uploadId, rows) {
  const csv = el('a', { href: `/api/uploads/${uploadId}/rejected?format=csv`, download: '', dataset: { testid: 'rejected-csv' } },
    'Download as CSV');
  if (rows.length === 0) {
    return el('p', { class: 'muted small', dataset: { testid: 'no-rejected-rows' } }, 'Every row was accepted: none was rejected.');
  }
  return el('div', {},
    el('div', { class: 'section-head' },
      el('h4', { class: 'h3' }, `${count(rows.length)} ${rows.length === 1 ? 'row was' : 'rows were'} set aside`),
      csv),
    el('p', { class: 'muted small' }, 'These rows are not in any order. Correct them in the report and upload it again; rows already counted are not counted twice.'),
    el('div', { class: 'table-wrap short' },
      el('table', { dataset: { testid: 'rejected-table' } },
        el('thead', {}, el('tr', {}, el('th', {}, 'File'), el('th', { class: 'num' }, 'Row'), el('th', {}, 'Reason'), el('th', {}, 'Details'))),
        el('tbody', {}, rows.map((row) => el('tr', { dataset: { testid: 'rejected-row' } },
          el('td', {}, row.fileName),
          el('td', { class: 'num' }, count(row.rowNumber)),
          el('td', {}, ROW_REASONS[row.reason] ?? row.reason, el('span', { class: 'sub mono' }, row.reason)),
          el('td', { class: 'wrap' }, row.message)))))));
}

/** Sends one file; resolves when the gateway has answered, not when the pipeline is done. */
function send(card) {
  const { file, kind } = card.item;
  return new Promise((resolve) => {
    const body = new FormData();
    body.append('file', file, file.name);
    if (kind) body.append('kind', kind);
    const xhr = new XMLHttpRequest();
    xhr.open('POST', '/api/uploads');
    xhr.responseType = 'json';
    xhr.setRequestHeader('Accept', 'application/json');
    xhr.upload.addEventListener('progress', (event) => card.sent(event.loaded, event.lengthComputable ? event.total : 0));
    xhr.addEventListener('load', () => {
      const answer = xhr.response;
      const upload = answer?.uploads?.[0];
      if (upload) {
        card.show(upload);
        if (!FINAL_STATUSES.has(upload.status)) follow(card, upload.id);
      } else {
        card.failed('The gateway refused the upload.', explain({ status: xhr.status, statusText: xhr.statusText }, answer));
      }
      resolve();
    });
    xhr.addEventListener('error', () => {
      card.failed('The upload did not reach the gateway.',
        'The connection was lost. If the file is very large it may exceed the gateway\'s limit; otherwise check that the gateway is running.');
      resolve();
    });
    xhr.send(body);
  });
}

function follow(card, uploadId) {
  followUpload(uploadId, (upload) => {
    card.show(upload);
    offerNextSteps();
  }, () => card.failed('Lost track of this upload.', 'It goes on in the pipeline; see its status on the Uploads page.'));
}

function offerNextSteps() {
  const statuses = Array.from(cards.querySelectorAll('[data-testid="upload-status"]'), (node) => node.dataset.status);
  const allDone = statuses.every((status) => FINAL_STATUSES.has(status));
  nextSteps.hidden = !(allDone && statuses.includes('RECONCILED'));
}

async function uploadChosen(event) {
  event.preventDefault();
  const batch = chosen;
  chosen = [];
  renderChosen();
  results.hidden = false;
  nextSteps.hidden = true;
  const batchCards = batch.map((item) => new UploadCard(item));
  batchCards.slice().reverse().forEach((card) => cards.prepend(card.node));
  for (const card of batchCards) {
    // One at a time, so that each bar shows real bandwidth and the first file is done soonest.
    await send(card);
  }
  offerNextSteps();
}

input.addEventListener('change', () => choose(input.files));
form.addEventListener('submit', uploadChosen);
clearButton.addEventListener('click', () => { chosen = []; renderChosen(); });

['dragenter', 'dragover'].forEach((type) => dropZone.addEventListener(type, (event) => {
  event.preventDefault();
  dropZone.classList.add('dragover');
}));
['dragleave', 'drop'].forEach((type) => dropZone.addEventListener(type, () => dropZone.classList.remove('dragover')));
dropZone.addEventListener('drop', (event) => {
  event.preventDefault();
  choose(event.dataTransfer.files);
});
// A file dropped next to the zone would otherwise replace the page with the file.
['dragover', 'drop'].forEach((type) => document.addEventListener(type, (event) => event.preventDefault()));
