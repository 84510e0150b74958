// Evidence of a complaint, one line per item: its kind and what it shows (SPEC §8.1: complaints
// carry evidence items; the governance API takes them described, without files). A Form.List
// under `name`, so it sits in any of the complaint forms.
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Flex, Form, Input, Select, Typography } from 'antd';
import { EVIDENCE_KINDS } from '../../../src/contract/enums.ts';
import { useLabel, useT } from '../i18n/index.tsx';

export function EvidenceLines({ name = 'evidence', testid = 'evidence-lines' }: { name?: string; testid?: string }) {
  const t = useT();
  const label = useLabel();
  const options = EVIDENCE_KINDS.map((k) => ({ value: k, label: label('evidence', k) }));
  return (
    <Form.Item label={t('gov.evidence')} extra={t('gov.evidence.hint')}>
      <Form.List name={name}>
        {(fields, { add, remove }) => (
          <Flex vertical gap={8} data-testid={testid}>
            {fields.map((f, i) => (
              <Flex key={f.key} gap={8} wrap align="start" data-testid={`${testid}-${i}`}>
                <Form.Item name={[f.name, 'kind']} noStyle rules={[{ required: true, message: t('common.choose', { field: t('gov.evidence.kind', { n: i + 1 }) }) }]}>
                  <Select aria-label={t('gov.evidence.kind', { n: i + 1 })} data-testid={`${testid}-kind-${i}`} options={options} style={{ width: 160, maxWidth: '100%' }} />
                </Form.Item>
                <Form.Item name={[f.name, 'description']} noStyle>
                  <Input
                    aria-label={t('gov.evidence.description', { n: i + 1 })}
                    data-testid={`${testid}-description-${i}`}
                    placeholder={t('gov.evidence.descriptionPlaceholder')}
                    maxLength={2000}
                    style={{ flex: '1 1 180px', minWidth: 0 }}
                  />
                </Form.Item>
                <Button type="text" icon={<DeleteOutlined />} aria-label={t('gov.evidence.remove', { n: i + 1 })} onClick={() => remove(f.name)} />
              </Flex>
            ))}
            {fields.length === 0 && (
              <Typography.Text type="secondary" style={{ fontSize: 13 }}>
                {t('common.none')}
              </Typography.Text>
            )}
            <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ kind: 'chat_log' })} data-testid={`${testid}-add`} style={{ alignSelf: 'flex-start' }}>
              {t('gov.evidence.add')}
            </Button>
          </Flex>
        )}
      </Form.List>
    </Form.Item>
  );
}
