// The console's shell: language and session providers, Ant Design's locale, the header with the
// role's navigation and the zh/en switch, and the routes of every role.
import { App as AntApp, Button, ConfigProvider, Layout, Menu, Segmented, Space, Spin, Typography } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import type { ReactNode } from 'react';
import { BrowserRouter, Navigate, Route, Routes, useLocation, useNavigate } from 'react-router-dom';
import { LangProvider, useLang } from './i18n/index.tsx';
import { homeOf, SessionProvider, useSession } from './session.tsx';
import SignInPage from './pages/sign-in.tsx';
import WorkbenchPage from './pages/workbench.tsx';
import CasePage from './pages/case-page.tsx';
import ArbitrationPage from './pages/arbitration.tsx';
import PolicyPage from './pages/policy.tsx';
import BuyerOrdersPage from './pages/buyer-orders.tsx';
import BuyerOrderPage from './pages/buyer-order.tsx';
import BuyerCasesPage from './pages/buyer-cases.tsx';
import BuyerComplaintsPage from './pages/buyer-complaints.tsx';
import ComplaintsPage from './pages/complaints.tsx';
import ClaimsPage from './pages/claims.tsx';
import GovernancePage from './pages/governance.tsx';
import RulesPage from './automation/rules-page.tsx';
import RiskyBuyersPage from './automation/risky-buyers-page.tsx';
import MetricsPage from './pages/metrics.tsx';
import TicketsPage from './pages/tickets.tsx';
import TicketPage from './pages/ticket.tsx';
import NotificationsPage from './pages/notifications.tsx';
import { NotificationBell } from './desk/notification-bell.tsx';
import type { Me as Principal } from '../../src/contract/index.ts';

function navOf(p: Principal): { key: string; label: string }[] {
  if (p.kind === 'buyer')
    return [{ key: '/buyer/orders', label: 'nav.orders' }, { key: '/buyer/cases', label: 'nav.cases' }, { key: '/buyer/complaints', label: 'nav.complaints' }, { key: '/tickets', label: 'nav.tickets' }];
  if (p.kind === 'platform')
    return [
      { key: '/arbitration', label: 'nav.arbitration' },
      { key: '/complaints', label: 'nav.complaintDesk' },
      { key: '/claims', label: 'nav.claims' },
      { key: '/tickets', label: 'nav.escalatedTickets' },
      { key: '/workbench', label: 'nav.workbench' },
      { key: '/policy', label: 'nav.policy' },
      { key: '/buyers', label: 'nav.riskyBuyers' },
      { key: '/indicators', label: 'nav.metrics' },
    ];
  return [
    { key: '/workbench', label: 'nav.workbench' },
    { key: '/tickets', label: 'nav.tickets' },
    { key: '/automation', label: 'nav.automation' },
    { key: '/governance', label: 'nav.governance' },
    { key: '/claims', label: 'nav.claims' },
    { key: '/indicators', label: 'nav.metrics' },
    { key: '/policy', label: 'nav.policy' },
  ];
}

function LanguageSwitch() {
  const { lang, setLang, t } = useLang();
  return (
    <Segmented
      aria-label={t('app.lang')}
      data-testid="lang-switch"
      size="small"
      value={lang}
      onChange={(v) => setLang(v as 'zh' | 'en')}
      options={[
        { label: '中文', value: 'zh' },
        { label: 'EN', value: 'en' },
      ]}
    />
  );
}

function Shell({ children }: { children: ReactNode }) {
  const { principal, signOut } = useSession();
  const { t } = useLang();
  const navigate = useNavigate();
  const location = useLocation();
  const who = principal ? (principal.kind === 'buyer' ? principal.buyer : principal.kind === 'shop' ? principal.shop : null) : null;
  const selected = principal ? navOf(principal).find((n) => location.pathname.startsWith(n.key))?.key : undefined;
  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Header className="as-header">
        <Typography.Title level={4} className="as-brand" onClick={() => principal && navigate(homeOf(principal))}>
          {t('app.name')}
        </Typography.Title>
        {principal && (
          <Menu
            className="as-nav"
            theme="dark"
            mode="horizontal"
            aria-label={t('app.nav')}
            selectedKeys={selected ? [selected] : []}
            items={navOf(principal).map((n) => ({ key: n.key, label: t(n.label) }))}
            onClick={(e) => navigate(e.key)}
          />
        )}
        <Space className="as-tools" wrap>
          <LanguageSwitch />
          {principal && (
            <>
              <NotificationBell />
              <Typography.Text className="as-who" data-testid="who">
                {t(`role.${principal.kind}`)}
                {who ? ` · ${who}` : ''}
              </Typography.Text>
              <Button size="small" onClick={() => (signOut(), navigate('/signin'))}>
                {t('app.signOut')}
              </Button>
            </>
          )}
        </Space>
      </Layout.Header>
      <Layout.Content className="as-content">{children}</Layout.Content>
    </Layout>
  );
}

function Routed() {
  const { principal, loading } = useSession();
  if (loading) return <Spin style={{ margin: 48 }} />;
  // Signed in, and a page of this role's (a merchant who opens a buyer's address lands on their own home).
  const guard = (el: ReactNode, roles: Principal['kind'][] = ['buyer', 'shop', 'platform']) =>
    !principal ? <Navigate to="/signin" replace /> : roles.includes(principal.kind) ? el : <Navigate to={homeOf(principal)} replace />;
  const staff: Principal['kind'][] = ['shop', 'platform'];
  return (
    <Shell>
      <Routes>
        <Route path="/signin" element={<SignInPage />} />
        <Route path="/" element={principal ? <Navigate to={homeOf(principal)} replace /> : <Navigate to="/signin" replace />} />
        <Route path="/workbench" element={guard(<WorkbenchPage />, staff)} />
        <Route path="/cases/:id" element={guard(<CasePage />)} />
        <Route path="/arbitration" element={guard(<ArbitrationPage />, ['platform'])} />
        <Route path="/arbitration/:id" element={guard(<ArbitrationPage />, ['platform'])} />
        <Route path="/policy" element={guard(<PolicyPage />, staff)} />
        <Route path="/buyer/orders" element={guard(<BuyerOrdersPage />, ['buyer'])} />
        <Route path="/buyer/orders/:shop/:order" element={guard(<BuyerOrderPage />, ['buyer'])} />
        <Route path="/buyer/cases" element={guard(<BuyerCasesPage />, ['buyer'])} />
        <Route path="/buyer/complaints" element={guard(<BuyerComplaintsPage />, ['buyer'])} />
        <Route path="/complaints" element={guard(<ComplaintsPage />, ['platform'])} />
        <Route path="/complaints/:id" element={guard(<ComplaintsPage />)} />
        <Route path="/governance" element={guard(<GovernancePage />, ['shop'])} />
        <Route path="/claims" element={guard(<ClaimsPage />, staff)} />
        <Route path="/governance/:shop" element={guard(<GovernancePage />, ['platform'])} />
        <Route path="/automation" element={guard(<RulesPage />, ['shop'])} />
        <Route path="/buyers" element={guard(<RiskyBuyersPage />, ['platform'])} />
        <Route path="/indicators" element={guard(<MetricsPage />, staff)} />
        <Route path="/indicators/:shop" element={guard(<MetricsPage />, ['platform'])} />
        <Route path="/tickets" element={guard(<TicketsPage />)} />
        <Route path="/tickets/:id" element={guard(<TicketPage />)} />
        <Route path="/notifications" element={guard(<NotificationsPage />)} />
        <Route path="*" element={<Navigate to="/" replace />} />
      </Routes>
    </Shell>
  );
}

function Localized({ children }: { children: ReactNode }) {
  const { lang } = useLang();
  return (
    <ConfigProvider locale={lang === 'zh' ? zhCN : enUS} theme={{ token: { colorPrimary: '#ff5000' } }}>
      <AntApp>{children}</AntApp>
    </ConfigProvider>
  );
}

export function App() {
  return (
    <LangProvider>
      <Localized>
        <SessionProvider>
          <BrowserRouter>
            <Routed />
          </BrowserRouter>
        </SessionProvider>
      </Localized>
    </LangProvider>
  );
}
