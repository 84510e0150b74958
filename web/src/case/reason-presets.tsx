// Issue 16: the shop's preset reasons (GET /v1/shops/:shop/reason-presets) offered under a reason
// field — pick one or type your own. Read once per shop and page; the merchant edits the list on
// the workbench (PUT, same path).
import { AutoComplete, Form, Input } from 'antd';
import { useEffect, useState } from 'react';
import { api } from '../api.ts';
import type { ReasonPresets } from '../../../src/contract/index.ts';
import type { T } from '../i18n/index.tsx';

const cache = new Map<string, Promise<ReasonPresets | null>>();

export function loadPresets(shop: string, fresh = false): Promise<ReasonPresets | null> {
  if (fresh || !cache.has(shop)) cache.set(shop, api<ReasonPresets>(`/v1/shops/${encodeURIComponent(shop)}/reason-presets`).catch(() => null));
  return cache.get(shop)!;
}

export function usePresets(shop: string | null, action: 'reject' | 'refuse_return'): string[] {
  const [list, setList] = useState<string[]>([]);
  useEffect(() => {
    if (!shop) return;
    let live = true;
    void loadPresets(shop).then((p) => live && setList(p?.presets[action] ?? []));
    return () => {
      live = false;
    };
  }, [shop, action]);
  return list;
}

/** A required reason: the presets as suggestions of a free-text area. */
export function ReasonField({ shop, action, labelKey, t }: { shop: string | null; action: 'reject' | 'refuse_return'; labelKey: string; t: T }) {
  const presets = usePresets(shop, action);
  return (
    <Form.Item name="reason" label={t(labelKey)} extra={presets.length ? t('wd.presets.hint') : undefined} rules={[{ required: true, whitespace: true, message: t('case.form.required') }]}>
      <AutoComplete options={presets.map((p) => ({ value: p, label: <span data-testid="preset-option">{p}</span> }))} filterOption={false} popupMatchSelectWidth>
        <Input.TextArea data-testid="field-reason" rows={3} maxLength={500} showCount />
      </AutoComplete>
    </Form.Item>
  );
}
