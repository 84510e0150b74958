// /indicators (the server's /metrics is Prometheus'): a merchant's dashboard of its own numbers, or the platform's category view;
// /indicators/:shop: the platform looking at one shop's dashboard (SPEC §8.4–§8.5).
import { ArrowLeftOutlined } from '@ant-design/icons';
import { Flex, Typography } from 'antd';
import { Link, useParams } from 'react-router-dom';
import { useLang } from '../i18n/index.tsx';
import { CategoryView } from '../metrics/category-view.tsx';
import { ShopDashboard } from '../metrics/shop-dashboard.tsx';
import { useSession } from '../session.tsx';

export default function MetricsPage() {
  const { t } = useLang();
  const { principal } = useSession();
  const params = useParams<{ shop: string }>();
  const shop = principal?.kind === 'shop' ? principal.shop : params.shop;
  return (
    <Flex vertical gap={16}>
      {principal?.kind === 'platform' && shop && (
        <Link to="/indicators">
          <ArrowLeftOutlined /> {t('metrics.category.title')}
        </Link>
      )}
      <Typography.Title level={3} style={{ margin: 0 }}>
        {shop ? (principal?.kind === 'platform' ? t('metrics.titleOf', { shop }) : t('metrics.title')) : t('metrics.category.title')}
      </Typography.Title>
      {shop ? <ShopDashboard key={shop} shop={shop} /> : <CategoryView />}
    </Flex>
  );
}
