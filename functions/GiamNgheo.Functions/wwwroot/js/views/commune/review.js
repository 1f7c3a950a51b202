// "Các bước rà soát": the commune's annual review (docs/review.md): each step done or not with its facts, what comes
// next and by when, the lock; and the forms to record the steps a commune officer may record.
import { h, fmt, table, problemBlock, toast } from '../../dom.js';
import { getJson, sendJson, ApiError } from '../../api.js';
import { heading } from './common.js';

// The steps a commune officer records itself (docs/access.md): the decision and the reopening are the province's.
const forms = {
  'danh-sach': { fields: [], hint: 'Xác nhận đã lập xong danh sách hộ cần rà soát.' },
  'hop-dan': { fields: [
    { name: 'thon', label: 'Thôn', type: 'text' },
    { name: 'ngay', label: 'Ngày họp', type: 'date' },
    { name: 'thamDu', label: 'Số người tham dự', type: 'number' },
    { name: 'dongY', label: 'Số người đồng ý', type: 'number' },
  ], hint: 'Ghi một cuộc họp dân của một thôn; thôn đạt khi ít nhất 50 % người tham dự đồng ý.' },
  'niem-yet': { fields: [
    { name: 'batDau', label: 'Ngày bắt đầu niêm yết', type: 'date' },
    { name: 'soNgayLamViec', label: 'Số ngày làm việc niêm yết', type: 'number', optional: true },
  ], hint: 'Ngày kết thúc được tính theo ngày làm việc của cơ quan nhà nước.' },
  'phuc-tra': { fields: [
    { name: 'soDon', label: 'Số đơn khiếu nại', type: 'number' },
    { name: 'ngay', label: 'Ngày phúc tra', type: 'date' },
    { name: 'ketQua', label: 'Kết quả phúc tra', type: 'text' },
  ], hint: 'Ghi 0 đơn nếu không có khiếu nại. Hộ thay đổi sau phúc tra: tải lên lại tệp khảo sát đã sửa.' },
};

function statusBadge(step) {
  if (step.done && step.late) return [h('span', { class: 'badge ok' }, 'Đã xong'), ' ', h('span', { class: 'badge warn' }, 'Sau hạn')];
  if (step.done) return h('span', { class: 'badge ok' }, 'Đã xong');
  if (step.late) return h('span', { class: 'badge bad' }, 'Quá hạn');
  return h('span', { class: 'badge warn' }, step.optional ? 'Không bắt buộc' : 'Chưa xong');
}

/** The facts of a step in a few words or a small table. */
function factsOf(step) {
  const f = step.facts;
  if (!f) return null;
  switch (step.step) {
    case 'khao-sat':
      return h('p', {}, f.receivedAt ? `Tệp được chấm điểm đầu tiên nhận lúc ${fmt.dateTime(f.receivedAt)}.` : '',
        f.pendingUploads ? ` ${f.pendingUploads} tệp đang chờ chấm điểm.` : '');
    case 'hop-dan':
      return [
        table([
          { title: 'Thôn', value: m => m.thon },
          { title: 'Ngày họp', value: m => fmt.date(m.ngay) },
          { title: 'Tham dự', value: m => fmt.number(m.thamDu), num: true },
          { title: 'Đồng ý', value: m => fmt.number(m.dongY), num: true },
          { title: 'Tỷ lệ đồng ý', value: m => fmt.percent(m.tyLeDongY), num: true },
          { title: 'Kết quả', value: m => (m.dat ? 'Đạt' : 'Chưa đạt') },
        ], (f.villages ?? []).map(v => v.latest ?? v.meetings?.at(-1)).filter(Boolean), { caption: 'Cuộc họp dân gần nhất của từng thôn' }),
        f.villagesOpen?.length ? h('p', {}, `Thôn chưa đạt: ${f.villagesOpen.join(', ')}.`) : null,
      ];
    case 'niem-yet':
      return h('p', {}, `Niêm yết từ ${fmt.date(f.batDau)} đến hết ${fmt.date(f.ketThuc)} (${f.soNgayLamViec} ngày làm việc).`);
    case 'phuc-tra':
      return h('ul', {}, (f.items ?? []).map(i => h('li', {}, `${fmt.date(i.ngay)}: ${fmt.number(i.soDon)} đơn${i.ketQua ? ' – ' + i.ketQua : ''}`)));
    case 'quyet-dinh':
      return f.current ? h('p', {}, `Quyết định số ${f.current.so} ngày ${fmt.date(f.current.ngay)}.`) : null;
    case 'danh-sach':
      return f.at ? h('p', {}, `Ghi nhận lúc ${fmt.dateTime(f.at)}.`) : null;
    default:
      return null;
  }
}

function stepForm(step, params, onDone) {
  const spec = forms[step.step];
  const message = h('div', { role: 'status', 'aria-live': 'polite' });
  const inputs = spec.fields.map(field => {
    const id = `buoc-${step.step}-${field.name}`;
    const input = h('input', { id, name: field.name, type: field.type, required: !field.optional, min: field.type === 'number' ? 0 : null, inputmode: field.type === 'number' ? 'numeric' : null });
    return { field, input, label: h('label', { for: id }, field.label, input) };
  });
  const button = h('button', { type: 'submit' }, 'Ghi nhận');
  const form = h('form', { class: 'step-form' }, h('p', { class: 'muted' }, spec.hint), inputs.map(i => i.label), h('div', {}, button), message);
  form.addEventListener('submit', async event => {
    event.preventDefault();
    const body = {};
    for (const { field, input } of inputs) {
      if (input.value === '') continue;
      body[field.name] = field.type === 'number' ? Number(input.value) : input.value;
    }
    button.disabled = true;
    try {
      const answer = await sendJson(`/api/reviews/${encodeURIComponent(params.year)}/${encodeURIComponent(params.commune)}/steps/${step.step}`, body);
      toast(answer?.message ?? 'Đã ghi nhận.');
      onDone();
    } catch (error) {
      const errors = error.problem?.errors ?? [];
      message.replaceChildren(problemBlock(error), errors.length ? h('ul', {}, errors.map(e => h('li', {}, e.message))) : '');
    } finally {
      button.disabled = false;
    }
  });
  return h('details', { class: 'no-print' }, h('summary', {}, `Ghi nhận: ${step.label}`), form);
}

export default async function reviewScreen(main, params) {
  main.append(...heading('Các bước rà soát', params));
  const body = h('div', {});
  main.append(body);
  async function load() {
    let review;
    try {
      review = await getJson(`/api/reviews/${encodeURIComponent(params.year)}/${encodeURIComponent(params.commune)}`);
    } catch (error) {
      if (error instanceof ApiError && error.code === 'chua-bat-dau-ra-soat') {
        body.replaceChildren(h('p', { class: 'alert' }, `Tỉnh chưa bắt đầu đợt rà soát năm ${params.year}. Các bước của xã sẽ hiện ở đây khi tỉnh bắt đầu.`));
        return;
      }
      throw error;
    }
    const nextStep = review.next && review.steps.find(s => s.step === review.next.step);
    body.replaceChildren(h('div', {},
      h('section', { class: 'card', 'aria-labelledby': 'tinh-trang' },
        h('h2', { id: 'tinh-trang' }, review.communeName ? `Xã ${review.communeName}` : 'Tình trạng'),
        review.locked
          ? h('p', {}, h('span', { class: 'badge ok' }, 'Đã khóa số liệu'), review.decision ? ` Quyết định số ${review.decision.so} ngày ${fmt.date(review.decision.ngay)}. Không nhận thêm tệp khảo sát cho đến khi tỉnh mở lại.` : '')
          : h('p', {}, h('span', { class: 'badge warn' }, 'Chưa khóa số liệu'), ' Xã còn tải lên và sửa được danh sách.'),
        review.next
          ? h('p', {}, h('strong', {}, 'Việc tiếp theo: '), review.next.label,
            nextStep?.due ? ` – hạn ${fmt.date(nextStep.due)}.` : '.')
          : h('p', {}, 'Đã hoàn thành các bước rà soát.')),
      h('h2', {}, 'Các bước'),
      h('ol', { class: 'steps' }, review.steps.map(step => h('li', { class: step.done ? 'done' : step.late ? 'late' : '' },
        h('h3', {}, step.label, ' ', statusBadge(step)),
        h('p', { class: 'muted' },
          step.done && step.date ? `Ngày thực hiện: ${fmt.date(step.date)}. ` : '',
          step.due ? `Hạn: ${fmt.date(step.due)}.` : ''),
        factsOf(step),
        forms[step.step] && !review.locked && !(step.done && step.step === 'danh-sach') ? stepForm(step, params, load) : null))),
      review.reopenings?.length ? [h('h2', {}, 'Các lần mở lại'), h('ul', {}, review.reopenings.map(r => h('li', {}, `${fmt.dateTime(r.at)}: ${r.lyDo}`)))] : null));
  }
  await load();
}
