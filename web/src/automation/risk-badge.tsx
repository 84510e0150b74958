// The buyer's risk (SPEC §10.4) as a tag — band and score — with its factors on hover, in the
// merchant's case view and queue. One request per buyer per page view (cached): a queue of fifty
// rows from ten buyers asks ten times.
import { Tag, Tooltip } from 'antd';
import { useEffect, useState } from 'react';
import type { BuyerRisk } from '../../../src/contract/index.ts';
import { api } from '../api.ts';
import { useLang, type T } from '../i18n/index.tsx';

const cache = new Map<string, Promise<BuyerRisk | null>>();
export const BAND_COLOR: Record<string, string> = { low: 'green', medium: 'orange', high: 'red' };

export function riskOf(buyer: string): Promise<BuyerRisk | null> {
  if (!cache.has(buyer)) cache.set(buyer, api<BuyerRisk>(`/v1/buyers/${encodeURIComponent(buyer)}/risk`).catch(() => null));
  return cache.get(buyer)!;
}
/** After a command the buyer's signals may have changed. */
export const forgetRisk = (buyer: string) => cache.delete(buyer);

export function factorsInWords(r: Pick<BuyerRisk, 'factors'>, t: T): string {
  if (r.factors.length === 0) return t('risk.none');
  return r.factors.map((f) => t('risk.factor', { signal: t(`risk.signal.${f.signal}`), count: f.count, points: f.points })).join('; ');
}

export function RiskBadge({ buyer, testid = 'risk-badge' }: { buyer: string; testid?: string }) {
  const { t } = useLang();
  const [r, setR] = useState<BuyerRisk | null>(null);
  useEffect(() => {
    let live = true;
    void riskOf(buyer).then((x) => live && setR(x));
    return () => {
      live = false;
    };
  }, [buyer]);
  if (!r) return null;
  return (
    <Tooltip title={`${t('risk.factors')}: ${factorsInWords(r, t)}`}>
      <Tag color={BAND_COLOR[r.band]} data-testid={testid} data-band={r.band} aria-label={`${t(`risk.${r.band}`)} · ${factorsInWords(r, t)}`}>
        {t(`risk.${r.band}`)} · {r.score}
      </Tag>
    </Tooltip>
  );
}
