// Charts as inline SVG, no library. Bars are sized in percent of the chart's width and text in CSS pixels, so the
// labels stay readable on a 360 px phone and on paper without scaling the whole picture. Every chart names itself for
// screen readers (role="img", aria-label, <title>, <desc>); the screens print the same figures as a table beside it.
import { h } from './dom.js';

const NS = 'http://www.w3.org/2000/svg';
// Row layout in CSS pixels: text lines (label and value; a stacked bar's values get their own line), the bar, a gap.
const LINE_HEIGHT = 20;
const BAR_HEIGHT = 16;
const ROW_GAP = 10;

function svg(tag, attrs = {}, ...children) {
  const el = document.createElementNS(NS, tag);
  for (const [k, v] of Object.entries(attrs)) if (v !== null && v !== undefined) el.setAttribute(k, String(v));
  for (const c of children.flat()) if (c !== null && c !== undefined) el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  return el;
}

let chartCount = 0;

/**
 * A horizontal bar chart, stacked when there are several series.
 * rows: [{ label, values: [number…] }] (one value per series); series: [{ name }] (names the legend and the values);
 * format(value) writes a value; max fixes the scale (e.g. 100 for percentages), else the largest row total.
 * Returns a <figure> with the SVG, its legend (text, not colour alone) and the caption.
 */
export function barChart({ title, description, rows, series = [{ name: '' }], format = String, max }) {
  const id = `bieu-do-${++chartCount}`;
  const totals = rows.map(r => r.values.reduce((a, b) => a + (b ?? 0), 0));
  const scale = max ?? Math.max(...totals, 0);
  const lines = series.length > 1 ? 2 : 1;
  const textHeight = lines * LINE_HEIGHT;
  const rowHeight = textHeight + BAR_HEIGHT + ROW_GAP;
  const height = Math.max(rows.length, 1) * rowHeight;
  const valueText = r => (series.length > 1
    ? r.values.map((v, i) => `${series[i].short ?? series[i].name}: ${format(v)}`).join(' · ')
    : format(r.values[0]));
  const summary = rows.map(r => `${r.label}: ${valueText(r)}`).join('; ');

  const chart = svg('svg', {
    class: 'chart', width: '100%', height, role: 'img', 'aria-label': title, 'aria-describedby': `${id}-mo-ta`,
    preserveAspectRatio: 'none',
  },
  svg('title', {}, title),
  svg('desc', { id: `${id}-mo-ta` }, description ? `${description}. ${summary}` : summary),
  rows.map((r, i) => {
    const y = i * rowHeight;
    let offset = 0;
    const bars = r.values.map((v, s) => {
      const width = scale > 0 ? (100 * (v ?? 0)) / scale : 0;
      const rect = svg('rect', { class: `bar bar-${s}`, x: `${offset}%`, y: y + textHeight, width: `${width}%`, height: BAR_HEIGHT });
      offset += width;
      return rect;
    });
    return svg('g', {},
      svg('rect', { class: 'bar-track', x: 0, y: y + textHeight, width: '100%', height: BAR_HEIGHT }),
      bars,
      // Text starts at the left edge so label and value never overlap on a narrow phone.
      lines === 1
        ? svg('text', { class: 'chart-label', x: 0, y: y + LINE_HEIGHT - 5 }, `${r.label}: `, svg('tspan', { class: 'chart-value' }, valueText(r)))
        : [svg('text', { class: 'chart-label', x: 0, y: y + LINE_HEIGHT - 5 }, r.label),
          svg('text', { class: 'chart-value', x: 0, y: y + 2 * LINE_HEIGHT - 5 }, valueText(r))]);
  }));

  return h('figure', { class: 'chart-figure' },
    h('figcaption', {}, title),
    series.length > 1 ? legend(series) : null,
    h('div', { class: 'chart-box' }, chart));
}

/** The series' names beside a swatch of their colour, and in words, so colour is never the only key. */
export function legend(series) {
  return h('ul', { class: 'legend' }, series.map((s, i) => h('li', {}, h('span', { class: `swatch bar-${i}`, 'aria-hidden': 'true' }), s.name)));
}
