// Uploads the demo surveys of one province to a running handler, waits until each is scored or rejected,
// then prints the province summary, asks for the province workbook and follows its build until the file is ready. Node 20 has fetch, FormData and Blob built in,
// so the demo needs nothing beyond the Node.js that Azurite already requires.
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';

const [baseUrl, year, province, dir] = process.argv.slice(2);
if (!baseUrl || !year || !province || !dir) {
  console.error('usage: node scripts/demo-upload.mjs <base-url> <year> <province> <dir>');
  process.exit(2);
}

// Every request is signed in: ./run.sh passes a province officer's token of the local development issuer.
const auth = { authorization: `Bearer ${process.env.GIAMNGHEO_TOKEN ?? ''}` };

const files = (await readdir(dir)).filter((f) => /^\d{5}\.(xlsx|zip)$/.test(f)).sort();
const ids = [];
for (const file of files) {
  const commune = file.slice(0, 5);
  const form = new FormData();
  form.append('file', new Blob([await readFile(path.join(dir, file))]), file);
  const response = await fetch(`${baseUrl}/api/surveys/${year}/${commune}`, { method: 'POST', headers: auth, body: form });
  const body = await response.json();
  if (response.status !== 202) {
    console.error(`  ${file}: ${response.status} ${body.title}: ${body.detail}`);
    continue;
  }
  console.log(`  ${file}: ${body.submissionId} (${body.duplicate ? 'đã có, nộp lại cùng tệp' : 'mới'})`);
  ids.push(body.submissionId);
}

const deadline = Date.now() + 180_000;
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
let scored = 0;
for (const id of ids) {
  for (;;) {
    const s = await (await fetch(`${baseUrl}/api/submissions/${id}`, { headers: auth })).json();
    if (['scored', 'rejected', 'failed'].includes(s.status)) {
      console.log(`  ${id}: ${s.status}, ${s.householdsScored} hộ (nghèo ${s.households.ngheo}, cận nghèo ${s.households.can_ngheo})`);
      if (s.status === 'scored') scored++;
      break;
    }
    if (Date.now() > deadline) throw new Error(`${id} is still ${s.status}`);
    await sleep(200);
  }
}

let summary;
for (;;) {
  summary = await (await fetch(`${baseUrl}/api/units/${year}/${province}/summary`, { headers: auth })).json();
  if (summary.communesReported >= scored || Date.now() > deadline) break;
  await sleep(200);
}

const pct = (v) => (v === null || v === undefined ? '-' : `${v}%`);
console.log();
console.log(`Tổng hợp ${summary.unitName} (${summary.unitCode}), năm ${summary.year} — chuẩn ${summary.standard}`);
console.log(`  Xã đã có kết quả:      ${summary.communesReported}/${summary.communesTotal}`);
console.log(`  Tổng số hộ dân cư:     ${summary.totalHouseholds}  (nhân khẩu: ${summary.totalPersons})`);
console.log(`  Hộ được rà soát:       ${summary.scoredHouseholds}`);
console.log(`  Hộ nghèo:              ${summary.poorHouseholds}  (${pct(summary.poorRate)}), nhân khẩu ${summary.persons.poor}`);
console.log(`  Hộ cận nghèo:          ${summary.nearPoorHouseholds}  (${pct(summary.nearPoorRate)}), nhân khẩu ${summary.persons.nearPoor}`);
console.log(`  Hộ mức sống trung bình: ${summary.middleLivingHouseholds}  (${pct(summary.middleLivingRate)})`);
// The workbook is built by a durable job: 202 with a status URL while it runs, then 303 to the file.
let exportUrl = `${baseUrl}/api/exports/${year}/${province}`;
let fileUrl = exportUrl;
for (;;) {
  const response = await fetch(exportUrl, { headers: auth, redirect: 'manual' });
  if (response.status === 200) {
    await response.body?.cancel();
    break;
  }
  if (response.status === 303) {
    fileUrl = `${baseUrl}${response.headers.get('location')}`;
    break;
  }
  const body = await response.json();
  if (response.status !== 202) throw new Error(`export: ${response.status} ${body.title}: ${body.detail}`);
  exportUrl = `${baseUrl}${body.statusUrl}`;
  fileUrl = `${baseUrl}${body.fileUrl}`;
  if (Date.now() > deadline) throw new Error(`the export is still ${body.phase}`);
  await sleep(500);
}

console.log();
console.log(`Export (xlsx):  ${fileUrl}`);
console.log(`Summary JSON:   ${baseUrl}/api/units/${year}/${province}/summary`);
