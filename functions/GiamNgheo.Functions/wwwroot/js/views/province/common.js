// What the province screens share: who sees them, their heading.
import { h } from '../../dom.js';

/** Province officers and analysts of the province; an admin may open any province's screens by their address. */
export const provinceRoles = ['province-officer', 'analyst', 'admin'];

/** The screen's one h1 (the header's menu links the province's screens). */
export function provinceHeader(main, { province, year }, title) {
  main.append(h('h1', {}, `${title} – tỉnh ${province}, năm ${year}`));
}
