// Above the queue: how many of the loaded cases fall due in each of the next 24 hours (and later),
// stacked by what the deadline does when it falls (自动同意, 自动关闭, …). ECharts from its core with
// only the pieces a bar chart needs, so the console's bundle stays small.
import { Card, Typography } from 'antd';
import { BarChart, type BarSeriesOption } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent, type GridComponentOption, type LegendComponentOption, type TooltipComponentOption } from 'echarts/components';
import { format, use, type ComposeOption } from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useMemo } from 'react';
import { useEChart } from '../components/echart.ts';
import { CASE_DEADLINE_KINDS } from '../../../src/contract/enums.ts';
import { useNow } from '../components/countdown.tsx';
import { useLabel, useT } from '../i18n/index.tsx';
import type { CaseSummary } from '../../../src/contract/index.ts';
import { bucketDeadlines, HOURS, mergeByLabel } from './deadline-buckets.ts';

use([BarChart, GridComponent, TooltipComponent, LegendComponent, CanvasRenderer]);

type Option = ComposeOption<BarSeriesOption | GridComponentOption | LegendComponentOption | TooltipComponentOption>;

/** One colour per label of CASE_DEADLINE_KINDS (in that order), so a kind keeps its colour; grey for any other. */
const PALETTE = ['#ff5000', '#faad14', '#1677ff', '#13c2c2', '#52c41a', '#722ed1'];
const OTHER = '#8c8c8c';

/** A canvas chart in a div: created on mount, redrawn when the option changes, resized with the window, disposed on unmount. */
function EChart({ option, label, height }: { option: Option; label: string; height: number }) {
  const box = useEChart(option);
  return <div ref={box} role="img" aria-label={label} data-testid="deadline-chart-canvas" style={{ width: '100%', height, minWidth: 0 }} />;
}

export function DeadlineChart({ rows }: { rows: CaseSummary[] }) {
  const t = useT();
  const label = useLabel();
  const now = useNow(60_000);
  const buckets = useMemo(() => bucketDeadlines(rows, now), [rows, now]);
  const kindLabel = (kind: string) => label('deadline', kind);
  const stacks = mergeByLabel(buckets.series, kindLabel);
  const known = [...new Set(CASE_DEADLINE_KINDS.map(kindLabel))];

  // Summary in words, for screen readers (the chart itself is a picture) and on screen.
  const headline = t(buckets.soon === 1 ? 'wb.chart.summaryOne' : 'wb.chart.summary', { n: buckets.soon });
  const soonBy = stacks
    .map((s) => ({ label: s.label, n: s.counts.slice(0, HOURS).reduce((a, b) => a + b, 0) }))
    .filter((s) => s.n > 0)
    .map((s) => t('wb.chart.item', { label: s.label, n: s.n }))
    .join(t('wb.chart.sep'));
  const sentence = `${headline}${soonBy ? t('wb.chart.detail', { detail: soonBy }) : ''}${buckets.later > 0 ? t('wb.chart.later', { n: buckets.later }) : ''}`;

  const key = stacks.map((s) => `${s.label}:${s.counts.join(',')}`).join('|');
  const option = useMemo<Option>(() => {
    const categories = [...Array.from({ length: HOURS }, (_, i) => t('wb.chart.hour', { n: i + 1 })), t('wb.chart.laterBar')];
    const heading = (i: number) => (i === 0 ? t('wb.chart.firstRange') : i < HOURS ? t('wb.chart.range', { from: i, to: i + 1 }) : t('wb.chart.laterRange', { n: HOURS }));
    return {
      animationDuration: 300,
      grid: { left: 4, right: 8, top: 30, bottom: 4 },
      legend: { type: 'scroll', top: 0, left: 0, right: 0, itemWidth: 12, itemHeight: 8, textStyle: { fontSize: 11 } },
      tooltip: {
        trigger: 'axis',
        axisPointer: { type: 'shadow' },
        confine: true,
        formatter: (params) => {
          const list = (Array.isArray(params) ? params : [params]).filter((p) => Number(p.value) > 0);
          const i = Array.isArray(params) ? (params[0]?.dataIndex ?? 0) : params.dataIndex;
          const total = list.reduce((a, p) => a + Number(p.value), 0);
          const lines = list.map((p) => `${typeof p.marker === 'string' ? p.marker : ''}${format.encodeHTML(p.seriesName ?? '')} <b>${Number(p.value)}</b>`);
          return [`${format.encodeHTML(heading(i))} · ${format.encodeHTML(t('wb.chart.total', { n: total }))}`, ...lines].join('<br/>');
        },
      },
      xAxis: { type: 'category', data: categories, axisTick: { alignWithLabel: true }, axisLabel: { fontSize: 10, hideOverlap: true } },
      yAxis: { type: 'value', minInterval: 1, splitNumber: 3, axisLabel: { fontSize: 10 } },
      series: stacks.map((s) => {
        const at = known.indexOf(s.label);
        return { id: s.label, name: s.label, type: 'bar', stack: 'due', barMaxWidth: 18, color: at >= 0 ? (PALETTE[at % PALETTE.length] ?? OTHER) : OTHER, data: s.counts };
      }),
    };
    // `key` and `t` say everything the option is made of (stacks and known follow from them).
  }, [key, t]);

  return (
    <Card size="small" data-testid="deadline-chart" styles={{ body: { padding: '8px 12px' } }}>
      <Typography.Text strong data-testid="deadline-chart-summary">
        {headline}
      </Typography.Text>
      <EChart option={option} label={sentence} height={180} />
    </Card>
  );
}
