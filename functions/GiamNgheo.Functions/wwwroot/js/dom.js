// Small helpers to build the page without a framework: h() makes elements, the formatters speak Vietnamese.

/** h('p', { class: 'x', onclick: f }, 'text', child…): attributes starting with "on" become listeners. */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs ?? {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k.startsWith('on') && typeof v === 'function') el.addEventListener(k.slice(2), v);
    else if (k === 'class') el.className = v;
    else if (k === 'dataset') Object.assign(el.dataset, v);
    else if (v === true) el.setAttribute(k, '');
    else el.setAttribute(k, String(v));
  }
  for (const c of children.flat(Infinity)) {
    if (c === null || c === undefined || c === false) continue;
    el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return el;
}

const numberFormat = new Intl.NumberFormat('vi-VN');
const percentFormat = new Intl.NumberFormat('vi-VN', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const dateFormat = new Intl.DateTimeFormat('vi-VN', { day: '2-digit', month: '2-digit', year: 'numeric', timeZone: 'Asia/Ho_Chi_Minh' });
const dateTimeFormat = new Intl.DateTimeFormat('vi-VN', { day: '2-digit', month: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit', timeZone: 'Asia/Ho_Chi_Minh' });

export const fmt = {
  number: n => (n === null || n === undefined ? '–' : numberFormat.format(n)),
  /** A percentage already in % (e.g. 1.64). */
  percent: n => (n === null || n === undefined ? '–' : percentFormat.format(n) + ' %'),
  /** A date 'YYYY-MM-DD' or an instant; shown in Vietnam time. */
  date: d => (!d ? '–' : dateFormat.format(typeof d === 'string' && d.length === 10 ? new Date(d + 'T12:00:00+07:00') : new Date(d))),
  dateTime: d => (!d ? '–' : dateTimeFormat.format(new Date(d))),
};

/** A table: columns [{ title, value: row => text|Node, num: true }]; caption for screen readers and print. */
export function table(columns, rows, { caption, empty = 'Không có dữ liệu.', className = '' } = {}) {
  if (!rows.length) return h('p', { class: 'muted' }, empty);
  // The wrapper scrolls sideways on a phone: keyboard users must be able to focus it (axe scrollable-region-focusable).
  return h('div', { class: 'table-wrap', tabindex: 0, role: 'region', 'aria-label': caption ?? 'Bảng số liệu' },
    h('table', { class: className },
      caption ? h('caption', {}, caption) : null,
      h('thead', {}, h('tr', {}, columns.map(c => h('th', { scope: 'col', class: c.num ? 'num' : null }, c.title)))),
      h('tbody', {}, rows.map(r => h('tr', {}, columns.map(c => h('td', { class: c.num ? 'num' : null }, c.value(r))))))));
}

/** The API's problem as a readable block: title, detail, and its row errors when there are any. */
export function problemBlock(error) {
  return h('div', { class: 'alert', role: 'alert' },
    h('strong', {}, error.problem?.title ?? 'Có lỗi'),
    error.problem?.detail ? h('p', {}, error.problem.detail) : null);
}

/** Shows a short message at the bottom of the screen. */
export function toast(text) {
  const el = document.getElementById('thong-bao');
  el.textContent = text;
  el.classList.add('show');
  clearTimeout(toast.timer);
  toast.timer = setTimeout(() => el.classList.remove('show'), 4000);
}

/** Vietnamese names of the household classes the API answers. */
export const classNames = {
  ngheo: 'Hộ nghèo',
  can_ngheo: 'Hộ cận nghèo',
  muc_song_trung_binh: 'Hộ có mức sống trung bình',
  khong_ngheo: 'Không nghèo',
};

/** Vietnamese names of the role codes tokens carry. */
export const roleNames = {
  'commune-officer': 'Cán bộ xã',
  'province-officer': 'Cán bộ tỉnh',
  analyst: 'Chuyên viên phân tích',
  agency: 'Cơ quan báo cáo',
  admin: 'Quản trị',
};
