// What the province screens share: who sees them and the links between them.
import { h } from '../../dom.js';

/** Province officers and analysts of the province; an admin may open any province's screens by their address. */
export const provinceRoles = ['province-officer', 'analyst', 'admin'];

const screens = [
  ['tien-do', 'Tiến độ'],
  ['tong-hop', 'Tổng hợp'],
  ['bao-cao', 'Báo cáo'],
  ['ke-hoach', 'Kế hoạch'],
];

/** The screen's one h1 and the links to the province's other screens of the same year. */
export function provinceHeader(main, { province, year }, current, title) {
  main.append(
    h('h1', {}, `${title} – tỉnh ${province}, năm ${year}`),
    h('nav', { class: 'subnav no-print', 'aria-label': 'Màn hình của tỉnh' }, h('ul', {}, screens.map(([slug, name]) =>
      h('li', {}, h('a', { href: `#/tinh/${province}/${year}/${slug}`, 'aria-current': slug === current ? 'page' : null }, name))))));
}

/** A status as a badge with its words (colour never alone). */
export function badge(text, tone) {
  return h('span', { class: `badge ${tone}` }, text);
}
