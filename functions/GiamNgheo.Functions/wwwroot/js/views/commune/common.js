// What the commune screens share: the row-error table and its CSV, the indicator names, the screen's heading.
import { h, table } from '../../dom.js';
import { saveBlob } from '../../api.js';

/** Vietnamese names of the deprivation indicators (shared/GiamNgheo.Rules/Standards/Data/indicators.json); the API
 *  answers their keys. An unknown key is shown as it is rather than hidden. */
export const indicatorNames = {
  viec_lam: 'Việc làm',
  nguoi_phu_thuoc: 'Người phụ thuộc trong hộ gia đình',
  dinh_duong: 'Dinh dưỡng',
  bhyt: 'Bảo hiểm y tế',
  giao_duc_nguoi_lon: 'Trình độ giáo dục của người lớn',
  tre_em_di_hoc: 'Tình trạng đi học của trẻ em',
  chat_luong_nha_o: 'Chất lượng nhà ở',
  dien_tich_nha_o: 'Diện tích nhà ở bình quân đầu người',
  nuoc_sinh_hoat: 'Nguồn nước sinh hoạt',
  nha_tieu: 'Nhà tiêu hợp vệ sinh',
  vien_thong: 'Sử dụng dịch vụ viễn thông',
  tiep_can_thong_tin: 'Phương tiện phục vụ tiếp cận thông tin',
  xu_ly_rac_thai: 'Xử lý rác thải sinh hoạt',
};
export const indicatorName = key => indicatorNames[key] ?? key;

/** The heading every commune screen starts with, and the line under it naming the commune and year. */
export function heading(title, params) {
  return [h('h1', {}, title), h('p', { class: 'muted' }, `Xã ${params.commune} · năm ${params.year}`)];
}

const place = i => (i.column && i.key ? `${i.column} (${i.key})` : i.column ?? i.key ?? '');

/** The row errors or warnings as a table: sheet, row, column, message. */
export function issueTable(issues, caption) {
  return table([
    { title: 'Sheet', value: i => i.sheet ?? '–' },
    { title: 'Dòng', value: i => i.row ?? '–', num: true },
    { title: 'Cột', value: i => place(i) || '–' },
    { title: 'Nội dung', value: i => i.message },
  ], issues, { caption, className: 'issues' });
}

const csvCell = v => {
  const text = v === null || v === undefined ? '' : String(v);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
};

/** The errors then the warnings as CSV, UTF-8 with a byte-order mark so Excel shows Vietnamese letters, comma-separated
 *  like every CSV the project writes (docs/survey-format.md). */
export function issuesCsv(errors, warnings = []) {
  const rows = [['Loại', 'Sheet', 'Dòng', 'Cột', 'Mã cột', 'Nội dung'],
    ...errors.map(i => ['Lỗi', i.sheet, i.row, i.column, i.key, i.message]),
    ...warnings.map(i => ['Cảnh báo', i.sheet, i.row, i.column, i.key, i.message])];
  return '\uFEFF' + rows.map(r => r.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

/** "khao-sat-00166.xlsx" → "khao-sat-00166-loi.csv": the list is named after the file it is about. */
export function errorFileName(fileName) {
  const base = (fileName || 'khao-sat').replace(/\.[^.]+$/, '');
  return `${base}-loi.csv`;
}

/** The errors and warnings of a refused upload or a rejected submission, with the button that downloads them. */
export function issuesBlock({ errors = [], warnings = [], fileName, omitted, errorCount, warningCount }) {
  const nErrors = errorCount ?? errors.length;
  const nWarnings = warningCount ?? warnings.length;
  const block = h('section', { class: 'card', 'aria-labelledby': 'loi-tieu-de' },
    h('h2', { id: 'loi-tieu-de' }, nErrors ? 'Danh sách lỗi cần sửa' : 'Cảnh báo cần xem lại'),
    h('p', {}, nErrors ? `${nErrors} lỗi` : '', nErrors && nWarnings ? ', ' : '', nWarnings ? `${nWarnings} cảnh báo` : '',
      nErrors ? '. Sửa từng dòng trong tệp rồi tải lên lại.' : '. Tệp vẫn được chấm điểm; hãy kiểm tra lại các dòng này.'),
    omitted ? h('p', { class: 'muted' }, omitted) : null,
    h('button', { type: 'button', class: 'secondary no-print', onclick: () =>
      saveBlob(new Blob([issuesCsv(errors, warnings)], { type: 'text/csv;charset=utf-8' }), errorFileName(fileName)) }, 'Tải danh sách lỗi (CSV)'),
    errors.length ? issueTable(errors, 'Lỗi (tệp chưa được tính)') : null);
  if (warnings.length) block.append(nErrors ? h('h3', {}, 'Cảnh báo') : '', issueTable(warnings, 'Cảnh báo (không chặn việc chấm điểm)'));
  return block;
}
