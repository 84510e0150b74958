// One of my orders (buyer): the order, what may be applied for on it now and why not (SPEC §3, the
// API's own words), and the application form. On a phone: order, options, then the form.
import { LeftOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Col, Flex, Row, Spin, Typography } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { api, ApiError } from '../api.ts';
import { ApplyForm } from '../buyer/apply-form.tsx';
import { EligibilityList, type Choice } from '../buyer/eligibility-list.tsx';
import { OrderCard } from '../buyer/order-card.tsx';
import { ComplaintForm } from '../governance/complaint-form.tsx';
import { ContactMerchant } from '../desk/contact-merchant.tsx';
import { useLang } from '../i18n/index.tsx';
import type { EligibilityOption, OrderDetail } from '../../../src/contract/index.ts';

export default function BuyerOrderPage() {
  // The API words its reasons in the caller's language: a language switch asks again.
  const { t, lang } = useLang();
  const { shop = '', order: orderId = '' } = useParams();
  const [order, setOrder] = useState<OrderDetail | null>(null);
  const [options, setOptions] = useState<EligibilityOption[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  // `at` makes choosing the same option again fill the form in again.
  const [choice, setChoice] = useState<(Choice & { at: number }) | null>(null);
  const formRef = useRef<HTMLDivElement>(null);
  // The complaint against the shop (SPEC §8.1) opens on demand, below the after-sale form.
  const [complaining, setComplaining] = useState(false);
  const complaintRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (complaining) complaintRef.current?.scrollIntoView({ behavior: 'smooth', block: 'start' });
  }, [complaining]);

  useEffect(() => {
    const base = `/v1/shops/${encodeURIComponent(shop)}/orders/${encodeURIComponent(orderId)}`;
    let live = true;
    setError(null);
    Promise.all([api<OrderDetail>(base), api<{ options: EligibilityOption[] }>(`${base}/eligibility`)])
      .then(([o, e]) => {
        if (!live) return;
        setOrder(o);
        setOptions(e.options);
      })
      .catch((e: unknown) => live && setError(e instanceof ApiError ? e.message : String(e)));
    return () => {
      live = false;
    };
  }, [shop, orderId, lang]);

  const choose = (c: Choice) => {
    setChoice({ ...c, at: Date.now() });
    formRef.current?.scrollIntoView({ behavior: 'smooth', block: 'start' });
  };

  return (
    <Flex vertical gap={16}>
      <Link to="/buyer/orders">
        <LeftOutlined /> {t('nav.orders')}
      </Link>
      {error && <Alert type="error" role="alert" showIcon message={error} />}
      {!error && (!order || !options) && <Spin aria-label={t('common.loading')} />}
      {order && options && (
        <Row gutter={[16, 16]}>
          <Col xs={24} lg={11}>
            <Flex vertical gap={16}>
              <OrderCard order={order} full />
              <Card size="small" title={t('buyer.elig.title')}>
                <EligibilityList options={options} chosen={choice} onChoose={choose} />
              </Card>
              <ContactMerchant shop={shop} order={orderId} />
              {!complaining && (
                <Button danger onClick={() => setComplaining(true)} data-testid="complain-open" style={{ alignSelf: 'flex-start' }}>
                  {t('gov.complain.open')}
                </Button>
              )}
            </Flex>
          </Col>
          <Col xs={24} lg={13}>
            <div ref={formRef} style={{ scrollMarginTop: 12 }}>
              <Card size="small" title={<Typography.Text strong>{t('buyer.apply.title')}</Typography.Text>}>
                <ApplyForm order={order} options={options} choice={choice} />
              </Card>
            </div>
            {complaining && (
              <div ref={complaintRef} style={{ scrollMarginTop: 12, marginTop: 16 }}>
                <Card size="small" title={<Typography.Text strong>{t('gov.complain.title')}</Typography.Text>} data-testid="complaint-card">
                  <ComplaintForm shop={shop} order={orderId} />
                </Card>
              </div>
            )}
          </Col>
        </Row>
      )}
    </Flex>
  );
}
