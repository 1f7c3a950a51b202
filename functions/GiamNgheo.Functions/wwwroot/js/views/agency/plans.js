// The agency's screens: the plans it reports under (the API lists only those: its email names it as a reporter), each
// period's deadline and its own status, the reminders it received, and the report upload (dung-han / tre-han).
import { h, fmt, table, problemBlock, toast } from '../../dom.js';
import { getJson, upload } from '../../api.js';
import { session } from '../../session.js';
import { reportStatus, reminderKindNames, reminderStatusNames } from '../province/plan-words.js';

/** The plans the agency reports under (routes.js registers the screens). */
export async function listView(main, params) {
  main.append(h('h1', {}, `Kế hoạch báo cáo năm ${params.year}`));
  const { plans } = await getJson(`/api/plans?year=${params.year}`);
  main.append(
    h('p', {}, 'Các kế hoạch có cơ quan của bạn là đơn vị báo cáo. Chọn một kế hoạch để xem hạn nộp, lời nhắc và nộp báo cáo.'),
    table([
      { title: 'Kế hoạch', value: p => h('a', { href: `#/co-quan/${params.year}/ke-hoach/${encodeURIComponent(p.id)}` }, p.title) },
      { title: 'Mã đơn vị chủ trì', value: p => p.unitCode },
      { title: 'Cập nhật', value: p => fmt.dateTime(p.updatedAt) },
    ], plans, { caption: `Kế hoạch báo cáo năm ${params.year}`, empty: 'Chưa có kế hoạch nào giao cơ quan bạn báo cáo trong năm này.' }));
}

function uploadForm(plan, period, reporter, onDone) {
  const id = `tep-${period.periodId}-${reporter.id}`.replace(/[^a-zA-Z0-9_-]/g, '-');
  const input = h('input', { type: 'file', id, name: 'file', required: true });
  const bar = h('progress', { max: 1, value: 0, hidden: true, 'aria-label': 'Tiến độ tải lên' });
  const result = h('div', { role: 'status', 'aria-live': 'polite' });
  const form = h('form', { class: 'upload no-print', onsubmit: async e => {
    e.preventDefault();
    const file = input.files[0];
    if (!file) { result.replaceChildren(h('p', { class: 'alert' }, 'Hãy chọn tệp báo cáo trước.')); return; }
    const button = form.querySelector('button');
    button.disabled = true;
    bar.hidden = false;
    result.replaceChildren('Đang tải lên…');
    try {
      const answer = await upload(`/api/plans/${encodeURIComponent(plan.id)}/periods/${encodeURIComponent(period.periodId)}/reports/${encodeURIComponent(reporter.id)}`,
        file, p => { bar.value = p; });
      result.replaceChildren(h('p', {}, 'Đã nhận báo cáo lúc ', fmt.dateTime(answer.body.submittedAt), ': ', reportStatus(answer.body.status), '.'));
      toast('Đã nộp báo cáo.');
      onDone();
    } catch (error) {
      result.replaceChildren(problemBlock(error));
    } finally {
      button.disabled = false;
      bar.hidden = true;
    }
  } },
  h('label', { for: id }, `Tệp báo cáo – ${period.label}`, input),
  h('button', { type: 'submit' }, 'Nộp báo cáo'),
  bar, result);
  return form;
}

const periodPath = (plan, periodId) => `/api/plans/${encodeURIComponent(plan.id)}/periods/${encodeURIComponent(periodId)}`;

function deadlines(periods, mine) {
  const stateOf = (p, m) => p.reporters.find(r => r.id === m.id);
  return table([
    { title: 'Kỳ báo cáo', value: p => p.label },
    { title: 'Hạn nộp', value: p => fmt.date(p.due) },
    { title: 'Trạng thái', value: p => mine.map(m => stateOf(p, m)).filter(Boolean).map(r => reportStatus(r.status)) },
    { title: 'Nộp lúc', value: p => mine.map(m => fmt.dateTime(stateOf(p, m)?.submittedAt)).join(', ') },
  ], periods, { caption: 'Hạn nộp và tình trạng của cơ quan' });
}

function reporterState(reporter, state) {
  return h('p', {}, `${reporter.name}: `, reportStatus(state.status), state.submittedAt ? ` (nộp lúc ${fmt.dateTime(state.submittedAt)})` : '',
    state.expected ? '' : ' · không phải báo cáo kỳ này');
}

/** One plan: deadlines, own status, reminders received, report upload. */
export async function planView(main, params, query, isStale) {
  const user = session.user();
  const plan = await getJson(`/api/plans/${encodeURIComponent(params.plan)}`);
  const email = (user?.email ?? '').toLowerCase();
  const mine = (plan.reporters ?? []).filter(r => r.email && r.email.toLowerCase() === email);
  main.append(
    h('h1', {}, plan.title),
    h('p', { class: 'no-print' }, h('a', { href: `#/co-quan/${params.year}/ke-hoach` }, '← Các kế hoạch')),
    h('p', {}, `Đơn vị chủ trì: ${plan.supervisor?.name ?? plan.unitCode}. Cơ quan báo cáo: ${mine.map(r => r.name).join(', ') || '–'}.`));
  if (!mine.length) {
    main.append(h('p', { class: 'alert' }, `Kế hoạch không có đơn vị báo cáo nào mang địa chỉ thư ${user?.email ?? '(không có)'}.`));
    return;
  }
  const periods = await Promise.all(plan.periods.map(p => getJson(periodPath(plan, p.id))));
  let overview = deadlines(periods, mine);
  main.append(overview);
  periods.forEach((period, index) => {
    const section = h('section', { class: 'card', 'aria-labelledby': `ky-${period.periodId}` },
      h('h2', { id: `ky-${period.periodId}` }, `${period.label} – hạn ${fmt.date(period.due)}`));
    for (const reporter of mine) {
      const state = period.reporters.find(r => r.id === reporter.id);
      if (!state) continue;
      let line = reporterState(reporter, state);
      // After an upload only the figures change: the form keeps its answer and the page does not jump to the top.
      const refresh = async () => {
        const fresh = await getJson(periodPath(plan, period.periodId));
        if (isStale()) return;
        periods[index] = fresh;
        const next = deadlines(periods, mine);
        overview.replaceWith(next);
        overview = next;
        const replaced = reporterState(reporter, fresh.reporters.find(r => r.id === reporter.id));
        line.replaceWith(replaced);
        line = replaced;
      };
      section.append(
        line,
        table([
          { title: 'Loại nhắc', value: m => reminderKindNames[m.kind] ?? m.kind ?? '–' },
          { title: 'Gửi đến', value: m => m.recipient },
          { title: 'Trạng thái', value: m => reminderStatusNames[m.status] ?? m.status },
          { title: 'Hẹn gửi', value: m => fmt.dateTime(m.dueAt) },
          { title: 'Đã gửi lúc', value: m => fmt.dateTime(m.sentAt) },
        ], state.reminders, { caption: `Lời nhắc đã nhận – ${period.label}`, empty: 'Chưa nhận lời nhắc nào cho kỳ này.', className: 'wide' }),
        uploadForm(plan, period, reporter, () => refresh().catch(e => section.append(problemBlock(e)))));
    }
    main.append(section);
  });
}

