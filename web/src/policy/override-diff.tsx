// A shop's overrides against its pack (issue 16): only what the shop changed, the pack's value
// beside the shop's, in words — what an operator checks before a dispute ("the shop gives 10 天, the
// platform 7 天").
import { ArrowRightOutlined } from '@ant-design/icons';
import { Card, Flex, Typography } from 'antd';
import { useT } from '../i18n/index.tsx';
import type { ShopPolicy } from '../../../src/contract/index.ts';
import { valueInWords } from './values.ts';

export function OverrideDiff({ policy }: { policy: ShopPolicy }) {
  const t = useT();
  const changed = policy.parameters.filter((p) => p.overridden);
  const name = (n: string) => (t(`policy.param.${n}`) === `policy.param.${n}` ? n : t(`policy.param.${n}`));
  return (
    <Card size="small" title={t('policy.diff.title')} data-testid="override-diff" style={{ marginBottom: 16 }}>
      {changed.length === 0 && <Typography.Text type="secondary">{t('policy.diff.none')}</Typography.Text>}
      <Flex vertical gap={8}>
        {changed.map((p) => (
          <Flex key={p.name} wrap gap="4px 12px" align="baseline" data-testid={`diff-${p.name}`}>
            <Typography.Text strong style={{ minWidth: 160 }}>
              {name(p.name)}
            </Typography.Text>
            <Typography.Text type="secondary">
              {t('policy.diff.pack')} <Typography.Text delete>{valueInWords(p.name, p.pack_value, t)}</Typography.Text>
            </Typography.Text>
            <ArrowRightOutlined aria-hidden />
            <Typography.Text>
              {t('policy.diff.shop')} <Typography.Text mark>{valueInWords(p.name, p.value, t)}</Typography.Text>
            </Typography.Text>
          </Flex>
        ))}
      </Flex>
    </Card>
  );
}
