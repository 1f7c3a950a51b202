// "Tiến độ": every commune's review of the year as a table and as a grid of tiles coloured by state (with the state in
// words and a legend, so colour is never the only signal). A province that has not started its review can start it here.
import { h, fmt, table, problemBlock, toast } from '../../dom.js';
import { getJson, sendJson, ApiError } from '../../api.js';
import { session } from '../../session.js';
import { provinceHeader } from './common.js';

const SURVEY_STEP = 'khao-sat';

/** Where a commune stands, most advanced first; the first that applies wins. Lateness is shown beside it, not instead. */
const states = [
  { code: 'khoa', name: 'Đã khóa (có quyết định)', short: 'Đã khóa', applies: c => c.locked },
  { code: 'da-cham', name: 'Đã có kết quả khảo sát', short: 'Có kết quả', applies: c => c.steps[SURVEY_STEP]?.done },
  { code: 'chua-nop', name: 'Chưa có kết quả khảo sát', short: 'Chưa có kết quả', applies: () => true },
];

const stateOf = c => states.find(s => s.applies(c));

function stepLabel(progress, step) {
  return progress.steps[step]?.label ?? step;
}

function communeTable(progress) {
  const survey = c => c.steps[SURVEY_STEP] ?? {};
  return table([
    { title: 'Mã xã', value: c => c.communeCode },
    { title: 'Tên xã', value: c => c.communeName },
    { title: 'Tình trạng', value: c => stateOf(c).name },
    { title: 'Ngày nộp khảo sát', value: c => (survey(c).done ? fmt.date(survey(c).date ?? survey(c).at) : 'Chưa nộp') },
    { title: 'Đã chấm điểm', value: c => (survey(c).done ? 'Có' : 'Chưa') },
    { title: 'Đã khóa', value: c => (c.locked ? 'Có' : 'Chưa') },
    { title: 'Trễ hạn', value: c => (c.lateMilestones.length ? c.lateMilestones.map(s => stepLabel(progress, s)).join(', ') : 'Không') },
    { title: 'Bước tiếp theo', value: c => (c.next ? stepLabel(progress, c.next) : 'Đã xong') },
  ], progress.communes, { caption: `Tiến độ rà soát của ${progress.communes.length} xã`, className: 'wide' });
}

function stepTotals(progress) {
  const rows = Object.entries(progress.steps).map(([step, s]) => ({ step, ...s }));
  return table([
    { title: 'Bước', value: s => s.label },
    { title: 'Hạn', value: s => fmt.date(s.due) },
    { title: 'Số xã đã làm', value: s => fmt.number(s.done), num: true },
    { title: 'Số xã trễ hạn', value: s => fmt.number(s.late), num: true },
  ], rows, { caption: 'Số xã theo từng bước' });
}

function tiles(progress) {
  const counts = Object.fromEntries(states.map(s => [s.code, 0]));
  progress.communes.forEach(c => counts[stateOf(c).code]++);
  const late = progress.communes.filter(c => c.lateMilestones.length).length;
  return h('section', { 'aria-labelledby': 'luoi-xa' },
    h('h2', { id: 'luoi-xa' }, 'Sơ đồ các xã'),
    h('ul', { class: 'legend', 'aria-label': 'Chú giải' }, states.map(s =>
      h('li', {}, h('span', { class: `swatch tile-${s.code}`, 'aria-hidden': 'true' }), `${s.name}: ${fmt.number(counts[s.code])} xã`)),
      h('li', {}, h('span', { class: 'swatch tile-tre', 'aria-hidden': 'true' }), `Viền đỏ nét đứt, chữ "Trễ hạn": ${fmt.number(late)} xã trễ một mốc`)),
    h('ul', { class: 'tiles', 'aria-label': 'Các xã theo tình trạng' }, progress.communes.map(c => {
      const state = stateOf(c);
      const late = c.lateMilestones.length > 0;
      return h('li', { class: `tile tile-${state.code}${late ? ' tile-tre' : ''}` },
        h('span', { class: 'tile-name' }, c.communeName),
        h('span', { class: 'tile-state' }, state.short),
        late ? h('span', { class: 'tile-late' }, 'Trễ hạn') : null);
    })));
}

async function startReview(main, params) {
  const button = h('button', { type: 'button', onclick: async () => {
    button.disabled = true;
    try {
      await sendJson(`/api/reviews/${params.year}/${params.province}`, {});
      toast('Đã bắt đầu đợt rà soát.');
      main.replaceChildren();
      await view(main, params);
    } catch (error) {
      button.disabled = false;
      button.after(problemBlock(error));
    }
  } }, 'Bắt đầu rà soát');
  return h('p', {}, button);
}

/** The screen (routes.js registers it). */
export async function view(main, params) {
  provinceHeader(main, params, 'Tiến độ rà soát');
  let progress;
  try {
    progress = await getJson(`/api/reviews/${params.year}/${params.province}/progress`);
  } catch (error) {
    main.append(problemBlock(error));
    const user = session.user();
    if (error instanceof ApiError && error.code === 'chua-bat-dau-ra-soat' && user?.roles.some(r => r === 'province-officer' || r === 'admin'))
      main.append(await startReview(main, params));
    return;
  }
  main.append(
    h('p', {}, `${progress.provinceName}: ${fmt.number(progress.communesTotal)} xã, ${fmt.number(progress.communesLocked)} xã đã có quyết định (khóa). Tính đến ngày ${fmt.date(progress.today)}.`),
    stepTotals(progress),
    tiles(progress),
    h('h2', {}, 'Bảng tiến độ từng xã'),
    communeTable(progress));
}

