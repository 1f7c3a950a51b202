// The Vietnamese words for the codes a plan, its reports and its reminders answer (shared by the province's and the
// agency's screens).
import { h } from '../../dom.js';

export const planStatusNames = { nhap: 'Bản nháp', 'da-cong-bo': 'Đã công bố' };

const reportStatuses = {
  'chua-nop': ['Chưa nộp', 'warn'],
  'dung-han': ['Đúng hạn', 'ok'],
  'tre-han': ['Trễ hạn', 'bad'],
};

/** A report's status as a badge whose words carry the meaning (the colour only repeats it). */
export function reportStatus(code) {
  const [text, tone] = reportStatuses[code] ?? [code, ''];
  return h('span', { class: `badge ${tone}` }, text);
}

export const reminderKindNames = {
  'nhac-truoc': 'Nhắc trước hạn',
  'den-han': 'Đến hạn',
  'qua-han': 'Quá hạn',
  'tong-hop-tre-han': 'Tổng hợp đơn vị trễ hạn',
};

export const reminderStatusNames = {
  'cho-gui': 'Chờ gửi',
  'dang-gui': 'Đang gửi',
  'da-gui': 'Đã gửi',
  'loi-tam-thoi': 'Lỗi tạm thời, sẽ gửi lại',
  'that-bai': 'Gửi thất bại',
};
