// "Báo cáo": the six reports of the province as tables, the reports workbook, and the Power BI extract (built on
// demand: the API answers 202 while building, so the screen polls the build's status and downloads when it is done).
import { h, fmt, table, problemBlock, toast } from '../../dom.js';
import { getJson, download } from '../../api.js';
import { provinceHeader } from './common.js';

const reports = [
  ['mpi', 'Nghèo đa chiều (MPI)'],
  ['thieu-hut', 'Thiếu hụt dịch vụ xã hội cơ bản'],
  ['bien-dong', 'Biến động hộ nghèo, cận nghèo'],
  ['nhom-dac-thu', 'Nhóm đặc thù'],
  ['lao-dong', 'Lao động, việc làm'],
  ['chi-tieu', 'Chỉ tiêu kế hoạch'],
];

// How long to wait between two looks at a build; the API's Retry-After is 2 s.
const POLL_MS = 2000;

const ratio = v => (v === null || v === undefined ? '–' : fmt.percent(v * 100));

/** Vietnamese words for the keys the reports answer (docs/reports.md); a key not listed is shown as it is. */
const words = {
  standard: 'Chuẩn nghèo', households: 'Số hộ', percent: 'Tỷ lệ (%)', rate: 'Tỷ lệ trên tổng số hộ (%)', name: 'Tên',
  poor: 'Hộ nghèo', nearPoor: 'Hộ cận nghèo', residentHouseholds: 'Tổng số hộ dân cư', excludingNguoiCoCong: 'Không tính hộ có người có công',
  householdsWithoutMembers: 'Hộ chưa có thông tin thành viên', groups: 'Nhóm', unknown: 'Chưa rõ', communes: 'Số xã',
  persons: 'Số người', householdsRate: 'Tỷ lệ hộ trên tổng số hộ (%)', personsInHouseholdsWithoutMembers: 'Số người của hộ chưa có thông tin thành viên',
  personsAged15Plus: 'Người từ 15 tuổi trở lên', withLabourCapacity: 'Có khả năng lao động', withoutLabourCapacity: 'Không có khả năng lao động',
  labourCapacityUnknown: 'Chưa rõ khả năng lao động', employment: 'Việc làm của người từ 15 tuổi', employmentUnknown: 'Chưa rõ việc làm',
  count: 'Số người', supportGroups: 'Nhóm cần hỗ trợ', withoutJob: 'Không có việc làm, đang tìm việc', notWantingToWork: 'Không muốn đi làm',
  co_viec_lam: 'Có việc làm', khong_co_viec_lam: 'Không có việc làm', dang_tim_viec: 'Đang tìm việc', khong_co_kha_nang_lao_dong: 'Không có khả năng lao động',
  dang_di_hoc: 'Đang đi học', khong_muon_di_lam: 'Không muốn đi làm', noi_tro: 'Nội trợ',
  unitCode: 'Mã đơn vị', totalHouseholds: 'Tổng số hộ', poorHouseholds: 'Số hộ nghèo', nearPoorHouseholds: 'Số hộ cận nghèo',
  poorWithNguoiCoCong: 'Hộ nghèo có người có công', poorNguoiCoCongUnknown: 'Hộ nghèo chưa rõ có người có công', end: 'Cuối năm', start: 'Đầu năm',
  plans: 'Kế hoạch', targets: 'Chỉ tiêu', id: 'Mã', title: 'Tên', label: 'Chỉ tiêu', measure: 'Thước đo', unit: 'Đơn vị tính', target: 'Kế hoạch',
  actual: 'Thực hiện', gap: 'Chênh lệch', met: 'Đạt', base: 'Mẫu số', note: 'Ghi chú', source: 'Nguồn', unknownIndicators: 'Chỉ số ngoài chuẩn',
};
const word = k => words[k] ?? k;
// The year is in the screen's heading; a number formatter would write it "2.025".
const hidden = new Set(['year']);

function cell(v) {
  if (v === null || v === undefined) return '–';
  if (typeof v === 'number') return Number.isInteger(v) ? fmt.number(v) : fmt.number(Math.round(v * 100) / 100);
  if (typeof v === 'boolean') return v ? 'Có' : 'Không';
  if (typeof v === 'string') return v;
  return null;
}
const isScalar = v => cell(v) !== null;
const isFlatRecord = v => v && typeof v === 'object' && !Array.isArray(v) && Object.values(v).every(isScalar);

/** Any report part as tables: its scalars as one table, a set of flat records (groups, employment…) as one table with a
 *  row per record, anything deeper under its own caption. */
function generic(value, caption, depth = 0) {
  if (Array.isArray(value)) {
    if (!value.length) return [h('p', { class: 'muted' }, `${caption}: không có.`)];
    if (value.every(isScalar)) return [h('p', {}, `${caption}: ${value.map(cell).join(', ')}`)];
    if (value.every(isFlatRecord)) {
      const keys = [...new Set(value.flatMap(Object.keys))];
      return [table(keys.map(k => ({ title: word(k), value: r => cell(r[k]), num: typeof value[0][k] === 'number' })), value, { caption, className: 'wide' })];
    }
    return value.flatMap((v, i) => generic(v, `${caption} – ${v.title ?? v.name ?? i + 1}`, depth + 1));
  }
  const entries = Object.entries(value).filter(([k]) => !hidden.has(k));
  const scalars = entries.filter(([k, v]) => isScalar(v) && k !== 'name');
  const records = entries.filter(([, v]) => isFlatRecord(v));
  const deeper = entries.filter(([, v]) => !isScalar(v) && !isFlatRecord(v));
  const out = [];
  if (scalars.length)
    out.push(table([{ title: 'Mục', value: r => word(r[0]) }, { title: 'Số liệu', value: r => cell(r[1]), num: true }], scalars, { caption }));
  if (records.length) {
    const keys = [...new Set(records.flatMap(([, v]) => Object.keys(v)))].filter(k => k !== 'name');
    out.push(table([
      { title: 'Mục', value: ([k, v]) => v.name ?? word(k) },
      ...keys.map(k => ({ title: word(k), value: ([, v]) => cell(v[k]), num: true })),
    ], records, { caption: `${caption} – chi tiết`, className: 'wide' }));
  }
  for (const [k, v] of deeper) {
    const title = `${caption} – ${v?.name ?? word(k)}`;
    out.push(...(depth < 4 ? generic(v, title, depth + 1) : [h('p', {}, `${title}: ${JSON.stringify(v)}`)]));
  }
  return out;
}

function mpi(r) {
  const measures = [
    ['Số người', fmt.number(r.population)], ['Số người nghèo đa chiều', fmt.number(r.poorPopulation)],
    ['Tỷ lệ nghèo H', ratio(r.H ?? r.h)], ['Mức độ thiếu hụt A', ratio(r.A ?? r.a)], ['Chỉ số MPI (M0)', fmt.number(r.M0 ?? r.m0)],
    ['Ngưỡng thiếu hụt', `${r.deprivationCutoff}/${r.indicatorCount} chỉ số`],
  ];
  const out = [
    table([{ title: 'Chỉ tiêu', value: m => m[0] }, { title: 'Giá trị', value: m => m[1], num: true }], measures, { caption: 'Các chỉ số nghèo đa chiều (tính theo người)' }),
    table([
      { title: 'Chỉ số', value: i => i.name ?? i.key },
      { title: 'Tỷ lệ thiếu hụt (hd)', value: i => ratio(i.hd), num: true },
      { title: 'Tỷ lệ nghèo và thiếu hụt (hdk)', value: i => ratio(i.hdk), num: true },
      { title: 'Đóng góp vào M0', value: i => ratio(i.pctb), num: true },
    ], r.indicators ?? [], { caption: 'Theo chỉ số' }),
  ];
  const groupNames = { commune: 'Theo xã', area: 'Theo khu vực', ethnicMinority: 'Theo dân tộc thiểu số' };
  const valueNames = { nong_thon: 'Nông thôn', thanh_thi: 'Thành thị', yes: 'Dân tộc thiểu số', no: 'Không phải dân tộc thiểu số', unknown: 'Chưa rõ' };
  for (const [group, entries] of Object.entries(r.subgroups ?? {})) {
    const rows = Object.entries(entries ?? {});
    out.push(table([
      { title: 'Nhóm', value: ([k, v]) => v.name ?? valueNames[k] ?? k },
      { title: 'Số người', value: ([, v]) => fmt.number(v.population), num: true },
      { title: 'Tỷ trọng dân số', value: ([, v]) => ratio(v.populationShare), num: true },
      { title: 'H', value: ([, v]) => ratio(v.H ?? v.h), num: true },
      { title: 'A', value: ([, v]) => ratio(v.A ?? v.a), num: true },
      { title: 'M0', value: ([, v]) => fmt.number(v.M0 ?? v.m0), num: true },
    ], rows, { caption: groupNames[group] ?? group, className: 'wide' }));
  }
  if (r.change) out.push(...generic(r.change, 'So với năm trước'));
  return out;
}

function deprivation(r) {
  const near = Object.fromEntries(r.nearPoor.indicators.map(i => [i.key, i]));
  return [table([
    { title: 'Chỉ số', value: i => i.name },
    { title: 'Hộ nghèo thiếu hụt', value: i => fmt.number(i.households), num: true },
    { title: '% hộ nghèo', value: i => fmt.percent(i.percent), num: true },
    { title: 'Hộ cận nghèo thiếu hụt', value: i => fmt.number(near[i.key]?.households), num: true },
    { title: '% hộ cận nghèo', value: i => fmt.percent(near[i.key]?.percent), num: true },
  ], r.poor.indicators, { caption: `${fmt.number(r.poor.households)} hộ nghèo, ${fmt.number(r.nearPoor.households)} hộ cận nghèo thiếu hụt theo chỉ số`, className: 'wide' })];
}

function changes(r) {
  const out = [];
  for (const [name, c] of [['Hộ nghèo', r.poor], ['Hộ cận nghèo', r.nearPoor]]) {
    const label = k => c.labels?.[k] ?? k;
    const rows = [
      ['Đầu năm', c.start],
      ...Object.entries(c.leaving ?? {}).map(([k, v]) => [`Thoát ra: ${label(k)}`, -v]),
      ...Object.entries(c.entering ?? {}).map(([k, v]) => [`Phát sinh: ${label(k)}`, v]),
      ...Object.entries(c.other ?? {}).map(([k, v]) => [`Khác: ${label(k)}`, v]),
      ['Cuối năm', c.end],
    ];
    out.push(table([{ title: 'Mục', value: x => x[0] }, { title: 'Số hộ', value: x => fmt.number(x[1]), num: true }], rows, { caption: name }));
  }
  out.push(h('p', {}, `Số xã được tính: ${fmt.number(r.communes)}.`),
    r.communesWithoutStart?.length ? h('p', { class: 'muted' }, `Xã chưa có danh sách đầu kỳ (không tính): ${r.communesWithoutStart.join(', ')}.`) : null);
  return out.filter(Boolean);
}

const renderers = { mpi, 'thieu-hut': deprivation, 'bien-dong': changes };

async function exportBuild(params, format, status) {
  const path = `/api/exports/${params.year}/${params.province}${format === 'parquet' ? '?format=parquet' : ''}`;
  const bar = h('progress', { max: 1, 'aria-label': 'Tiến độ tạo tệp' });
  const text = h('span', {}, 'Đang yêu cầu tệp…');
  status.replaceChildren(text, bar);
  let answer = await download(path, format === 'parquet' ? `power-bi-${params.province}-${params.year}.zip` : `power-bi-${params.province}-${params.year}.xlsx`);
  while (answer.accepted) {
    const b = answer.body;
    if (b.communesTotal) { bar.max = b.communesTotal; bar.value = b.communesDone; }
    text.textContent = b.communesTotal ? `Đang tạo tệp: ${fmt.number(b.communesDone)}/${fmt.number(b.communesTotal)} xã.` : 'Đang tạo tệp…';
    await new Promise(resolve => setTimeout(resolve, POLL_MS));
    // The status address answers 202 while building and leads (303) to the file when done.
    answer = await download(b.statusUrl, `power-bi-${params.province}-${params.year}`);
  }
  status.replaceChildren(h('span', {}, `Đã tải về ${answer.name}.`));
  toast('Đã tải tệp Power BI về máy.');
}

function downloads(params) {
  const status = h('p', { class: 'download-status', role: 'status', 'aria-live': 'polite' });
  const run = (label, task) => h('button', { type: 'button', class: 'secondary', onclick: async e => {
    e.currentTarget.disabled = true;
    const button = e.currentTarget;
    try { await task(); } catch (error) { status.replaceChildren(problemBlock(error)); } finally { button.disabled = false; }
  } }, label);
  return h('section', { class: 'no-print', 'aria-labelledby': 'tai-ve' },
    h('h2', { id: 'tai-ve' }, 'Tải về'),
    h('div', { class: 'actions' },
      run('Tải sổ báo cáo (Excel)', async () => {
        status.replaceChildren('Đang tải sổ báo cáo…');
        const r = await download(`/api/units/${params.year}/${params.province}/reports.xlsx`, `bao-cao-${params.province}-${params.year}.xlsx`);
        status.replaceChildren(`Đã tải về ${r.name}.`);
      }),
      run('Tải dữ liệu Power BI (Excel)', () => exportBuild(params, 'xlsx', status)),
      run('Tải dữ liệu Power BI (Parquet)', () => exportBuild(params, 'parquet', status))),
    status);
}

/** The screen of one report (the first when the address names none); routes.js registers it. */
export async function view(main, params) {
  const current = reports.find(r => r[0] === params.report) ?? reports[0];
  provinceHeader(main, params, 'Báo cáo');
  main.append(
    downloads(params),
    h('nav', { class: 'report-list no-print', 'aria-label': 'Chọn báo cáo' }, h('ul', {}, reports.map(([code, name]) =>
      h('li', {}, h('a', { href: `#/tinh/${params.province}/${params.year}/bao-cao/${code}`, 'aria-current': code === current[0] ? 'page' : null }, name))))),
    h('h2', {}, current[1]));
  const report = await getJson(`/api/units/${params.year}/${params.province}/reports/${current[0]}`);
  const render = renderers[current[0]] ?? (r => generic(r, current[1]));
  main.append(...render(report), h('p', { class: 'no-print' }, h('button', { type: 'button', class: 'secondary', onclick: () => window.print() }, 'In báo cáo')));
}
