// Starts the app: the menu of the signed-in person's roles, then the screen of the address (#/…).
import { session } from './session.js';
import { current, menuFor, go } from './router.js';
import { h, problemBlock, roleNames } from './dom.js';
import './views/index.js';

/** The unit a route parameter means for this person: their first commune (5 digits) or province (2 digits). */
function unitFor(user, name) {
  if (name === 'commune') return user.units.find(u => u.length === 5);
  if (name === 'province') return user.units.find(u => u.length === 2);
  if (name === 'year') return String(workingYear());
  return null;
}

const YEAR_KEY = 'giamngheo.year';
const firstYear = 2022;

/** The review year the person works on: chosen in the header, else this calendar year. */
export function workingYear() {
  return Number(sessionStorage.getItem(YEAR_KEY)) || new Date().getFullYear();
}

function yearPicker() {
  const last = new Date().getFullYear() + 1;
  const select = h('select', { id: 'nam', onchange: e => {
    sessionStorage.setItem(YEAR_KEY, e.target.value);
    go(location.hash.replace(/\/(20\d\d)(?=\/|$)/, `/${e.target.value}`));
    renderChrome();
  } }, Array.from({ length: last - firstYear + 1 }, (_, i) => last - i).map(y => h('option', { value: y, selected: y === workingYear() }, y)));
  return h('label', { class: 'year' }, 'Năm rà soát ', select);
}

function renderChrome() {
  const user = session.user();
  const menu = document.getElementById('menu');
  const who = document.getElementById('who');
  menu.replaceChildren();
  who.replaceChildren();
  if (!user) return;
  const items = menuFor(user.roles, n => unitFor(user, n));
  menu.append(h('ul', {}, items.map(i => h('li', {}, h('a', { href: i.href }, i.title)))));
  who.append(
    yearPicker(),
    h('span', {}, user.name, ' · ', user.roles.map(r => roleNames[r] ?? r).join(', '), user.units.length ? ` · ${user.units.join(', ')}` : ''),
    h('button', { type: 'button', class: 'link', onclick: () => { session.signOut(); go('#/dang-nhap'); } }, 'Đăng xuất'));
}

let rendering = 0;
async function render() {
  const ticket = ++rendering;
  const main = document.getElementById('noi-dung');
  const user = session.user();
  let match = current();
  if (!user && match?.route.pattern !== '/dang-nhap') return go('#/dang-nhap');
  if (user && (!match || match.route.pattern === '/')) {
    const first = menuFor(user.roles, n => unitFor(user, n))[0];
    if (first && first.href !== location.hash) return go(first.href);
    match = current();
  }
  // An address names its year (a bookmark, a link from another screen): the picker and the menu follow it.
  if (/^20\d\d$/.test(match?.params.year ?? '')) sessionStorage.setItem(YEAR_KEY, match.params.year);
  renderChrome();
  document.querySelectorAll('#menu a').forEach(a => a.toggleAttribute('aria-current', a.getAttribute('href') === location.hash.split('?')[0]));
  main.replaceChildren();
  if (!match) {
    main.append(h('h1', {}, 'Không tìm thấy trang'), h('p', {}, h('a', { href: '#/' }, 'Về trang đầu')));
    return;
  }
  document.title = `${match.route.title ?? 'GiamNgheo'} – GiamNgheo`;
  try {
    await match.route.view(main, match.params, match.query, () => ticket !== rendering);
  } catch (error) {
    if (ticket === rendering) main.append(problemBlock(error));
  }
  if (ticket === rendering) main.focus({ preventScroll: true });
}

session.onChange(renderChrome);
window.addEventListener('hashchange', render);
render();
