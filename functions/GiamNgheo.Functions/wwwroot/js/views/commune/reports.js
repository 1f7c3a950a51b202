// "Báo cáo định kỳ": the reporting plans the commune reports under (docs/plans.md), each period with its deadline, the
// commune's status and reminders, and the upload of its report (on time or late is decided by the server's clock).
import { h, fmt, problemBlock, toast } from '../../dom.js';
import { getJson, upload } from '../../api.js';
import { heading } from './common.js';

const statusWords = { 'chua-nop': 'Chưa nộp', 'dung-han': 'Đúng hạn', 'tre-han': 'Trễ hạn' };
const statusClass = { 'chua-nop': 'warn', 'dung-han': 'ok', 'tre-han': 'bad' };
const reminderWords = { 'nhac-truoc': 'nhắc trước hạn', 'den-han': 'nhắc đúng ngày hạn', 'qua-han': 'báo quá hạn', 'tong-hop-tre-han': 'tổng hợp trễ hạn' };

/** Today in Vietnam as YYYY-MM-DD, to compare with a period's due day. */
const todayInVietnam = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh' }).format(new Date());

function statusText(status, due) {
  if (status === 'chua-nop' && due < todayInVietnam()) return 'Chưa nộp – đã quá hạn';
  return statusWords[status] ?? status;
}

function periodSection(plan, period, reporter, view, reload) {
  const mine = view?.reporters?.find(r => r.id === reporter.id);
  const status = mine?.status ?? 'chua-nop';
  const headingId = `ky-${plan.id}-${period.id}`;
  const fileId = `tep-${plan.id}-${period.id}`;
  const file = h('input', { type: 'file', id: fileId, name: 'file', required: true });
  const bar = h('progress', { max: 100, value: 0, hidden: true, 'aria-label': 'Tiến độ tải lên' });
  const message = h('div', { role: 'status', 'aria-live': 'polite' });
  const button = h('button', { type: 'submit' }, mine?.submittedAt ? 'Nộp lại báo cáo' : 'Nộp báo cáo');
  const form = h('form', { class: 'report-form no-print' },
    h('label', { for: fileId }, 'Tệp báo cáo', file), h('div', {}, button), bar, message);
  form.addEventListener('submit', async event => {
    event.preventDefault();
    if (!file.files[0]) return;
    button.disabled = true;
    bar.hidden = false;
    try {
      const path = `/api/plans/${encodeURIComponent(plan.id)}/periods/${encodeURIComponent(period.id)}/reports/${encodeURIComponent(reporter.id)}`;
      const answer = await upload(path, file.files[0], share => { bar.value = Math.round(share * 100); });
      const words = statusWords[answer.body?.status] ?? answer.body?.status;
      toast(`Đã nộp báo cáo: ${words}.`);
      await reload();
    } catch (error) {
      message.replaceChildren(problemBlock(error));
      button.disabled = false;
      bar.hidden = true;
    }
  });
  const reminders = mine?.reminders ?? [];
  return h('section', { class: 'card period', 'aria-labelledby': headingId },
    h('h3', { id: headingId }, period.label),
    h('p', {}, `Hạn nộp: hết ngày ${fmt.date(period.due)}. `,
      h('span', { class: `badge ${statusClass[status] === 'warn' && period.due < todayInVietnam() ? 'bad' : statusClass[status] ?? 'warn'}` }, statusText(status, period.due)),
      mine?.submittedAt ? ` Đã nộp lúc ${fmt.dateTime(mine.submittedAt)}.` : ''),
    reminders.length
      ? h('details', {}, h('summary', {}, `Đã nhận ${reminders.length} lời nhắc`),
        h('ul', {}, reminders.map(m => h('li', {}, `${fmt.dateTime(m.sentAt ?? m.dueAt)}: ${reminderWords[m.kind] ?? m.kind ?? 'lời nhắc'} (${m.recipient})`))))
      : null,
    form);
}

async function planSection(listing, commune, year) {
  const plan = await getJson(`/api/plans/${encodeURIComponent(listing.id)}`);
  const reporter = (plan.reporters ?? []).find(r => r.unitCode === commune);
  const headingId = `ke-hoach-${plan.id}`;
  const section = h('section', { class: 'plan', 'aria-labelledby': headingId },
    h('h2', { id: headingId }, plan.title),
    h('p', { class: 'muted' }, `Đơn vị ban hành: ${plan.unitCode} · nơi nhận báo cáo: ${plan.supervisor?.name ?? '–'}`,
      plan.status === 'nhap' ? ' · bản nháp, chưa công bố' : ''));
  if (!reporter) {
    section.append(h('p', {}, 'Xã không phải là đơn vị báo cáo trong kế hoạch này.'),
      h('ul', {}, plan.periods.map(p => h('li', {}, `${p.label}: hạn ${fmt.date(p.due)}`))));
    return section;
  }
  const periods = h('div', { class: 'periods' });
  async function load() {
    const views = await Promise.all(plan.periods.map(p => getJson(`/api/plans/${encodeURIComponent(plan.id)}/periods/${encodeURIComponent(p.id)}`)));
    periods.replaceChildren(...plan.periods.map((p, i) => periodSection(plan, p, reporter, views[i], load)));
  }
  await load();
  section.append(periods);
  return section;
}

export default async function reportsScreen(main, params) {
  main.append(...heading('Báo cáo định kỳ', params),
    h('p', {}, 'Các kế hoạch giảm nghèo mà xã phải báo cáo: hạn nộp từng kỳ, tình trạng và nộp tệp báo cáo. Báo cáo nhận đến hết ngày hạn (giờ Việt Nam) là đúng hạn.'));
  const { plans } = await getJson(`/api/plans?year=${encodeURIComponent(params.year)}`);
  if (!plans.length) {
    main.append(h('p', { class: 'muted' }, `Chưa có kế hoạch báo cáo nào của năm ${params.year} mà xã tham gia.`));
    return;
  }
  const sections = await Promise.all(plans.map(p => planSection(p, params.commune, params.year)));
  main.append(...sections);
}
