// What the buyer may apply for on the order now, remedy by remedy (SPEC §3), each with why not in
// the API's own words ("七天无理由已于 3月11日 00:00 截止") or until when it is open. Grouped by
// type, open options first; choosing one fills in the application form.
import { CheckCircleFilled, MinusCircleOutlined } from '@ant-design/icons';
import { Button, Flex, Typography } from 'antd';
import { useLabel, useLang } from '../i18n/index.tsx';
import type { EligibilityOption } from '../../../src/contract/index.ts';
import { localTime } from './format.ts';

const { Text } = Typography;

export interface Choice {
  type: string;
  reason: string;
}

/** Types in the API's order, those with an open option first; in each, open options first. */
function grouped(options: EligibilityOption[]): [string, EligibilityOption[]][] {
  const groups = new Map<string, EligibilityOption[]>();
  for (const o of options) groups.set(o.type, [...(groups.get(o.type) ?? []), o]);
  const open = (list: EligibilityOption[]) => list.some((o) => o.eligible);
  return [...groups.entries()]
    .map(([type, list]): [string, EligibilityOption[]] => [type, [...list.filter((o) => o.eligible), ...list.filter((o) => !o.eligible)]])
    .sort(([, a], [, b]) => Number(open(b)) - Number(open(a)));
}

export function EligibilityList({ options, chosen, onChoose }: { options: EligibilityOption[]; chosen: Choice | null; onChoose: (c: Choice) => void }) {
  const { t, lang } = useLang();
  const label = useLabel();
  const why = (o: EligibilityOption) => {
    if (o.eligible) return o.until ? t('buyer.elig.until', { time: localTime(o.until, lang) }) : t('buyer.elig.open');
    return o.refusal?.message ?? t('buyer.elig.closed');
  };
  return (
    <Flex vertical gap={16} data-testid="eligibility">
      {grouped(options).map(([type, list]) => (
        <section key={type} aria-label={label('type', type)}>
          <Typography.Title level={5} style={{ margin: '0 0 8px' }}>
            {label('type', type)}
          </Typography.Title>
          <Flex vertical gap={8} component="ul" style={{ listStyle: 'none', margin: 0, padding: 0 }}>
            {list.map((o) => {
              const isChosen = chosen?.type === o.type && chosen.reason === o.reason;
              return (
                <li
                  key={o.reason}
                  data-testid={`option-${o.type}-${o.reason}`}
                  data-eligible={o.eligible}
                  style={{
                    border: `1px solid ${isChosen ? '#ff5000' : '#f0f0f0'}`,
                    background: o.eligible ? '#fff' : '#fafafa',
                    borderRadius: 8,
                    padding: '8px 12px',
                  }}
                >
                  <Flex justify="space-between" align="center" gap={8}>
                    <Flex gap={8} align="baseline" style={{ minWidth: 0 }}>
                      {o.eligible ? (
                        <CheckCircleFilled aria-label={t('buyer.elig.yes')} style={{ color: '#52c41a' }} />
                      ) : (
                        <MinusCircleOutlined aria-label={t('buyer.elig.no')} style={{ color: '#bfbfbf' }} />
                      )}
                      <Flex vertical style={{ minWidth: 0 }}>
                        <Text strong={o.eligible} type={o.eligible ? undefined : 'secondary'}>
                          {label('reason', o.reason)}
                        </Text>
                        <Text type={o.eligible ? 'success' : 'secondary'} style={{ fontSize: 13 }} data-testid="option-why">
                          {why(o)}
                        </Text>
                      </Flex>
                    </Flex>
                    {o.eligible && (
                      <Button
                        size="small"
                        type={isChosen ? 'primary' : 'default'}
                        aria-pressed={isChosen}
                        aria-label={`${t('buyer.elig.choose')}: ${label('type', o.type)} · ${label('reason', o.reason)}`}
                        onClick={() => onChoose({ type: o.type, reason: o.reason })}
                      >
                        {t('buyer.elig.choose')}
                      </Button>
                    )}
                  </Flex>
                </li>
              );
            })}
          </Flex>
        </section>
      ))}
    </Flex>
  );
}
