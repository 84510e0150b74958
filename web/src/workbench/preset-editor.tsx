// Issue 16: the shop's preset reasons, edited on the workbench — one reason per line for reject
// and for refuse-return (PUT /v1/shops/:shop/reason-presets); the case forms offer them.
import { EditOutlined } from '@ant-design/icons';
import { Alert, App, Button, Form, Input, Modal } from 'antd';
import { useState } from 'react';
import { api } from '../api.ts';
import { loadPresets } from '../case/reason-presets.tsx';
import { useT } from '../i18n/index.tsx';
import type { ReasonPresets } from '../../../src/contract/index.ts';

const lines = (s: string | undefined) => (s ?? '').split('\n').map((x) => x.trim()).filter(Boolean);

export function PresetEditor({ shop }: { shop: string }) {
  const t = useT();
  const { message } = App.useApp();
  const [open, setOpen] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [form] = Form.useForm<{ reject: string; refuse_return: string }>();
  const start = async () => {
    const p = await loadPresets(shop, true);
    form.setFieldsValue({ reject: p?.presets.reject.join('\n') ?? '', refuse_return: p?.presets.refuse_return.join('\n') ?? '' });
    setError(null);
    setOpen(true);
  };
  const save = async (v: { reject: string; refuse_return: string }) => {
    try {
      await api<ReasonPresets>(`/v1/shops/${encodeURIComponent(shop)}/reason-presets`, { method: 'PUT', body: { reject: lines(v.reject), refuse_return: lines(v.refuse_return) } });
      await loadPresets(shop, true);
      message.success(t('wd.presets.saved'));
      setOpen(false);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  };
  return (
    <>
      <Button icon={<EditOutlined />} onClick={() => void start()} data-testid="presets-edit">
        {t('wd.presets.edit')}
      </Button>
      <Modal open={open} title={t('wd.presets.edit')} onCancel={() => setOpen(false)} onOk={() => form.submit()} okText={t('wd.save')} cancelText={t('common.cancel')} destroyOnHidden>
        <Form form={form} layout="vertical" onFinish={(v) => void save(v)}>
          <Form.Item name="reject" label={t('wd.presets.reject')} extra={t('wd.presets.oneLine')}>
            <Input.TextArea rows={5} data-testid="presets-reject" />
          </Form.Item>
          <Form.Item name="refuse_return" label={t('wd.presets.refuse_return')}>
            <Input.TextArea rows={5} data-testid="presets-refuse-return" />
          </Form.Item>
          {error && <Alert type="error" showIcon role="alert" title={error} />}
        </Form>
      </Modal>
    </>
  );
}
