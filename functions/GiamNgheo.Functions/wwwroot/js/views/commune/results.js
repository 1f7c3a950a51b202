// "Kết quả": the commune's summary, every household with its class and deprivations, filters and search, each
// household's explanation in plain words; and the list of poor and near-poor households to post in the village.
import { h, fmt, classNames, table, problemBlock } from '../../dom.js';
import { getJson, ApiError } from '../../api.js';
import { heading, indicatorName } from './common.js';

// The largest page the API gives (UnitFunctions.MaxPageSize): a commune has a few thousand households at most.
const pageSize = 1000;
// Rows drawn at once: a phone stays responsive with a few hundred table rows; more come on request.
const shownAtOnce = 200;
const sourceWords = { khai: 'khai trong phiếu', suy_ra: 'suy ra từ thông tin các thành viên', mac_dinh: 'theo mặc định của chuẩn' };
const areaWords = { nong_thon: 'nông thôn', thanh_thi: 'thành thị' };

/** Every household of the commune-year (all pages), optionally of one class. */
async function allHouseholds({ commune, year }, classCode) {
  const items = [];
  let token = null;
  do {
    const query = new URLSearchParams({ pageSize: String(pageSize) });
    if (classCode) query.set('class', classCode);
    if (token) query.set('pageToken', token);
    const page = await getJson(`/api/units/${encodeURIComponent(year)}/${encodeURIComponent(commune)}/households?${query}`);
    items.push(...page.items);
    token = page.nextPageToken;
  } while (token);
  return items;
}

/** The summary, or null when the commune has no scored submission yet (the 404 chua-co-ket-qua). */
async function summaryOf({ commune, year }) {
  try {
    return await getJson(`/api/units/${encodeURIComponent(year)}/${encodeURIComponent(commune)}/summary`);
  } catch (error) {
    if (error instanceof ApiError && error.code === 'chua-co-ket-qua') return null;
    throw error;
  }
}

function noResults(main, params) {
  main.append(h('p', { class: 'alert' }, `Xã chưa có lần nộp nào được chấm điểm cho năm ${params.year}. `,
    h('a', { href: `#/xa/${params.commune}/${params.year}/khao-sat` }, 'Tải lên tệp khảo sát')));
}

function summaryCard(s) {
  const rows = [
    { label: classNames.ngheo, households: s.poorHouseholds, persons: s.persons?.poor, rate: s.poorRate },
    { label: classNames.can_ngheo, households: s.nearPoorHouseholds, persons: s.persons?.nearPoor, rate: s.nearPoorRate },
    { label: classNames.muc_song_trung_binh, households: s.middleLivingHouseholds, persons: s.persons?.middleLiving, rate: s.middleLivingRate },
    { label: classNames.khong_ngheo, households: s.notPoorHouseholds, persons: s.persons?.notPoor, rate: null },
  ];
  const deprived = Object.keys(s.deprivations?.poor ?? {})
    .map(key => ({ key, poor: s.deprivations.poor[key] ?? 0, nearPoor: s.deprivations.nearPoor?.[key] ?? 0 }))
    .filter(d => d.poor || d.nearPoor)
    .sort((a, b) => b.poor + b.nearPoor - a.poor - a.nearPoor);
  return h('section', { class: 'card', 'aria-labelledby': 'tong-hop' },
    h('h2', { id: 'tong-hop' }, `Tổng hợp ${s.unitName ? 'xã ' + s.unitName : ''}`),
    h('p', {}, `${fmt.number(s.totalHouseholds)} hộ cư trú, ${fmt.number(s.scoredHouseholds)} hộ đã chấm điểm.`),
    table([
      { title: 'Phân loại', value: r => r.label },
      { title: 'Số hộ', value: r => fmt.number(r.households), num: true },
      { title: 'Số người', value: r => fmt.number(r.persons), num: true },
      { title: 'Tỷ lệ hộ', value: r => fmt.percent(r.rate), num: true },
    ], rows, { caption: 'Số hộ theo phân loại (tỷ lệ trên tổng số hộ cư trú)' }),
    deprived.length ? h('details', {}, h('summary', {}, 'Thiếu hụt của hộ nghèo và hộ cận nghèo'),
      table([
        { title: 'Chỉ số', value: d => indicatorName(d.key) },
        { title: 'Hộ nghèo', value: d => fmt.number(d.poor), num: true },
        { title: 'Hộ cận nghèo', value: d => fmt.number(d.nearPoor), num: true },
      ], deprived, { caption: 'Số hộ thiếu hụt từng chỉ số' })) : null);
}

// The standard's cut-off is stated in the API's explanation ("hộ nghèo khi từ 3 chỉ số"); the household list carries
// no separate field for it.
const deprivationCutoff = text => /hộ nghèo khi từ (\d+) chỉ số/.exec(text ?? '')?.[1];

/** Why this household has its class, in the words an officer would say at the village meeting. */
export function explanationOf(house) {
  const className = classNames[house.class] ?? house.class;
  const below = Number(house.incomeValue) <= Number(house.incomeThreshold);
  const income = house.incomeTest === 'diem_b1'
    ? `Điểm B1 (đánh giá thu nhập) của hộ là ${fmt.number(house.incomeValue)} điểm, ${below ? 'không vượt' : 'vượt'} ngưỡng ${fmt.number(house.incomeThreshold)} điểm`
    : `Thu nhập bình quân của hộ là ${fmt.number(house.incomeValue)} đồng/người/tháng, ${below ? 'không vượt' : 'cao hơn'} chuẩn ${fmt.number(house.incomeThreshold)} đồng/người/tháng`;
  const sources = Object.fromEntries((house.deprivationSources ?? '').split(';').filter(Boolean).map(p => p.split(':')));
  const deprivations = house.deprivations ?? [];
  return h('section', { class: 'card explanation', id: 'giai-thich', tabindex: '-1', 'aria-labelledby': 'giai-thich-tieu-de' },
    h('h2', { id: 'giai-thich-tieu-de' }, `Hộ ${house.householdId}${house.headName ? ' – ' + house.headName : ''}: ${className}`),
    h('p', {}, [house.village, house.persons ? `${house.persons} người` : null, areaWords[house.area]].filter(Boolean).join(' · ')),
    h('h3', {}, 'Vì sao hộ được xếp loại này'),
    h('ol', {},
      h('li', {}, income, below ? ' (dưới chuẩn thu nhập).' : ' (trên chuẩn thu nhập).'),
      h('li', {}, deprivations.length
        ? [`Hộ thiếu hụt ${deprivations.length} chỉ số dịch vụ xã hội cơ bản (điểm B2 = ${fmt.number(house.b2Score)}):`,
          h('ul', {}, deprivations.map(key => h('li', {}, indicatorName(key), sources[key] ? ` – ${sourceWords[sources[key]] ?? sources[key]}` : '')))]
        : 'Hộ không thiếu hụt chỉ số dịch vụ xã hội cơ bản nào.'),
      h('li', {}, `Kết luận: ${className}.`)),
    deprivationCutoff(house.explanation) ? h('p', { class: 'muted' }, `Theo chuẩn nghèo, hộ dưới chuẩn thu nhập là hộ nghèo khi thiếu hụt từ ${deprivationCutoff(house.explanation)} chỉ số trở lên, hộ cận nghèo khi thiếu hụt ít hơn.`) : null,
    house.localClass ? h('p', {}, `Theo chuẩn nghèo riêng của tỉnh: ${classNames[house.localClass] ?? house.localClass}.`) : null,
    h('details', {}, h('summary', {}, 'Diễn giải đầy đủ của hệ thống'), h('p', {}, house.explanation)),
    h('button', { type: 'button', class: 'secondary no-print', 'data-close': '' }, 'Đóng giải thích'));
}

const normal = text => (text ?? '').normalize('NFC').toLocaleLowerCase('vi');

export default async function resultsScreen(main, params, query) {
  main.append(...heading('Kết quả rà soát', params));
  const summary = await summaryOf(params);
  if (!summary) return noResults(main, params);
  const households = await allHouseholds(params);

  const classFilter = h('select', { id: 'loc-phan-loai' },
    h('option', { value: '' }, 'Tất cả'),
    Object.entries(classNames).map(([code, name]) => h('option', { value: code }, name)));
  const search = h('input', { id: 'tim-ho', type: 'search', autocomplete: 'off', placeholder: 'Ví dụ: HGD001 hoặc Thôn 1' });
  const count = h('p', { role: 'status', 'aria-live': 'polite', class: 'muted' });
  const detail = h('div', {});
  const list = h('div', {});
  const withNames = households.some(x => x.headName);
  let limit = shownAtOnce;

  function open(house) {
    detail.replaceChildren(explanationOf(house));
    history.replaceState(null, '', `${location.hash.split('?')[0]}?ho=${encodeURIComponent(house.householdId)}`);
    detail.querySelector('[data-close]').addEventListener('click', () => {
      detail.replaceChildren();
      history.replaceState(null, '', location.hash.split('?')[0]);
      list.querySelector(`[data-ho="${CSS.escape(house.householdId)}"]`)?.focus();
    });
    detail.firstChild.focus();
  }

  function draw() {
    const wanted = classFilter.value;
    const text = normal(search.value.trim());
    const rows = households.filter(x => (!wanted || x.class === wanted)
      && (!text || normal(x.householdId).includes(text) || normal(x.village).includes(text)));
    count.textContent = `${fmt.number(rows.length)} hộ${rows.length > limit ? `, đang hiện ${fmt.number(limit)} hộ đầu` : ''}.`;
    const columns = [
      { title: 'Mã hộ', value: x => h('button', { type: 'button', class: 'link', 'data-ho': x.householdId, onclick: () => open(x), 'aria-label': `Hộ ${x.householdId}: xem giải thích` }, x.householdId) },
      withNames ? { title: 'Chủ hộ', value: x => x.headName ?? '' } : null,
      { title: 'Thôn', value: x => x.village ?? '' },
      { title: 'Phân loại', value: x => classNames[x.class] ?? x.class },
      { title: 'Số chỉ số thiếu hụt', value: x => x.deprivationCount, num: true },
      { title: 'Thiếu hụt', value: x => (x.deprivations ?? []).map(indicatorName).join('; ') },
    ].filter(Boolean);
    list.replaceChildren(h('div', {},
      table(columns, rows.slice(0, limit), { caption: 'Các hộ đã chấm điểm', empty: 'Không có hộ nào khớp điều kiện lọc.', className: 'households' }),
      rows.length > limit ? h('button', { type: 'button', class: 'secondary', onclick: () => { limit += shownAtOnce; draw(); } }, 'Xem thêm hộ') : null));
  }
  classFilter.addEventListener('change', () => { limit = shownAtOnce; draw(); });
  search.addEventListener('input', () => { limit = shownAtOnce; draw(); });

  main.append(
    summaryCard(summary),
    h('p', { class: 'no-print' }, h('a', { class: 'button secondary', href: `#/xa/${params.commune}/${params.year}/niem-yet` }, 'Danh sách niêm yết')),
    h('section', { 'aria-labelledby': 'cac-ho' },
      h('h2', { id: 'cac-ho' }, 'Các hộ'),
      h('div', { class: 'filters no-print' },
        h('label', { for: 'loc-phan-loai' }, 'Phân loại', classFilter),
        h('label', { for: 'tim-ho' }, 'Tìm theo mã hộ hoặc thôn', search)),
      count, detail, list));
  draw();
  const chosen = query.get('ho') && households.find(x => x.householdId === query.get('ho'));
  if (chosen) open(chosen);
}

/** The list of poor and near-poor households to post publicly in the villages, printable on A4. */
export async function postingList(main, params) {
  const summary = await summaryOf(params);
  main.append(h('p', { class: 'no-print' }, h('a', { href: `#/xa/${params.commune}/${params.year}/ket-qua` }, '← Về kết quả')));
  if (!summary) {
    main.append(...heading('Danh sách niêm yết', params));
    return noResults(main, params);
  }
  const [poor, nearPoor] = await Promise.all([allHouseholds(params, 'ngheo'), allHouseholds(params, 'can_ngheo')]);
  const byVillage = (a, b) => (a.village ?? '').localeCompare(b.village ?? '', 'vi') || a.householdId.localeCompare(b.householdId, 'vi');
  const withNames = poor.concat(nearPoor).some(x => x.headName);
  const listOf = (rows, caption) => table([
    { title: 'STT', value: x => x.number, num: true },
    { title: 'Mã hộ', value: x => x.householdId },
    withNames ? { title: 'Họ và tên chủ hộ', value: x => x.headName ?? '' } : null,
    { title: 'Thôn', value: x => x.village ?? '' },
    { title: 'Phân loại', value: x => classNames[x.class] ?? x.class },
  ].filter(Boolean), rows, { caption, empty: 'Không có hộ nào.', className: 'posting' });
  const numbered = rows => rows.sort(byVillage).map((x, i) => ({ ...x, number: i + 1 }));
  main.append(
    h('div', { class: 'posting-head' },
      h('h1', {}, `Danh sách hộ nghèo, hộ cận nghèo năm ${params.year}`),
      h('p', {}, `Xã ${summary.unitName ?? params.commune} (mã ${params.commune}) · kết quả rà soát để niêm yết công khai`)),
    h('p', { class: 'no-print' },
      h('button', { type: 'button', onclick: () => window.print() }, 'In danh sách'),
      ' ', h('span', { class: 'muted' }, withNames ? '' : 'Tài khoản này không được xem họ tên chủ hộ; danh sách chỉ có mã hộ.')),
    h('h2', {}, `Hộ nghèo (${fmt.number(poor.length)} hộ)`),
    listOf(numbered(poor), `Danh sách hộ nghèo năm ${params.year}`),
    h('h2', {}, `Hộ cận nghèo (${fmt.number(nearPoor.length)} hộ)`),
    listOf(numbered(nearPoor), `Danh sách hộ cận nghèo năm ${params.year}`),
    h('p', { class: 'posting-foot' }, 'Ý kiến khác về danh sách xin gửi Ban chỉ đạo giảm nghèo xã trong thời gian niêm yết.'),
    h('div', { class: 'signature' }, h('p', {}, '…, ngày … tháng … năm …'), h('p', {}, h('strong', {}, 'TM. ỦY BAN NHÂN DÂN XÃ'))));
}
