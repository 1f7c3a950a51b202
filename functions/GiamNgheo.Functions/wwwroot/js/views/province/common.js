// What the province screens share: their heading.
import { h } from '../../dom.js';

/** The screen's one h1 (the header's menu links the province's screens). */
export function provinceHeader(main, { province, year }, title) {
  main.append(h('h1', {}, `${title} – tỉnh ${province}, năm ${year}`));
}
