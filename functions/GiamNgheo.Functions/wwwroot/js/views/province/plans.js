// "Kế hoạch": the province's reporting plans; per plan its reporting rate, each period's reporters with their status,
// and the reminders sent.
import { h, fmt, table } from '../../dom.js';
import { getJson } from '../../api.js';
import { provinceHeader } from './common.js';
import { planStatusNames, reportStatus, reminderKindNames, reminderStatusNames } from './plan-words.js';

/** The province's plans (routes.js registers the screens). */
export async function listView(main, params) {
  provinceHeader(main, params, 'Kế hoạch báo cáo');
  const { plans } = await getJson(`/api/plans?unitCode=${encodeURIComponent(params.province)}&year=${params.year}`);
  main.append(table([
    { title: 'Kế hoạch', value: p => h('a', { href: `#/tinh/${params.province}/${params.year}/ke-hoach/${encodeURIComponent(p.id)}` }, p.title) },
    { title: 'Mã', value: p => p.id },
    { title: 'Trạng thái', value: p => planStatusNames[p.status] ?? p.status },
    { title: 'Phiên bản', value: p => fmt.number(p.version), num: true },
    { title: 'Cập nhật', value: p => fmt.dateTime(p.updatedAt) },
  ], plans, { caption: `Kế hoạch của tỉnh ${params.province} năm ${params.year}`, empty: 'Tỉnh chưa có kế hoạch báo cáo nào cho năm này.' }));
}

function remindersTable(plan, reminders, caption) {
  const nameOf = id => (id === plan.supervisor?.id ? plan.supervisor.name : plan.reporters?.find(r => r.id === id)?.name ?? id ?? '–');
  const periodOf = id => plan.periods.find(p => p.id === id)?.label ?? id ?? '–';
  return table([
    { title: 'Kỳ', value: m => periodOf(m.periodId) },
    { title: 'Gửi cho', value: m => `${nameOf(m.reporterId)} (${m.recipient})` },
    { title: 'Loại nhắc', value: m => reminderKindNames[m.kind] ?? m.kind ?? '–' },
    { title: 'Kênh', value: m => (m.channel === 'email' ? 'Thư điện tử' : m.channel) },
    { title: 'Trạng thái', value: m => reminderStatusNames[m.status] ?? m.status },
    { title: 'Hẹn gửi', value: m => fmt.dateTime(m.dueAt) },
    { title: 'Đã gửi lúc', value: m => fmt.dateTime(m.sentAt) },
  ], reminders, { caption, empty: 'Chưa có lời nhắc nào.', className: 'wide' });
}

/** One plan: rates, periods, reminders. */
export async function planView(main, params, query, isStale) {
  const plan = await getJson(`/api/plans/${encodeURIComponent(params.plan)}`);
  main.append(
    h('h1', {}, plan.title),
    h('p', {}, h('a', { class: 'no-print', href: `#/tinh/${params.province}/${params.year}/ke-hoach` }, '← Các kế hoạch của tỉnh')),
    h('p', {}, `Mã ${plan.id} · ${planStatusNames[plan.status] ?? plan.status} · phiên bản ${plan.version} · chủ trì: ${plan.supervisor?.name ?? '–'}`));
  const [rates, reminders, periods] = await Promise.all([
    getJson(`/api/plans/${encodeURIComponent(plan.id)}/reporting-rate`),
    getJson(`/api/plans/${encodeURIComponent(plan.id)}/reminders`),
    Promise.all(plan.periods.map(p => getJson(`/api/plans/${encodeURIComponent(plan.id)}/periods/${encodeURIComponent(p.id)}`))),
  ]);
  if (isStale()) return;
  const labelOf = id => plan.periods.find(p => p.id === id)?.label ?? id;
  main.append(
    h('h2', {}, 'Tỷ lệ báo cáo'),
    table([
      { title: 'Kỳ báo cáo', value: r => labelOf(r.periodId) },
      { title: 'Phải báo cáo', value: r => fmt.number(r.expected), num: true },
      { title: 'Đã nộp', value: r => fmt.number(r.submitted), num: true },
      { title: 'Đúng hạn', value: r => fmt.number(r.onTime), num: true },
      { title: 'Tỷ lệ đã nộp', value: r => fmt.percent(r.reportingRate), num: true },
      { title: 'Tỷ lệ đúng hạn', value: r => fmt.percent(r.onTimeRate), num: true },
    ], rates.periods, { caption: 'Tỷ lệ báo cáo theo kỳ', className: 'wide' }),
    ...periods.flatMap(p => [
      h('h2', {}, `${p.label} – hạn ${fmt.date(p.due)}`),
      table([
        { title: 'Đơn vị báo cáo', value: r => r.name },
        { title: 'Phải báo cáo', value: r => (r.expected ? 'Có' : 'Không') },
        { title: 'Trạng thái', value: r => reportStatus(r.status) },
        { title: 'Nộp lúc', value: r => fmt.dateTime(r.submittedAt) },
        { title: 'Số lời nhắc', value: r => fmt.number(r.reminders.length), num: true },
      ], p.reporters, { caption: `Tình trạng báo cáo kỳ ${p.label}`, className: 'wide' }),
    ]),
    h('h2', {}, 'Lời nhắc đã gửi'),
    remindersTable(plan, reminders.reminders, `Tất cả lời nhắc của kế hoạch (${reminders.reminders.length})`));
}
