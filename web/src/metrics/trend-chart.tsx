// A metric's 90-day trend: the shop's line against the category average, with the governance line
// (the category average the platform judges against, SPEC §8.5) as a marked line. ECharts from its
// core with only a line chart's pieces.
import { LineChart, type LineSeriesOption } from 'echarts/charts';
import { GridComponent, LegendComponent, MarkLineComponent, TooltipComponent, type GridComponentOption, type LegendComponentOption, type TooltipComponentOption } from 'echarts/components';
import { use, type ComposeOption } from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useMemo } from 'react';
import { useEChart } from '../components/echart.ts';
import type { MetricName, MetricSeries } from '../../../src/contract/index.ts';
import { useT } from '../i18n/index.tsx';
import { formatMetric, isRate } from './format.ts';

use([LineChart, GridComponent, TooltipComponent, LegendComponent, MarkLineComponent, CanvasRenderer]);

type Option = ComposeOption<LineSeriesOption | GridComponentOption | LegendComponentOption | TooltipComponentOption>;

export function TrendChart({ metric, series, threshold, height = 150 }: { metric: MetricName; series: MetricSeries['days']; threshold: number | null; height?: number }) {
  const t = useT();
  const option = useMemo<Option>(() => {
    const scale = (v: number | null) => (v === null ? null : isRate(metric) ? Math.round(v * 10_000) / 100 : v);
    return {
      animation: false,
      grid: { left: 36, right: 8, top: 24, bottom: 20 },
      legend: { top: 0, right: 0, itemWidth: 12, itemHeight: 6, textStyle: { fontSize: 10 } },
      tooltip: { trigger: 'axis', confine: true, valueFormatter: (v) => (v === null || v === undefined ? '—' : isRate(metric) ? `${String(v)}%` : String(v)) },
      xAxis: { type: 'category', data: series.map((d) => d.day.slice(5)), axisLabel: { fontSize: 9, hideOverlap: true } },
      yAxis: { type: 'value', axisLabel: { fontSize: 9, formatter: isRate(metric) ? '{value}%' : '{value}' }, splitNumber: 3 },
      series: [
        {
          name: t('metrics.shop'),
          type: 'line',
          showSymbol: false,
          color: '#ff5000',
          data: series.map((d) => scale(d.metrics[metric])),
          ...(threshold !== null
            ? { markLine: { symbol: 'none', silent: true, lineStyle: { color: '#cf1322', type: 'dashed' }, label: { formatter: t('metrics.threshold'), fontSize: 9, position: 'insideEndTop' }, data: [{ yAxis: scale(threshold) ?? 0 }] } }
            : {}),
        },
        { name: t('metrics.average'), type: 'line', showSymbol: false, color: '#1677ff', lineStyle: { type: 'dotted' }, data: series.map((d) => scale(d.average[metric])) },
      ],
    };
  }, [metric, series, threshold, t]);
  const box = useEChart(option);
  const last = series.at(-1);
  const label = `${t(`metric.${metric}`)}: ${formatMetric(metric, last?.metrics[metric])} / ${t('metrics.average')} ${formatMetric(metric, last?.average[metric])}`;
  return <div ref={box} role="img" aria-label={label} data-testid={`trend-${metric}`} style={{ width: '100%', height, minWidth: 0 }} />;
}
