// Shared by every page: JSON calls, Indian number formats, the names of the outcomes, and safe
// DOM building. Data is only ever put into the page as text nodes or attribute values, never parsed
// as HTML: order ids, file names and descriptions come from uploaded files.

/** SPEC §5: the categories in the order their rules are tried; an order gets the first that holds. */
export const CATEGORIES = [
  { name: 'Removal Order IDs', tone: 'slate', rule: 'the order id is exactly 10 characters long' },
  { name: 'Return', tone: 'violet', rule: 'the MTR has a return (refund or free replacement) for it' },
  { name: 'Negative Payout', tone: 'red', rule: 'its payments add up to less than 0' },
  { name: 'Order & Payment Received', tone: 'green', rule: 'invoice and payment both present' },
  { name: 'Order Not Applicable but Payment Received', tone: 'teal', rule: 'payment present, no shipment invoice' },
  { name: 'Payment Pending', tone: 'amber', rule: 'shipment invoiced, no payment yet' },
  { name: 'Unclassified', tone: 'gray', rule: 'none of the above (only other MTR line types)' },
];

export const TOLERANCES = [
  { name: 'Within Tolerance', tone: 'green', rule: 'Paid more than the minimum payout percent of its band' },
  { name: 'Tolerance Breached', tone: 'orange', rule: 'Paid at or below the minimum payout percent of its band' },
  { name: 'Not Applicable', tone: 'gray', rule: 'Checked only for orders with invoice and payment' },
];

export const FINAL_STATUSES = new Set(['RECONCILED', 'REJECTED', 'FAILED', 'RETRACTED']);

const STATUS_TONES = {
  SENDING: 'accent', RECEIVED: 'accent', PUBLISHED: 'amber', RECONCILED: 'green', REJECTED: 'red', FAILED: 'red',
  RETRACTING: 'violet', RETRACTED: 'gray',
};

/** The CSS colour of a tone, for charts, read from the stylesheet so that it is defined once. */
export function toneColour(tone) {
  return getComputedStyle(document.documentElement).getPropertyValue(`--${tone}-fill`).trim();
}

export function categoryTone(name) {
  return CATEGORIES.find((c) => c.name === name)?.tone ?? 'gray';
}

export function toleranceTone(name) {
  return TOLERANCES.find((t) => t.name === name)?.tone ?? 'gray';
}

// ---- Numbers ----

const inrFormat = new Intl.NumberFormat('en-IN', {
  style: 'currency', currency: 'INR', minimumFractionDigits: 2, maximumFractionDigits: 2, roundingMode: 'halfEven',
});
const inrCompactFormat = new Intl.NumberFormat('en-IN', {
  style: 'currency', currency: 'INR', notation: 'compact', maximumFractionDigits: 1,
});
const countFormat = new Intl.NumberFormat('en-IN');
const percentFormat = new Intl.NumberFormat('en-IN', {
  minimumFractionDigits: 2, maximumFractionDigits: 2, roundingMode: 'halfEven',
});
const plainFormat = new Intl.NumberFormat('en-IN', { maximumFractionDigits: 2 });

function absent(value) {
  return value === null || value === undefined || value === '';
}

/** ₹1,23,456.78. Amounts arrive as JSON numbers or decimal strings; strings are formatted exactly. */
export function inr(value) {
  return absent(value) ? '—' : inrFormat.format(String(value));
}

/** The exact sum of decimal texts such as "-12.50": money never goes through floating point. */
export function sumDecimals(values) {
  const texts = values.map(String);
  const scale = Math.max(0, ...texts.map((text) => (text.split('.')[1] ?? '').length));
  const total = texts.reduce((sum, text) => {
    const [whole, fraction = ''] = text.replace(/^[-+]/, '').split('.');
    const units = BigInt(whole + fraction.padEnd(scale, '0'));
    return text.startsWith('-') ? sum - units : sum + units;
  }, 0n);
  const digits = (total < 0n ? -total : total).toString().padStart(scale + 1, '0');
  const plainText = scale === 0 ? digits : `${digits.slice(0, -scale)}.${digits.slice(-scale)}`;
  return (total < 0n ? '-' : '') + plainText;
}

/** ₹1.2L, for chart axes. */
export function inrCompact(value) {
  return absent(value) ? '' : inrCompactFormat.format(Number(value));
}

/** 1,23,456 */
export function count(value) {
  return absent(value) ? '—' : countFormat.format(value);
}

/** 47.50 % */
export function percent(value) {
  return absent(value) ? '—' : `${percentFormat.format(String(value))} %`;
}

/** 50, 37.5, 1,500: a limit as people write it. */
export function plain(value) {
  return absent(value) ? '—' : plainFormat.format(String(value));
}

export function bytes(value) {
  if (absent(value)) return '—';
  const units = ['bytes', 'KB', 'MB', 'GB'];
  let size = Number(value);
  let unit = 0;
  while (size >= 1024 && unit < units.length - 1) {
    size /= 1024;
    unit += 1;
  }
  return unit === 0 ? `${size} bytes` : `${size.toFixed(1)} ${units[unit]}`;
}

export function duration(millis) {
  if (absent(millis)) return '—';
  const seconds = millis / 1000;
  if (seconds < 60) return `${seconds.toFixed(seconds < 10 ? 1 : 0)} s`;
  const minutes = Math.floor(seconds / 60);
  return `${minutes} min ${Math.round(seconds % 60)} s`;
}

const dateTimeFormat = new Intl.DateTimeFormat('en-IN', { dateStyle: 'medium', timeStyle: 'medium' });
const dateFormat = new Intl.DateTimeFormat('en-IN', { dateStyle: 'medium' });

export function dateTime(iso) {
  if (absent(iso)) return '—';
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? String(iso) : dateTimeFormat.format(date);
}

/** A report's date as stored: ISO when it was readable (shown in Indian style), else its own text. */
export function reportDate(text) {
  if (absent(text)) return '—';
  if (/^\d{4}-\d{2}-\d{2}$/.test(text)) return dateFormat.format(new Date(`${text}T00:00:00`));
  if (/^\d{4}-\d{2}-\d{2}T/.test(text)) return dateTime(text);
  return String(text);
}

// ---- DOM ----

/**
 * Builds an element. Children that are not nodes become text nodes, so data can never turn into
 * markup. Props: class, dataset, on<event> handlers, and plain attributes (null/false left out).
 */
export function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (value === null || value === undefined || value === false) continue;
    if (key === 'class') node.className = value;
    else if (key === 'dataset') Object.assign(node.dataset, value);
    else if (key.startsWith('on') && typeof value === 'function') node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, value === true ? '' : String(value));
  }
  append(node, children);
  return node;
}

function append(node, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : String(child));
  }
}

/** Replaces an element's content. */
export function fill(node, ...children) {
  node.replaceChildren();
  append(node, children);
  return node;
}

export function badge(text, tone, props = {}) {
  return el('span', { ...props, class: `badge tone-${tone}` }, text);
}

export function statusTone(status) {
  return STATUS_TONES[status] ?? 'gray';
}

export function statusBadge(status, props = {}) {
  return badge(status, statusTone(status), { ...props, dataset: { status, ...(props.dataset ?? {}) } });
}

export function categoryBadge(name, props = {}) {
  return badge(name, categoryTone(name), props);
}

export function toleranceBadge(name, props = {}) {
  return badge(name, toleranceTone(name), props);
}

export function orderLink(orderId) {
  return el('a', { href: orderPath(orderId), class: 'mono' }, orderId);
}

export function orderPath(orderId) {
  return `/orders/${encodeURIComponent(orderId)}`;
}

export function ordersPath(filter) {
  const query = new URLSearchParams(Object.entries(filter).filter(([, v]) => !absent(v)));
  const text = query.toString();
  return text ? `/orders?${text}` : '/orders';
}

export function alertBox(tone, title, ...details) {
  return el('div', { class: `alert tone-${tone}`, role: tone === 'red' ? 'alert' : 'status' },
    el('strong', {}, title), details.filter((d) => !absent(d)).map((d) => (d instanceof Node ? d : el('p', {}, d))));
}

/** Shows a failed call in place of the content it should have filled. */
export function showError(node, error, what) {
  fill(node, alertBox('red', `Could not load ${what}`, describeError(error)));
}

export function describeError(error) {
  if (error instanceof TypeError) {
    return 'The gateway cannot be reached. Check that it is running, then reload the page.';
  }
  return error?.message ?? String(error);
}

// ---- HTTP ----

/** GETs JSON; a refusal becomes an Error with the server's own explanation. */
export async function getJson(url) {
  const response = await fetch(url, { headers: { Accept: 'application/json' } });
  const body = await response.json().catch(() => null);
  if (!response.ok) {
    const error = new Error(explain(response, body));
    error.status = response.status;
    throw error;
  }
  return body;
}

const TOKEN_KEY = 'recon-api-token';

/**
 * Sends an admin call (a retraction, say) with the API token; on 401 asks the person for it once,
 * keeps it for this tab, and tries again. A refusal becomes an Error with the server's explanation.
 */
export async function adminCall(url, method) {
  // Without the browser's own credentials: a 401 then comes back here instead of opening the
  // browser's login dialog, and the page asks for the token in words.
  const send = (token) => fetch(url, {
    method,
    credentials: 'omit',
    headers: { Accept: 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
  });
  let response = await send(sessionStorage.getItem(TOKEN_KEY));
  if (response.status === 401) {
    const token = window.prompt('This needs the API token (RECON_API_TOKEN; a local stack keeps it in its data dir, file api-token):');
    if (!token) throw new Error('Not done: the API token is needed.');
    response = await send(token.trim());
    if (response.ok) sessionStorage.setItem(TOKEN_KEY, token.trim());
  }
  const body = await response.json().catch(() => null);
  if (!response.ok) {
    const error = new Error(explain(response, body));
    error.status = response.status;
    throw error;
  }
  return body;
}

export function explain(response, body) {
  if (body?.error || body?.detail) return body.error || body.detail;
  if (response.status === 503) return 'The results store is not reachable yet; try again in a moment.';
  return `The gateway answered ${response.status} ${response.statusText || ''}`.trim();
}

/** Rejected row reason codes (SPEC §3) in words. */
export const ROW_REASONS = {
  MISSING_ORDER_ID: 'No order id in this MTR row',
  MISSING_AMOUNT: 'The amount is empty',
  BAD_AMOUNT: 'The amount is not a number',
  MISSING_TYPE: 'The transaction type is empty',
};

const FILE_PROBLEMS = {
  UNSUPPORTED_FORMAT: 'This is not a report file that can be read',
  UNSUPPORTED_ENCODING: 'The text encoding of this file is not supported',
  NO_HEADER: 'The header row of the report was not found',
  AMBIGUOUS_KIND: 'It is unclear whether this is an MTR or a Payment report',
  UNCLOSED_QUOTE: 'A quoted value in the file never ends',
  TOO_MANY_COLUMNS: 'A row has too many columns',
  CELL_TOO_LONG: 'A cell is far too long',
  ZIP_NOT_ONE_FILE: 'The ZIP must hold exactly one report',
  NESTED_ZIP: 'The ZIP holds another ZIP',
  ENCRYPTED_ZIP: 'The ZIP is protected by a password',
  CORRUPT_ZIP: 'The ZIP is damaged',
  ZIP_BOMB: 'The file expands far beyond its size',
  CORRUPT_WORKBOOK: 'The workbook is damaged',
  ENCRYPTED_WORKBOOK: 'The workbook is protected by a password',
  UNSAFE_WORKBOOK: 'The workbook contains something unsafe',
};

/**
 * A refused file's error ("FILE_NO_HEADER: report.csv: ...") as a headline and the gateway's
 * explanation, without the file name that the page shows already.
 */
export function fileProblem(error, fileName) {
  const match = /^FILE_([A-Z_]+):\s*(.*)$/s.exec(error ?? '');
  if (!match) return { title: 'The file was not accepted', detail: error || 'No reason was given.' };
  let detail = match[2];
  if (fileName && detail.startsWith(`${fileName}: `)) detail = detail.slice(fileName.length + 2);
  detail = detail.replace(/missing: (.*)$/, (all, columns) => `missing columns: ${columns}`);
  return { title: FILE_PROBLEMS[match[1]] ?? 'The file was not accepted', detail: sentence(detail) };
}

function sentence(text) {
  return text ? text.charAt(0).toUpperCase() + text.slice(1) + (/[.!?]$/.test(text) ? '' : '.') : text;
}

/** Query parameters of this page's URL as an object. */
export function queryParams() {
  return Object.fromEntries(new URLSearchParams(window.location.search));
}

/** Chart.js, loaded as a classic script before the page's module; off when motion is unwelcome. */
export function chartLibrary() {
  const { Chart } = window;
  if (Chart && window.matchMedia('(prefers-reduced-motion: reduce)').matches) {
    Chart.defaults.animation = false;
  }
  if (Chart) {
    Chart.defaults.font.family = getComputedStyle(document.body).fontFamily;
    Chart.defaults.color = '#596275';
  }
  return Chart;
}

/** The net amounts a tolerance band covers, e.g. "300 < net ≤ 500"; bands come from /api/tolerance-bands. */
export function bandRange(bands, index) {
  const upTo = bands[index].netUpTo;
  const above = index > 0 ? bands[index - 1].netUpTo : null;
  if (upTo === null) return above === null ? 'any net' : `net > ${plain(above)}`;
  return above === null ? `net ≤ ${plain(upTo)}` : `${plain(above)} < net ≤ ${plain(upTo)}`;
}

// Browsers open at most six connections to one server over HTTP/1.1, and each progress stream
// holds one until its upload is done: a few streams at a time leave room for the page's own calls.
const MAX_STREAMS = 4;
let openStreams = 0;
const waitingStreams = [];

/**
 * Follows an upload's progress stream (Server-Sent Events), calling onUpdate with the upload's JSON
 * at each change, until a final status; onLost when the stream cannot go on.
 */
export function followUpload(uploadId, onUpdate, onLost = () => {}) {
  const start = () => {
    openStreams += 1;
    const source = new EventSource(`/api/uploads/${encodeURIComponent(uploadId)}/progress`);
    let closed = false;
    const close = () => {
      if (closed) return;
      closed = true;
      // Closed here, or the browser would reconnect when the server ends the stream.
      source.close();
      openStreams -= 1;
      waitingStreams.shift()?.();
    };
    source.addEventListener('message', (event) => {
      const upload = JSON.parse(event.data);
      onUpdate(upload);
      if (FINAL_STATUSES.has(upload.status)) close();
    });
    source.addEventListener('error', () => {
      if (source.readyState === EventSource.CLOSED) {
        close();
        onLost();
      }
    });
  };
  if (openStreams < MAX_STREAMS) start();
  else waitingStreams.push(start);
}
