// One case as every role sees it (buyer on a phone, merchant, platform): its facts, money, how it
// is being settled, evidence, history, and the caller's actions (GET /v1/cases/:id decides which).
import { Alert, Button, Card, Col, Flex, Row, Spin, Typography } from 'antd';
import { useSearchParams } from 'react-router-dom';
import { useT } from '../i18n/index.tsx';
import { ActionPanel } from './action-panel.tsx';
import { CaseHeadline, OfferBox } from './case-headline.tsx';
import { CaseProgress } from './case-progress.tsx';
import { useLiveCase } from './use-live-case.ts';
import { CaseFacts, ClaimedLines, ProofAsked, Settlement, StatusTag } from './case-facts.tsx';
import { EvidenceGallery } from './evidence-gallery.tsx';
import { MoneyBreakdown } from './money.tsx';
import { Timeline } from './timeline.tsx';
import { CaseConversation } from '../desk/case-conversation.tsx';
import { RiskBadge } from '../automation/risk-badge.tsx';
import { Suggestions } from '../automation/suggestions.tsx';
import { useSession } from '../session.tsx';
import { DossierButton } from './dossier-button.tsx';

export function CaseDetail({ caseId }: { caseId: string }) {
  const t = useT();
  const { principal } = useSession();
  // SPEC §10.4: a buyer's risk is for the merchant and the platform, never the buyer's own page.
  const staff = principal?.kind === 'shop' || principal?.kind === 'platform';
  // Issue 16: the page refreshes itself when the case changes (ETag polling), so no dead action stays.
  const { c, error, reload } = useLiveCase(caseId);
  const load = reload;
  // The queue's `a` key opens the case with its agree dialog (?do=agree).
  const [params] = useSearchParams();

  if (error && !c) {
    return (
      <Alert
        type="error"
        showIcon
        role="alert"
        data-testid="case-error"
        title={error.message}
        action={<Button onClick={() => void load()}>{t('common.refresh')}</Button>}
      />
    );
  }
  if (!c) return <Spin style={{ margin: 48 }} aria-label={t('common.loading')} />;

  return (
    <Row gutter={[16, 16]} data-testid="case-detail">
      <Col xs={24} lg={16}>
        <Flex vertical gap={16}>
          <Card
            extra={<DossierButton caseId={c.id} />}
            title={
              <Flex gap={8} wrap align="center">
                <Typography.Title level={4} style={{ margin: 0 }} data-testid="case-id">
                  {c.id}
                </Typography.Title>
                <StatusTag status={c.status} testid="case-status" />
                {staff && <RiskBadge key={`${c.buyer}-${c.version}`} buyer={c.buyer} />}
              </Flex>
            }
          >
            <Flex vertical gap={12}>
              <CaseHeadline c={c} role={principal?.kind} />
              <CaseProgress c={c} />
            </Flex>
            <CaseFacts c={c} />
            <Typography.Title level={5}>{t('case.actions')}</Typography.Title>
            <OfferBox c={c} />
            <ActionPanel c={c} onDone={() => void load()} initial={params.get('do')} />
          </Card>
          {principal?.kind === 'shop' && <Suggestions caseId={c.id} version={c.version} onDone={() => void load()} />}
          <Card title={t('case.lines')} size="small">
            <ClaimedLines c={c} />
          </Card>
          <Card title={t('case.money')} size="small">
            <MoneyBreakdown c={c} />
          </Card>
          {(c.offer || c.return_address || c.return_shipment || c.replacement || c.ruling) && (
            <Card title={t('case.settlement')} size="small">
              <Settlement c={c} />
            </Card>
          )}
          <Card title={t('case.evidence')} size="small">
            <Flex vertical gap={12}>
              <ProofAsked c={c} />
              <EvidenceGallery items={c.evidence} />
            </Flex>
          </Card>
        </Flex>
      </Col>
      <Col xs={24} lg={8}>
        <Flex vertical gap={16}>
          <CaseConversation c={c} onPosted={() => void load()} />
          <Card title={t('case.timeline')} size="small">
            <Timeline entries={c.timeline} />
          </Card>
        </Flex>
      </Col>
    </Row>
  );
}
