// The queue's filters, each labelled. Status starts at "open" (the queue is what needs work) and can
// be cleared to see every case; the deadline choice becomes `deadline_before` (now + hours).
import { SearchOutlined } from '@ant-design/icons';
import { Button, Col, Form, Input, Row, Select, Space } from 'antd';
import { useEffect, useState } from 'react';
import { CASE_STATUSES, CASE_TYPES, PHASES, REASONS } from '../../../src/contract/enums.ts';
import { useLabel, useT } from '../i18n/index.tsx';
import type { QueueFilters } from './use-queue.ts';

const WITHIN_HOURS = [6, 24, 72];

/** Case or order id, buyer, product title or SKU: searched on Enter or the button, cleared at once. */
function SearchBox({ value, onSearch }: { value?: string; onSearch: (q?: string) => void }) {
  const t = useT();
  const [text, setText] = useState(value ?? '');
  // A saved filter or the address changes the search from outside.
  useEffect(() => setText(value ?? ''), [value]);
  const go = (q: string) => onSearch(q.trim() || undefined);
  return (
    <Space.Compact style={{ width: '100%' }}>
      <Input
        id="filter-q"
        data-testid="filter-q"
        allowClear
        maxLength={64}
        placeholder={t('wd.searchHint')}
        value={text}
        onChange={(e) => {
          setText(e.target.value);
          if (!e.target.value) go('');
        }}
        onPressEnter={() => go(text)}
      />
      <Button type="primary" icon={<SearchOutlined />} onClick={() => go(text)} data-testid="filter-q-go">
        {t('wb.filter.go')}
      </Button>
    </Space.Compact>
  );
}

export function QueueFilterBar({ value, onChange }: { value: QueueFilters; onChange: (f: QueueFilters) => void }) {
  const t = useT();
  const label = useLabel();
  const set = (patch: Partial<QueueFilters>) => onChange({ ...value, ...patch });
  const codes = (group: string, list: readonly string[]) => list.map((code) => ({ value: code, label: label(group, code) }));
  const col = { xs: 24, sm: 12, md: 8, xl: 4 };
  const wideCol = { xs: 24, sm: 12, md: 8, xl: 8 };
  return (
    <Form layout="vertical" component="div" data-testid="queue-filters">
      <Row gutter={12}>
        <Col {...col}>
          <Form.Item label={t('common.status')} htmlFor="filter-status" style={{ marginBottom: 12 }}>
            <Select
              id="filter-status"
              data-testid="filter-status"
              allowClear
              placeholder={t('wb.filter.allStatuses')}
              value={value.status === 'all' ? undefined : value.status}
              onChange={(v?: string) => set({ status: v ?? 'all' })}
              options={[{ value: 'open', label: t('wb.filter.open') }, { value: 'ended', label: t('wd.filter.ended') }, ...codes('status', CASE_STATUSES)]}
            />
          </Form.Item>
        </Col>
        <Col {...col}>
          <Form.Item label={t('common.type')} htmlFor="filter-type" style={{ marginBottom: 12 }}>
            <Select id="filter-type" data-testid="filter-type" allowClear placeholder={t('wb.filter.any')} value={value.type} onChange={(v?: string) => set({ type: v })} options={codes('type', CASE_TYPES)} />
          </Form.Item>
        </Col>
        <Col {...col}>
          <Form.Item label={t('common.reason')} htmlFor="filter-reason" style={{ marginBottom: 12 }}>
            <Select
              id="filter-reason"
              data-testid="filter-reason"
              allowClear
              showSearch={{ optionFilterProp: 'label' }}
              placeholder={t('wb.filter.any')}
              value={value.reason}
              onChange={(v?: string) => set({ reason: v })}
              options={codes('reason', REASONS)}
            />
          </Form.Item>
        </Col>
        <Col {...col}>
          <Form.Item label={t('common.phase')} htmlFor="filter-phase" style={{ marginBottom: 12 }}>
            <Select id="filter-phase" data-testid="filter-phase" allowClear placeholder={t('wb.filter.any')} value={value.phase} onChange={(v?: string) => set({ phase: v })} options={codes('phase', PHASES)} />
          </Form.Item>
        </Col>
        <Col {...col}>
          <Form.Item label={t('common.deadline')} htmlFor="filter-deadline" style={{ marginBottom: 12 }}>
            <Select
              id="filter-deadline"
              data-testid="filter-deadline"
              allowClear
              placeholder={t('wb.filter.any')}
              value={value.within}
              onChange={(v?: number) => set({ within: v })}
              options={WITHIN_HOURS.map((h) => ({ value: h, label: t(`wb.filter.within${h}`) }))}
            />
          </Form.Item>
        </Col>
        <Col {...col}>
          <Form.Item label={t('wd.sort')} htmlFor="filter-sort" style={{ marginBottom: 12 }}>
            <Select
              id="filter-sort"
              data-testid="filter-sort"
              value={value.sort ?? 'urgency'}
              onChange={(v: string) => set({ sort: v === 'applied' ? 'applied' : undefined })}
              options={[
                { value: 'urgency', label: t('wd.sort.urgency') },
                { value: 'applied', label: t('wd.sort.applied') },
              ]}
            />
          </Form.Item>
        </Col>
        <Col {...wideCol}>
          <Form.Item label={t('wb.filter.search')} htmlFor="filter-q" style={{ marginBottom: 12 }}>
            <SearchBox value={value.q} onSearch={(q) => set({ q })} />
          </Form.Item>
        </Col>
      </Row>
    </Form>
  );
}
