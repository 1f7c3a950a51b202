// The one way the app talks to the API: bearer token from the session, problem+json turned into ApiError with the
// server's Vietnamese title and detail, uploads through XMLHttpRequest because fetch cannot report upload progress.
import { session } from './session.js';

/** A refused or failed request: the API's problem (code, title, detail, errors) or a network failure. */
export class ApiError extends Error {
  constructor(status, problem) {
    super(problem?.detail || problem?.title || `Lỗi ${status}`);
    this.status = status;
    this.problem = problem ?? {};
    this.code = (problem?.type ?? '').replace('urn:giamngheo:problem:', '') || null;
  }
}

function headers(extra = {}) {
  const token = session.token();
  return token ? { Authorization: `Bearer ${token}`, ...extra } : extra;
}

async function problemOf(response) {
  const type = response.headers.get('content-type') ?? '';
  if (type.includes('json')) {
    try { return await response.json(); } catch { /* an empty or cut body: fall through to the status text */ }
  }
  return { title: response.statusText || `Lỗi ${response.status}` };
}

async function send(path, options = {}) {
  let response;
  try {
    response = await fetch(path, { ...options, headers: headers(options.headers) });
  } catch {
    throw new ApiError(0, { title: 'Không kết nối được máy chủ', detail: 'Kiểm tra kết nối mạng rồi thử lại.' });
  }
  if (response.status === 401) session.expired();
  if (!response.ok && response.status !== 202 && response.status !== 304) throw new ApiError(response.status, await problemOf(response));
  return response;
}

/** GET a JSON resource; 202 answers come back as { accepted: true, body, location } so a caller can poll. */
export async function getJson(path, { signal } = {}) {
  const response = await send(path, { signal, headers: { Accept: 'application/json' } });
  const body = response.status === 204 ? null : await response.json();
  return response.status === 202 ? { accepted: true, body, location: response.headers.get('location') } : body;
}

/** POST or PUT JSON, answer parsed. */
export async function sendJson(path, body, method = 'POST') {
  const response = await send(path, { method, body: JSON.stringify(body ?? {}), headers: { 'Content-Type': 'application/json', Accept: 'application/json' } });
  return response.status === 204 ? null : response.json();
}

/** Uploads a file as multipart field `file`; onProgress gets 0..1. Resolves with the parsed answer and its status. */
export function upload(path, file, onProgress) {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', path);
    for (const [k, v] of Object.entries(headers({ Accept: 'application/json' }))) xhr.setRequestHeader(k, v);
    xhr.upload.onprogress = e => { if (e.lengthComputable && onProgress) onProgress(e.loaded / e.total); };
    xhr.onerror = () => reject(new ApiError(0, { title: 'Mất kết nối khi tải lên', detail: 'Tệp chưa được gửi trọn vẹn; hãy thử lại.' }));
    xhr.onload = () => {
      let body = null;
      try { body = xhr.responseText ? JSON.parse(xhr.responseText) : null; } catch { body = { title: xhr.statusText }; }
      if (xhr.status === 401) session.expired();
      if (xhr.status >= 400) reject(new ApiError(xhr.status, body));
      else resolve({ status: xhr.status, body });
    };
    const form = new FormData();
    form.append('file', file, file.name);
    xhr.send(form);
  });
}

/** Downloads a file the API answers (it needs the token, so a plain link cannot); falls back to the server's name. */
export async function download(path, fallbackName) {
  const response = await send(path);
  if (response.status === 202) return { accepted: true, body: await response.json() };
  const disposition = response.headers.get('content-disposition') ?? '';
  const match = /filename\*=UTF-8''([^;]+)|filename="?([^";]+)"?/i.exec(disposition);
  const name = match ? decodeURIComponent(match[1] ?? match[2]) : fallbackName;
  saveBlob(await response.blob(), name);
  return { accepted: false, name };
}

/** Offers a blob made in the page (e.g. the error list) as a download. */
export function saveBlob(blob, name) {
  const url = URL.createObjectURL(blob);
  const a = Object.assign(document.createElement('a'), { href: url, download: name });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
