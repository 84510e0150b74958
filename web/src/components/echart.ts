// One ECharts canvas in a div: created on mount, given each new option, resized with the window,
// disposed on unmount. Charts register the ECharts pieces they use themselves (bundle size).
import { init } from 'echarts/core';
import { useEffect, useRef } from 'react';

export function useEChart<O>(option: O) {
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<ReturnType<typeof init> | null>(null);
  useEffect(() => {
    if (!box.current) return;
    const c = init(box.current, undefined, { renderer: 'canvas' });
    chart.current = c;
    const onResize = () => c.resize();
    window.addEventListener('resize', onResize);
    return () => {
      window.removeEventListener('resize', onResize);
      chart.current = null;
      c.dispose();
    };
  }, []);
  useEffect(() => {
    chart.current?.setOption(option as never, { replaceMerge: ['series'] });
  }, [option]);
  return box;
}
