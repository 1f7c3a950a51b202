// Publishes the demo province's reporting plan with deadlines placed around today, so the local inbox shows reminders at
// once: a period already overdue (overdue notices and the supervisor's list of who is late), one due tomorrow, one next
// week, and a report already received from one agency (who then gets nothing more). Run again on a later day, it moves
// the deadlines (an edit of the published plan) and only the reminders not sent before go out.
const [baseUrl, inboxUrl] = process.argv.slice(2);
if (!baseUrl) {
  console.error('usage: node scripts/demo-plan.mjs <base-url> [inbox-url]');
  process.exit(2);
}

// Every request is signed in: ./run.sh passes a province officer's token of the local development issuer.
const auth = { authorization: `Bearer ${process.env.GIAMNGHEO_TOKEN ?? ''}` };

// Dates in Vietnam (UTC+7), as the plan's deadlines are.
const today = new Date(Date.now() + 7 * 3600_000);
const day = (offset) => new Date(today.getTime() + offset * 86_400_000).toISOString().slice(0, 10);
// The plan's year is that of its earliest deadline (a yearly plan's deadlines may run into the next year's first months).
const year = Number(day(-3).slice(0, 4));
const id = `demo-ha-noi-${year}`;
const plan = {
  id,
  title: `Kế hoạch báo cáo giảm nghèo bền vững năm ${year} (bản trình diễn)`,
  year,
  unitCode: '01',
  source: 'Kế hoạch trình diễn của ./run.sh; hạn nộp đặt quanh ngày chạy.',
  supervisor: { id: 'so-nn-mt', name: 'Sở Nông nghiệp và Môi trường Hà Nội', email: 'so-nn-mt@hanoi.example' },
  reporters: [
    { id: 'so-y-te', name: 'Sở Y tế', email: 'so-y-te@hanoi.example' },
    { id: 'so-gd-dt', name: 'Sở Giáo dục và Đào tạo', email: 'so-gd-dt@hanoi.example' },
    { id: 'so-xay-dung', name: 'Sở Xây dựng', email: 'so-xay-dung@hanoi.example' },
    { id: 'xa-00166', name: 'UBND phường/xã 00166', unitCode: '00166', email: 'xa-00166@hanoi.example' },
  ],
  periods: [
    { id: 'dot-1', label: 'Báo cáo đợt 1 (đã quá hạn)', due: day(-3) },
    { id: 'dot-2', label: 'Báo cáo đợt 2 (hạn ngày mai)', due: day(1) },
    { id: 'dot-3', label: 'Báo cáo đợt 3 (hạn tuần sau)', due: day(7) },
  ],
  reminders: { daysBefore: [7, 3, 1, 0], escalateDaysAfter: [1, 3, 7], timeOfDay: '08:00' },
};

const json = (body) => ({ method: 'POST', headers: { ...auth, 'content-type': 'application/json' }, body: JSON.stringify(body) });
let response = await fetch(`${baseUrl}/api/plans`, json(plan));
if (response.status === 409) response = await fetch(`${baseUrl}/api/plans/${id}`, { ...json(plan), method: 'PUT' });
if (!response.ok) {
  const problem = await response.json();
  console.error(`  kế hoạch ${id}: ${response.status} ${problem.title}: ${problem.detail}`);
  for (const e of problem.errors ?? []) console.error(`    ${e.location}: ${e.message}`);
  process.exit(1);
}

const form = new FormData();
form.append('file', new Blob(['Báo cáo đợt 2 của Sở Y tế (tệp trình diễn)']), 'bao-cao-dot-2.txt');
await fetch(`${baseUrl}/api/plans/${id}/periods/dot-2/reports/so-y-te`, { method: 'POST', headers: auth, body: form });
response = await fetch(`${baseUrl}/api/plans/${id}/publish`, { method: 'POST', headers: auth });
if (!response.ok) throw new Error(`publish: ${response.status}`);

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
let reminders = [];
for (const deadline = Date.now() + 30_000; Date.now() < deadline; await sleep(500)) {
  reminders = (await (await fetch(`${baseUrl}/api/plans/${id}/reminders`, { headers: auth })).json()).reminders;
  if (reminders.length > 0 && reminders.every((r) => r.status === 'da-gui' || r.status === 'that-bai')) break;
}

console.log(`  Kế hoạch ${id}: ${plan.periods.map((p) => `${p.id} hạn ${p.due}`).join(', ')}`);
console.log(`  Nhắc hẹn đã gửi: ${reminders.filter((r) => r.status === 'da-gui').length}/${reminders.length}`);
for (const r of reminders) console.log(`    ${r.periodId} ${r.kind.padEnd(16)} → ${r.recipient.padEnd(28)} ${r.status}`);
if (inboxUrl) console.log(`  Hộp thư:  ${inboxUrl}`);
console.log(`  Từng kỳ:  ${baseUrl}/api/plans/${id}/periods/dot-1   Tỷ lệ báo cáo: ${baseUrl}/api/plans/${id}/reporting-rate`);
