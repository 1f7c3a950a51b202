// "Khảo sát": the year's template, the upload with its progress, the submission's status until it is scored or
// rejected, and its row errors. The submission followed is kept in the address (?nop=…) and in this tab's storage, so a
// reload or a dropped connection picks it up again.
import { h, fmt, classNames, problemBlock, table } from '../../dom.js';
import { getJson, upload, download, ApiError } from '../../api.js';
import { heading, issuesBlock } from './common.js';

const finalStatuses = new Set(['scored', 'rejected', 'failed']);
const statusWords = {
  received: 'Đã nhận tệp, đang chờ chấm điểm',
  processing: 'Đang chấm điểm các hộ',
  scored: 'Đã chấm điểm xong',
  rejected: 'Tệp có lỗi, chưa được tính',
  failed: 'Không chấm điểm được do lỗi hệ thống',
};
const statusBadge = { scored: 'ok', rejected: 'bad', failed: 'bad' };
// Polling starts every 2 s and slows down by half each time, to at most 15 s: a large file takes minutes and a phone
// on a slow link should not spend them asking.
const poll = { firstMs: 2000, factor: 1.5, maxMs: 15000 };

const storageKey = p => `giamngheo.nop.${p.commune}.${p.year}`;

function remember(params, id) {
  sessionStorage.setItem(storageKey(params), id);
  const base = location.hash.split('?')[0];
  history.replaceState(null, '', `${base}?nop=${encodeURIComponent(id)}`);
}

export default async function surveyScreen(main, params, query, isStale) {
  const { commune, year } = params;
  const status = h('div', { class: 'status-box', role: 'status', 'aria-live': 'polite' });
  const result = h('div', {});
  const bar = h('progress', { max: 100, value: 0, 'aria-label': 'Tiến độ tải lên' });
  const barText = h('span', { class: 'muted' });
  const progress = h('div', { class: 'upload-progress', hidden: true }, bar, barText);
  const file = h('input', { type: 'file', id: 'tep-khao-sat', name: 'file', accept: '.xlsx,.zip', required: true });
  const send = h('button', { type: 'submit' }, 'Tải lên');
  const templateButton = h('button', { type: 'button', class: 'secondary' }, `Tải mẫu phiếu năm ${year}`);

  templateButton.addEventListener('click', async () => {
    templateButton.disabled = true;
    try {
      await download(`/api/template?year=${encodeURIComponent(year)}`, `mau-phieu-${year}.xlsx`);
    } catch (error) {
      result.replaceChildren(problemBlock(error));
    } finally {
      templateButton.disabled = false;
    }
  });

  let watching = 0;
  async function follow(id) {
    const ticket = ++watching;
    let delay = poll.firstMs;
    for (;;) {
      if (isStale() || ticket !== watching) return;
      let submission;
      try {
        submission = await getJson(`/api/submissions/${encodeURIComponent(id)}`);
      } catch (error) {
        if (isStale() || ticket !== watching) return;
        if (error instanceof ApiError && error.status === 0) {
          status.replaceChildren(h('p', {}, 'Mất kết nối; đang thử lại…'));
        } else {
          status.replaceChildren();
          result.replaceChildren(problemBlock(error));
          sessionStorage.removeItem(storageKey(params));
          return;
        }
      }
      if (submission && String(submission.year) !== String(year)) {
        // The address kept a submission of another year (the year was changed in the header): not this screen's.
        sessionStorage.removeItem(storageKey(params));
        history.replaceState(null, '', location.hash.split('?')[0]);
        status.replaceChildren(h('p', { class: 'muted' }, 'Chưa có lần nộp nào trong phiên làm việc này.'));
        return;
      }
      if (submission) {
        showSubmission(submission);
        if (finalStatuses.has(submission.status)) return;
      }
      await new Promise(resolve => setTimeout(resolve, delay));
      delay = Math.min(delay * poll.factor, poll.maxMs);
    }
  }

  function showSubmission(s) {
    const words = statusWords[s.status] ?? s.status;
    status.replaceChildren(h('div', {},
      h('p', {}, h('strong', {}, 'Trạng thái: '), h('span', { class: `badge ${statusBadge[s.status] ?? 'warn'}` }, words)),
      s.reason ? h('p', {}, s.reason) : null,
      h('p', { class: 'muted' }, `Tệp ${s.fileName ?? ''} · nhận lúc ${fmt.dateTime(s.receivedAt)} · mã lần nộp ${s.submissionId}`)));
    const parts = [];
    if (s.status === 'scored') {
      parts.push(h('section', { class: 'card', 'aria-labelledby': 'ket-qua-nop' },
        h('h2', { id: 'ket-qua-nop' }, s.counted ? 'Kết quả lần nộp này' : 'Kết quả lần nộp này (không được tính)'),
        table([
          { title: 'Phân loại', value: r => r.label },
          { title: 'Số hộ', value: r => fmt.number(r.count), num: true },
        ], Object.entries(s.households ?? {}).map(([code, count]) => ({ label: classNames[code] ?? code, count })),
        { caption: `${fmt.number(s.householdsScored)} hộ đã chấm điểm` }),
        h('p', {}, h('a', { href: `#/xa/${commune}/${year}/ket-qua` }, 'Xem kết quả từng hộ'))));
    }
    if (s.errors?.length || s.warnings?.length)
      parts.push(issuesBlock({ errors: s.errors, warnings: s.warnings, fileName: s.fileName, omitted: s.omitted, errorCount: s.errorCount, warningCount: s.warningCount }));
    result.replaceChildren(...parts);
  }

  const form = h('form', { class: 'card upload-form', 'aria-labelledby': 'tai-len-tieu-de' },
    h('h2', { id: 'tai-len-tieu-de' }, 'Tải lên tệp khảo sát'),
    h('p', {}, 'Tệp Excel (.xlsx) theo mẫu phiếu, hoặc tệp .zip gồm các tệp CSV. Tải lên lại cùng một tệp không bị tính hai lần.'),
    h('label', { for: 'tep-khao-sat' }, 'Tệp khảo sát', file),
    h('div', {}, send),
    progress);
  form.addEventListener('submit', async event => {
    event.preventDefault();
    const chosen = file.files[0];
    if (!chosen) return;
    watching++;
    send.disabled = true;
    progress.hidden = false;
    bar.value = 0;
    barText.textContent = ' 0 %';
    result.replaceChildren();
    status.replaceChildren(h('p', {}, `Đang tải lên ${chosen.name}…`));
    try {
      const answer = await upload(`/api/surveys/${encodeURIComponent(year)}/${encodeURIComponent(commune)}`, chosen, share => {
        bar.value = Math.round(share * 100);
        barText.textContent = ` ${bar.value} %`;
      });
      bar.value = 100;
      barText.textContent = ' 100 %';
      remember(params, answer.body.submissionId);
      status.replaceChildren(h('p', {}, answer.body.duplicate ? 'Tệp này đã được tải lên trước đây; đang xem lần nộp đó.' : 'Đã gửi xong tệp; đang chờ chấm điểm.'));
      follow(answer.body.submissionId);
    } catch (error) {
      status.replaceChildren(h('p', {}, h('span', { class: 'badge bad' }, 'Tệp bị từ chối')));
      const errors = error.problem?.errors ?? [];
      result.replaceChildren(problemBlock(error), errors.length ? issuesBlock({ errors, fileName: chosen.name }) : '');
    } finally {
      send.disabled = false;
    }
  });

  main.append(
    ...heading('Khảo sát hộ gia đình', params),
    h('section', { class: 'card', 'aria-labelledby': 'mau-phieu-tieu-de' },
      h('h2', { id: 'mau-phieu-tieu-de' }, 'Mẫu phiếu'),
      h('p', {}, `Tải mẫu phiếu Excel của năm ${year}, điền thông tin các hộ rồi tải lên bên dưới.`),
      templateButton),
    form,
    h('section', { 'aria-labelledby': 'trang-thai-tieu-de' }, h('h2', { id: 'trang-thai-tieu-de' }, 'Lần nộp gần nhất'), status, result));

  const last = query.get('nop') ?? sessionStorage.getItem(storageKey(params));
  if (last) {
    remember(params, last);
    follow(last);
  } else {
    status.append(h('p', { class: 'muted' }, 'Chưa có lần nộp nào trong phiên làm việc này.'));
  }
}
