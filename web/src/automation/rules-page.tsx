// /automation (the merchant's 自动化规则): the shop's rules in order, each in words with its on/off
// switch, reordered by dragging (or the up/down buttons, for the keyboard: the order is the order
// they are checked in, SPEC §10.2), removed; a new rule is backtested before it can be saved.
// Dragging uses the browser's own drag and drop (no library needed for one short list).
import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined, HolderOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Empty, Flex, List, Space, Spin, Switch, Tag, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import type { AutomationRule, AutomationSettings } from '../../../src/contract/index.ts';
import { api, ApiError } from '../api.ts';
import { useLang } from '../i18n/index.tsx';
import { useSession } from '../session.tsx';
import { RuleForm } from './rule-form.tsx';
import { ruleInWords } from './rule-words.ts';

export default function RulesPage() {
  const { t } = useLang();
  const { message } = App.useApp();
  const { principal } = useSession();
  const shop = principal?.kind === 'shop' ? principal.shop : '';
  const path = `/v1/shops/${encodeURIComponent(shop)}/rules`;
  const [s, setS] = useState<AutomationSettings | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [dragged, setDragged] = useState<number | null>(null);

  const load = useCallback(async () => {
    try {
      setS(await api<AutomationSettings>(path));
    } catch (e) {
      setError(e instanceof ApiError ? e.message : String(e));
    }
  }, [path]);
  useEffect(() => void load(), [load]);

  /** Saves the whole list in its order (PUT keeps the order as sent). */
  const save = async (rules: AutomationRule[]) => {
    try {
      setS(await api<AutomationSettings>(path, { method: 'PUT', body: { rules } }));
      setError(null);
      message.success(t('auto.saved'));
    } catch (e) {
      setError(e instanceof ApiError ? e.message : String(e));
      throw e;
    }
  };
  if (!s) return error ? <Alert type="error" showIcon role="alert" title={error} /> : <Spin style={{ margin: 48 }} aria-label={t('common.loading')} />;
  const rules = s.rules;
  const moveTo = (from: number, to: number) => {
    if (from === to) return;
    const next = [...rules];
    const [r] = next.splice(from, 1);
    next.splice(to, 0, r!);
    void save(next).catch(() => undefined);
  };
  const move = (i: number, by: number) => moveTo(i, i + by);

  return (
    <Flex vertical gap={16}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t('auto.title')}
      </Typography.Title>
      <Typography.Text type="secondary">{t('auto.intro')}</Typography.Text>
      {error && <Alert type="error" showIcon role="alert" title={error} />}
      <Card size="small">
        {rules.length === 0 ? (
          <Empty description={t('auto.empty')} />
        ) : (
          <List
            data-testid="rule-list"
            dataSource={rules}
            renderItem={(r, i) => (
              <List.Item
                data-testid={`rule-${r.id}`}
                draggable
                onDragStart={(e) => {
                  setDragged(i);
                  e.dataTransfer.effectAllowed = 'move';
                  e.dataTransfer.setData('text/plain', r.id);
                }}
                onDragOver={(e) => {
                  if (dragged === null) return;
                  e.preventDefault();
                  e.dataTransfer.dropEffect = 'move';
                }}
                onDrop={(e) => {
                  e.preventDefault();
                  if (dragged !== null) moveTo(dragged, i);
                  setDragged(null);
                }}
                onDragEnd={() => setDragged(null)}
                style={{ cursor: 'grab', opacity: dragged === i ? 0.5 : 1 }}
                actions={[
                  <Switch key="on" checked={r.enabled} aria-label={`${t('auto.enabled')} ${r.name}`} data-testid={`rule-enabled-${r.id}`} onChange={(on) => void save(rules.map((x) => (x.id === r.id ? { ...x, enabled: on } : x))).catch(() => undefined)} />,
                  <Button key="up" size="small" icon={<ArrowUpOutlined />} aria-label={`${t('auto.up')} ${r.name}`} disabled={i === 0} onClick={() => move(i, -1)} />,
                  <Button key="down" size="small" icon={<ArrowDownOutlined />} aria-label={`${t('auto.down')} ${r.name}`} disabled={i === rules.length - 1} onClick={() => move(i, 1)} />,
                  <Button key="rm" size="small" danger icon={<DeleteOutlined />} aria-label={`${t('auto.remove')} ${r.name}`} onClick={() => void save(rules.filter((x) => x.id !== r.id)).catch(() => undefined)} />,
                ]}
              >
                <List.Item.Meta
                  title={
                    <Space>
                      <HolderOutlined aria-hidden title={t('auto.drag')} />
                      <Tag>{i + 1}</Tag>
                      <span>{r.name}</span>
                      {!r.enabled && <Tag data-testid={`rule-off-${r.id}`}>{t('auto.off')}</Tag>}
                    </Space>
                  }
                  description={<span data-testid={`rule-words-${r.id}`}>{ruleInWords(r, t)}</span>}
                />
              </List.Item>
            )}
          />
        )}
      </Card>
      {/* A new rule starts switched off: the merchant sees its backtest, saves it, then switches it on. */}
      <RuleForm shop={shop} rules={rules} onSave={(rule) => save([...rules, { ...rule, enabled: false }])} />
    </Flex>
  );
}
