// Line and bar charts for reports, as SVG (the web dashboard inlines it) or PNG (the chat channels).
// Why ECharts' server-side SVG renderer plus resvg: ECharts builds the SVG as a string with no DOM and
// no native canvas package to compile, and resvg (a prebuilt Rust rasteriser) turns it into a PNG
// with the DejaVu fonts shipped on npm, so nothing is downloaded, no browser runs, and Vietnamese
// diacritics render even on a host with no system fonts. Both libraries are loaded on first use so
// the bot's start-up does not pay for them. Every word on a chart comes from the caller.
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

export interface ChartSeries {
  name: string;
  /** One value per category; `null` leaves a gap. */
  values: (number | null)[];
}

export interface ChartSpec {
  kind: 'line' | 'bar';
  title: string;
  /** x-axis labels, e.g. months "T1/2026" … or meeting labels */
  categories: string[];
  series: ChartSeries[];
  /** y axis range; defaults: 0 .. max of data */
  yMin?: number;
  yMax?: number;
  /** appended to y axis labels, e.g. '%' */
  unit?: string;
  /** dashed horizontal reference lines, e.g. { value: 85, label: '85%' } or the score bands 90/70/50 */
  markLines?: { value: number; label: string }[];
  width?: number; // default 900
  height?: number; // default 500
}

const FONT_FAMILY = 'DejaVu Sans';
const fontDir = join(dirname(createRequire(import.meta.url).resolve('dejavu-fonts-ttf/package.json')), 'ttf');
const FONT_FILES = [join(fontDir, 'DejaVuSans.ttf'), join(fontDir, 'DejaVuSans-Bold.ttf')];

/** The ECharts modules, imported and registered once, on the first chart. */
let echartsCore: Promise<typeof import('echarts/core')> | undefined;
function loadEcharts(): Promise<typeof import('echarts/core')> {
  echartsCore ??= (async () => {
    const [core, charts, components, renderers] = await Promise.all([
      import('echarts/core'),
      import('echarts/charts'),
      import('echarts/components'),
      import('echarts/renderers'),
    ]);
    core.use([
      charts.LineChart,
      charts.BarChart,
      components.TitleComponent,
      components.GridComponent,
      components.LegendComponent,
      components.MarkLineComponent,
      renderers.SVGRenderer,
    ]);
    return core;
  })();
  return echartsCore;
}

/** The ECharts option for a spec: white background, no animation, DejaVu Sans everywhere. */
function chartOption(spec: ChartSpec) {
  const unit = spec.unit ?? '';
  const withUnit = (value: number) => `${value}${unit}`;
  const legend = spec.series.length > 1;
  const marks = spec.markLines ?? [];
  return {
    animation: false,
    backgroundColor: '#fff',
    textStyle: { fontFamily: FONT_FAMILY },
    title: { text: spec.title, left: 'center', top: 12, textStyle: { fontFamily: FONT_FAMILY, fontSize: 18 } },
    legend: legend ? { show: true, bottom: 8, textStyle: { fontFamily: FONT_FAMILY } } : { show: false },
    // Room on the right for the reference lines' labels, drawn past the plot so bars never cover them.
    grid: { left: 24, right: marks.length ? 120 : 40, top: 64, bottom: legend ? 48 : 24 },
    xAxis: { type: 'category', data: spec.categories, axisLabel: { interval: 0, hideOverlap: true } },
    yAxis: {
      type: 'value',
      min: spec.yMin ?? 0,
      max: spec.yMax,
      // ECharts sizes the axis to the data only; `dataMax` (new in ECharts 6) keeps the reference lines in view.
      dataMax: marks.length > 0 ? Math.max(...marks.map((m) => m.value)) : undefined,
      axisLabel: { formatter: withUnit },
    },
    series: spec.series.map((s, i) => ({
      type: spec.kind,
      name: s.name,
      data: s.values,
      connectNulls: false,
      label: spec.kind === 'bar' ? { show: true, position: 'top', formatter: (p: { value: unknown }) => (typeof p.value === 'number' ? withUnit(p.value) : '') } : undefined,
      markLine:
        i === 0 && marks.length > 0
          ? {
              silent: true,
              symbol: 'none',
              lineStyle: { type: 'dashed', color: '#888' },
              label: { position: 'end', formatter: '{b}', color: '#555' },
              data: marks.map((m) => ({ yAxis: m.value, name: m.label })),
            }
          : undefined,
    })),
  };
}

/**
 * ECharts names clip paths and CSS classes after per-process counters ("zr3-c0", "zr3-cls-17"), so the
 * same chart drawn twice differs. Rename them after the spec: the same spec gives the same SVG, and two
 * different charts inlined in one page still do not share ids.
 */
function stableIds(svg: string, spec: ChartSpec): string {
  const prefix = `chart-${createHash('sha256').update(JSON.stringify(spec)).digest('hex').slice(0, 12)}`;
  const classes = new Map<string, number>();
  const classNumber = (n: string) => {
    if (!classes.has(n)) classes.set(n, classes.size);
    return classes.get(n);
  };
  return svg.replace(/\bzr\d+-cls-(\d+)/g, (_, n: string) => `${prefix}-cls-${classNumber(n)}`).replace(/\bzr\d+-/g, `${prefix}-`);
}

/** The chart as an SVG string (useful for the web dashboard, which can inline it). */
export async function renderChartSvg(spec: ChartSpec): Promise<string> {
  const echarts = await loadEcharts();
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width: spec.width ?? 900, height: spec.height ?? 500 });
  try {
    chart.setOption(chartOption(spec));
    return stableIds(chart.renderToSVGString(), spec);
  } finally {
    chart.dispose();
  }
}

/** The chart as PNG bytes. */
export async function renderChartPng(spec: ChartSpec): Promise<Uint8Array> {
  const [svg, { Resvg }] = await Promise.all([renderChartSvg(spec), import('@resvg/resvg-js')]);
  const resvg = new Resvg(svg, {
    font: { fontFiles: FONT_FILES, loadSystemFonts: false, defaultFontFamily: FONT_FAMILY },
    fitTo: { mode: 'width', value: spec.width ?? 900 },
    background: '#fff',
  });
  return new Uint8Array(resvg.render().asPng());
}
