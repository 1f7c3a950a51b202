// "Tổng hợp": the province's summary, and three charts each followed by its figures as a table (readable by screen
// readers and on paper): poor and near-poor rates by commune, deprivations among the poor, changes over the year.
import { h, fmt, table, problemBlock, classNames } from '../../dom.js';
import { getJson } from '../../api.js';
import { barChart } from '../../charts.js';
import { provinceHeader } from './common.js';

/** A section that loads on its own, so one report that cannot be computed (e.g. no start list) leaves the others. */
function section(title, id, load) {
  const body = h('div', {}, h('p', { class: 'muted' }, 'Đang tải…'));
  const el = h('section', { 'aria-labelledby': id, 'aria-busy': 'true' }, h('h2', { id }, title), body);
  load().then(nodes => body.replaceChildren(...nodes), error => body.replaceChildren(problemBlock(error)))
    .finally(() => el.removeAttribute('aria-busy'));
  return el;
}

function overview(s) {
  const classes = [
    ['ngheo', s.poorHouseholds, s.poorRate, s.persons?.poor],
    ['can_ngheo', s.nearPoorHouseholds, s.nearPoorRate, s.persons?.nearPoor],
    ['muc_song_trung_binh', s.middleLivingHouseholds, s.middleLivingRate, s.persons?.middleLiving],
    ['khong_ngheo', s.notPoorHouseholds, null, s.persons?.notPoor],
  ];
  return [
    h('p', {}, `${s.unitName ?? s.unitCode}: ${fmt.number(s.communesReported)}/${fmt.number(s.communesTotal)} xã đã có kết quả; `,
      `${fmt.number(s.totalHouseholds)} hộ dân cư, ${fmt.number(s.scoredHouseholds)} hộ đã rà soát.`),
    table([
      { title: 'Phân loại', value: r => classNames[r[0]] },
      { title: 'Số hộ', value: r => fmt.number(r[1]), num: true },
      { title: 'Số nhân khẩu', value: r => fmt.number(r[3]), num: true },
      { title: 'Tỷ lệ trên tổng số hộ', value: r => fmt.percent(r[2]), num: true },
    ], classes, { caption: 'Số hộ theo phân loại' }),
  ];
}

// The province's summary lists the figures of every commune with a result, so the chart costs no further request.
function communeRates(summary) {
  if (!summary.communes?.length) return [h('p', { class: 'muted' }, 'Chưa xã nào có kết quả khảo sát.')];
  const rows = [...summary.communes]
    .sort((a, b) => (b.poorRate ?? 0) + (b.nearPoorRate ?? 0) - (a.poorRate ?? 0) - (a.nearPoorRate ?? 0));
  return [
    barChart({
      title: 'Tỷ lệ hộ nghèo và hộ cận nghèo theo xã',
      description: 'Phần trăm trên tổng số hộ dân cư của từng xã',
      rows: rows.map(r => ({ label: r.unitName ?? r.unitCode, values: [r.poorRate ?? 0, r.nearPoorRate ?? 0] })),
      series: [{ name: 'Tỷ lệ hộ nghèo', short: 'nghèo' }, { name: 'Tỷ lệ hộ cận nghèo', short: 'cận nghèo' }],
      format: fmt.percent,
    }),
    table([
      { title: 'Xã', value: r => `${r.unitName ?? ''} (${r.unitCode})` },
      { title: 'Tổng số hộ', value: r => fmt.number(r.totalHouseholds), num: true },
      { title: 'Hộ nghèo', value: r => fmt.number(r.poorHouseholds), num: true },
      { title: 'Tỷ lệ hộ nghèo', value: r => fmt.percent(r.poorRate), num: true },
      { title: 'Hộ cận nghèo', value: r => fmt.number(r.nearPoorHouseholds), num: true },
      { title: 'Tỷ lệ hộ cận nghèo', value: r => fmt.percent(r.nearPoorRate), num: true },
    ], rows, { caption: 'Số liệu của biểu đồ: tỷ lệ theo xã', className: 'wide' }),
  ];
}

async function deprivations(params) {
  const report = await getJson(`/api/units/${params.year}/${params.province}/reports/thieu-hut`);
  const near = Object.fromEntries(report.nearPoor.indicators.map(i => [i.key, i]));
  return [
    barChart({
      title: 'Tỷ lệ hộ nghèo thiếu hụt theo chỉ số',
      description: `Phần trăm trên ${fmt.number(report.poor.households)} hộ nghèo`,
      rows: report.poor.indicators.map(i => ({ label: i.name, values: [i.percent] })),
      format: fmt.percent,
      max: 100,
    }),
    table([
      { title: 'Chỉ số', value: i => i.name },
      { title: 'Hộ nghèo thiếu hụt', value: i => fmt.number(i.households), num: true },
      { title: '% hộ nghèo', value: i => fmt.percent(i.percent), num: true },
      { title: 'Hộ cận nghèo thiếu hụt', value: i => fmt.number(near[i.key]?.households), num: true },
      { title: '% hộ cận nghèo', value: i => fmt.percent(near[i.key]?.percent), num: true },
    ], report.poor.indicators, { caption: `Số liệu của biểu đồ: ${fmt.number(report.poor.households)} hộ nghèo, ${fmt.number(report.nearPoor.households)} hộ cận nghèo`, className: 'wide' }),
  ];
}

const sum = flows => Object.values(flows ?? {}).reduce((a, b) => a + b, 0);

async function changes(params) {
  const report = await getJson(`/api/units/${params.year}/${params.province}/reports/bien-dong`);
  const classes = [['Hộ nghèo', report.poor], ['Hộ cận nghèo', report.nearPoor]];
  const without = report.communesWithoutStart?.length
    ? h('p', { class: 'muted' }, `${fmt.number(report.communesWithoutStart.length)} xã chưa có danh sách đầu kỳ nên không được tính: ${report.communesWithoutStart.join(', ')}.`)
    : null;
  if (!report.communes) return [h('p', {}, 'Chưa xã nào có cả danh sách đầu kỳ và kết quả năm nay, nên chưa tính được biến động.'), without].filter(Boolean);
  const rows = classes.flatMap(([name, c]) => [
    { label: `${name} – đầu năm`, values: [c.start] },
    { label: `${name} – cuối năm`, values: [c.end] },
  ]);
  const nodes = [
    barChart({ title: 'Số hộ đầu năm và cuối năm', description: 'Hộ nghèo và hộ cận nghèo', rows, format: fmt.number }),
    table([
      { title: 'Phân loại', value: r => r[0] },
      { title: 'Đầu năm', value: r => fmt.number(r[1].start), num: true },
      { title: 'Thoát ra', value: r => fmt.number(sum(r[1].leaving)), num: true },
      { title: 'Phát sinh mới', value: r => fmt.number(sum(r[1].entering)), num: true },
      { title: 'Biến động khác', value: r => fmt.number(sum(r[1].other)), num: true },
      { title: 'Cuối năm', value: r => fmt.number(r[1].end), num: true },
    ], classes, { caption: `Số liệu của biểu đồ: biến động trong năm (${fmt.number(report.communes)} xã)`, className: 'wide' }),
  ];
  return without ? [...nodes, without] : nodes;
}

/** The screen (routes.js registers it). */
export async function view(main, params) {
  provinceHeader(main, params, 'Tổng hợp');
  const summary = await getJson(`/api/units/${params.year}/${params.province}/summary`);
  main.append(
    ...overview(summary),
    section('Tỷ lệ theo xã', 'ty-le-theo-xa', async () => communeRates(summary)),
    section('Thiếu hụt của hộ nghèo', 'thieu-hut', () => deprivations(params)),
    section('Biến động trong năm', 'bien-dong', () => changes(params)));
}
