// The burden of proof in words (SPEC §7): in which situation, which party must show which kinds
// of evidence ("any of" / "all of"), and whether what it gave meets it.
import { Card, Space, Tag, Typography } from 'antd';
import { useLabel, useLang } from '../i18n/index.tsx';
import type { Burden } from '../../../src/contract/index.ts';
import './arbitration.css';

/** Evidence kinds in words: "发票、品牌授权书" / "Invoice, Brand authorisation". */
export function useKindsInWords() {
  const { lang } = useLang();
  const label = useLabel();
  return (kinds: string[]) => kinds.map((k) => label('evidence', k)).join(lang === 'zh' ? '、' : ', ');
}

export function BurdenStatement({ burdens }: { burdens: Burden[] }) {
  const { t } = useLang();
  const label = useLabel();
  const kindsInWords = useKindsInWords();
  return (
    <Card size="small" title={t('arb.burden.title')} data-testid="burden">
      {burdens.length === 0 ? (
        <Typography.Text>{t('arb.burden.none')}</Typography.Text>
      ) : (
        <ul className="arb-list">
          {burdens.map((b) => (
            <li key={b.situation}>
              <Space orientation="vertical" size={4}>
                <Typography.Text type="secondary">{t(`arb.situation.${b.situation}`)}</Typography.Text>
                <Typography.Text strong>
                  {t('arb.burden.line', { party: label('party', b.party), mode: t(`arb.mode.${b.mode}`), kinds: kindsInWords(b.kinds) })}
                </Typography.Text>
                <Tag color={b.met ? 'success' : 'warning'} data-testid="burden-met">
                  {t(b.met ? 'arb.burden.met' : 'arb.burden.unmet')}
                </Tag>
              </Space>
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}
