import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { renderChartPng, renderChartSvg, type ChartSpec } from '../../src/reports/charts.ts';

const attendance: ChartSpec = {
  kind: 'line',
  title: 'Tỷ lệ dự họp — Chi bộ Khu phố 3',
  categories: ['T1/2026', 'T2/2026', 'T3/2026', 'T4/2026', 'T5/2026', 'T6/2026'],
  series: [
    { name: 'Chi bộ Khu phố 3', values: [92, 88, 81, 80, 95, 90] },
    { name: 'Đảng bộ phường', values: [85, 84, 86, 83, 88, 87] },
  ],
  yMax: 100,
  unit: '%',
  markLines: [{ value: 85, label: 'Mục tiêu 85%' }],
};

const scores: ChartSpec = {
  kind: 'bar',
  title: 'Điểm chấm sinh hoạt chi bộ',
  categories: ['Họp T1', 'Họp T2', 'Họp T3', 'Họp T4'],
  series: [{ name: 'Điểm chấm', values: [93, 72.5, null, 48] }],
  markLines: [
    { value: 90, label: 'Tốt' },
    { value: 70, label: 'Khá' },
    { value: 50, label: 'Trung bình' },
  ],
  width: 640,
  height: 360,
};

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

const decode = (bytes: Uint8Array) => PNG.sync.read(Buffer.from(bytes));
const rgbaAt = (png: PNG, i: number) => [png.data[i * 4]!, png.data[i * 4 + 1]!, png.data[i * 4 + 2]!, png.data[i * 4 + 3]!];
const pixels = (png: PNG) => Array.from({ length: png.width * png.height }, (_, i) => rgbaAt(png, i));
const hex = ([r, g, b]: number[]) => `#${[r, g, b].map((c) => c!.toString(16).padStart(2, '0')).join('')}`;
/** The texts of the SVG's <text> elements. */
const texts = (svg: string) => [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]!);
/** The `d` of each drawn series line (the only unfilled paths two pixels wide). */
const seriesLines = (svg: string) =>
  [...svg.matchAll(/<path d="([^"]+)" fill="none"[^>]*stroke-width="2"[^>]*>/g)].map((m) => m[1]!);
/** The data indices ECharts drew a symbol or bar for (the reference lines are the silent ones). */
const drawnIndices = (svg: string) =>
  [...svg.matchAll(/ecmeta_series_index="0" ecmeta_data_index="(\d+)" ecmeta_ssr_type="chart"(?! ecmeta_silent)/g)].map((m) => Number(m[1]));

describe('renderChartPng', () => {
  it('returns an opaque PNG of the requested size', async () => {
    const bytes = await renderChartPng(scores);
    expect([...bytes.subarray(0, 8)]).toEqual(PNG_SIGNATURE);
    const png = decode(bytes);
    expect([png.width, png.height]).toEqual([640, 360]);
    expect(pixels(png).every(([, , , a]) => a === 255)).toBe(true);
    expect(hex(rgbaAt(png, 0))).toBe('#ffffff');
  });

  it('defaults to 900 x 500', async () => {
    const png = decode(await renderChartPng({ ...attendance, width: undefined, height: undefined }));
    expect([png.width, png.height]).toEqual([900, 500]);
  });

  it('draws the chart: many colours, the bars in their SVG colour, and text in the title band', async () => {
    const svg = await renderChartSvg(scores);
    const barFill = svg.match(/fill="(#[0-9a-f]{6})" ecmeta_series_index="0" ecmeta_data_index="0"/)![1]!;
    const png = decode(await renderChartPng(scores));
    const all = pixels(png);
    expect(new Set(all.map(hex)).size).toBeGreaterThan(50);
    expect(all.filter((p) => hex(p) === barFill).length).toBeGreaterThan(5_000);
    // Without a usable font resvg silently drops the text: the title must leave dark pixels near the top.
    const titleBand = all.slice(0, png.width * 40);
    expect(titleBand.filter(([r, g, b]) => r! + g! + b! < 300).length).toBeGreaterThan(100);
  });

  it('is deterministic: the same spec gives the same bytes', async () => {
    expect(await renderChartPng(scores)).toEqual(await renderChartPng(scores));
    expect(await renderChartSvg(attendance)).toBe(await renderChartSvg(attendance));
  });
});

describe('renderChartSvg', () => {
  it('writes the title with its diacritics, the categories, the unit and the reference lines', async () => {
    const svg = await renderChartSvg(attendance);
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg).toContain('width="900" height="500"');
    const words = texts(svg);
    expect(words).toContain('Tỷ lệ dự họp — Chi bộ Khu phố 3');
    for (const month of attendance.categories) expect(words).toContain(month);
    expect(words).toContain('100%');
    expect(words).toContain('Mục tiêu 85%');
    expect(svg).toContain('stroke-dasharray');
    expect(svg).toContain('font-family:DejaVu Sans');
    expect(svg).not.toMatch(/@keyframes|animation/);
  });

  it('shows a legend only when there is more than one series', async () => {
    expect(texts(await renderChartSvg(attendance))).toEqual(expect.arrayContaining(['Chi bộ Khu phố 3', 'Đảng bộ phường']));
    const single = await renderChartSvg({ ...attendance, series: [attendance.series[0]!] });
    expect(texts(single)).not.toContain('Chi bộ Khu phố 3');
  });

  it('labels each bar with its value and leaves no bar for a null', async () => {
    const svg = await renderChartSvg(scores);
    expect(texts(svg)).toEqual(expect.arrayContaining(['93', '72.5', '48', 'Tốt', 'Khá', 'Trung bình', 'Họp T3']));
    expect(drawnIndices(svg)).toEqual([0, 1, 3]);
    const withUnit = await renderChartSvg({ ...scores, unit: '%' });
    expect(texts(withUnit)).toEqual(expect.arrayContaining(['93%', '72.5%', '48%']));
  });

  it('breaks a line at a null value', async () => {
    const single = { ...attendance, series: [attendance.series[0]!], markLines: [] };
    const whole = seriesLines(await renderChartSvg(single));
    expect(whole).toHaveLength(1);
    expect(whole[0]!.match(/M/g)).toHaveLength(1);

    const gapped = await renderChartSvg({ ...single, series: [{ name: 'x', values: [92, 88, null, 80, 95, 90] }] });
    const [line] = seriesLines(gapped);
    expect(line!.match(/M/g)).toHaveLength(2); // two runs: T1-T2 and T4-T6
    expect(drawnIndices(gapped)).toEqual([0, 1, 3, 4, 5]);
  });

  it('keeps the reference lines on the axis when they are above the data', async () => {
    const svg = await renderChartSvg({ ...scores, series: [{ name: 'x', values: [40, 55, 60, 45] }] });
    const axisTop = Math.max(...texts(svg).filter((t) => /^\d+$/.test(t)).map(Number));
    expect(axisTop).toBeGreaterThanOrEqual(90);
  });

  it('honours yMin and yMax', async () => {
    const words = texts(await renderChartSvg({ ...attendance, yMin: 50, yMax: 100, markLines: [] }));
    expect(words).toContain('50%');
    expect(words).toContain('100%');
    expect(words).not.toContain('0%');
  });
});
