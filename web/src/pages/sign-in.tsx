// Sign-in with an API key (platform or shop) or a buyer token. In the demo (`npm start`), the
// server lists the demo identities (GET /demo/identities) so a new user can pick a role.
import { Alert, Button, Card, Col, Flex, Form, Input, Row, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { ApiError } from '../api.ts';
import { useT } from '../i18n/index.tsx';
import { homeOf, useSession } from '../session.tsx';

interface DemoIdentity {
  role: 'platform' | 'shop' | 'buyer';
  id: string;
  name: string;
  pack?: string;
  token: string;
}

export default function SignInPage() {
  const t = useT();
  const { signIn } = useSession();
  const navigate = useNavigate();
  const [demo, setDemo] = useState<DemoIdentity[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    fetch('/demo/identities')
      .then((r) => (r.ok ? (r.json() as Promise<{ data: DemoIdentity[] }>) : { data: [] }))
      .then((b) => setDemo(b.data))
      .catch(() => setDemo([]));
  }, []);

  const go = async (token: string) => {
    setBusy(true);
    setError(null);
    try {
      const p = await signIn(token);
      navigate(homeOf(p));
    } catch (e) {
      setError(e instanceof ApiError ? e.message : t('signin.invalid'));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Row gutter={[24, 24]} justify="center">
      <Col xs={24} md={10}>
        <Card title={t('signin.title')}>
          <Form layout="vertical" onFinish={(v: { token: string }) => go(v.token)}>
            <Form.Item label={t('signin.token')} name="token" rules={[{ required: true, whitespace: true, message: t('common.fill', { field: t('signin.token') }) }]}>
              <Input.Password autoComplete="off" placeholder="sk_… / pk_… / bt_…" />
            </Form.Item>
            {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 16 }} role="alert" />}
            <Button type="primary" htmlType="submit" loading={busy} block>
              {t('signin.submit')}
            </Button>
          </Form>
        </Card>
      </Col>
      {demo.length > 0 && (
        <Col xs={24} md={14}>
          <Card title={t('signin.demo')}>
            <Typography.Paragraph type="secondary">{t('signin.demoHint')}</Typography.Paragraph>
            <Flex vertical gap={8}>
              {demo.map((d) => (
                <Flex key={d.id} align="center" justify="space-between" gap={8} wrap className="as-identity">
                  <span>
                    <Tag color={d.role === 'platform' ? 'purple' : d.role === 'shop' ? 'blue' : 'green'}>{t(`role.${d.role}`)}</Tag>
                    <Typography.Text strong>{d.name}</Typography.Text>{' '}
                    <Typography.Text type="secondary">{d.pack ? `${d.id} · ${d.pack}` : d.role === 'buyer' ? '' : d.id}</Typography.Text>
                  </span>
                  <Button onClick={() => go(d.token)} disabled={busy} aria-label={`${t('signin.use')}: ${d.name}`} data-testid={`demo-${d.id}`}>
                    {t('signin.use')}
                  </Button>
                </Flex>
              ))}
            </Flex>
          </Card>
        </Col>
      )}
    </Row>
  );
}
