// Every answer of the API checked against the contract (src/contract), independently of the
// server's own serializer: a route's answer, by method, path and status, must parse with its schema
// (strict objects: a key too many or missing fails), a refusal with the SPEC §11 error body.
import { expect } from 'vitest';
import type { z } from 'zod';
import {
  AuditPage,
  AutomationSettings,
  BacktestReport,
  BuyerRisk,
  CaseSuggestions,
  RiskyBuyers,
  ApiKeyCreated,
  BuyerToken,
  CaseCommandResult,
  CaseDetail,
  CasePage,
  CarrierClaims,
  CaseMessages,
  ClaimDetail,
  ClaimPage,
  ComplaintDetail,
  NotificationPage,
  QuickReplies,
  ReasonPresets,
  TicketDetail,
  TicketPage,
  ComplaintPage,
  DepositLedger,
  ShopGovernance,
  ShopMetrics,
  SellerPerformance,
  MetricSeries,
  MetricFacts,
  CategoryMetrics,
  Eligibility,
  ErrorBody,
  EventsFeed,
  EvidenceFiles,
  EvidenceUploaded,
  ImportReport,
  Me,
  OrderDetail,
  OrderPage,
  OrderView,
  PackDetail,
  PackList,
  SandboxAdvanced,
  SandboxClock,
  SandboxShop,
  ShopList,
  ShopPolicy,
  ShopPolicySet,
  ShopReturnAddress,
  WebhookEndpointCreated,
  WebhookEndpoints,
} from '../src/contract/index.ts';

type Answers = Partial<Record<number, z.ZodType | 'empty' | 'bytes'>>;

const seg = '[^/?]+';
/** [method, path pattern, the schema of each success status]. */
const ROUTES: [string, RegExp, Answers][] = [
  ['POST', /^\/v1\/orders$/, { 200: OrderView, 201: OrderView }],
  ['GET', /^\/v1\/orders$/, { 200: OrderPage }],
  ['POST', /^\/v1\/orders\/import$/, { 200: ImportReport }],
  ['GET', new RegExp(`^/v1/shops/${seg}/orders/${seg}$`), { 200: OrderDetail }],
  ['POST', new RegExp(`^/v1/shops/${seg}/orders/${seg}/events/${seg}$`), { 200: OrderView }],
  ['POST', new RegExp(`^/v1/shops/${seg}/orders/${seg}/cases$`), { 201: CaseCommandResult }],
  ['GET', new RegExp(`^/v1/shops/${seg}/orders/${seg}/eligibility$`), { 200: Eligibility }],
  ['GET', /^\/v1\/cases$/, { 200: CasePage }],
  ['GET', /^\/v1\/cases\/export\.(csv|xlsx)$/, { 200: 'bytes' }],
  ['GET', new RegExp(`^/v1/cases/${seg}/messages$`), { 200: CaseMessages }],
  ['POST', new RegExp(`^/v1/cases/${seg}/messages$`), { 201: CaseMessages }],
  ['POST', new RegExp(`^/v1/cases/${seg}/evidence$`), { 201: EvidenceUploaded }],
  ['GET', new RegExp(`^/v1/cases/${seg}/evidence$`), { 200: EvidenceFiles }],
  ['GET', new RegExp(`^/v1/cases/${seg}/evidence/${seg}$`), { 200: 'bytes' }],
  ['GET', new RegExp(`^/v1/cases/${seg}/dossier\\.pdf$`), { 200: 'bytes' }],
  ['POST', new RegExp(`^/v1/cases/${seg}/${seg}$`), { 200: CaseCommandResult }],
  ['GET', new RegExp(`^/v1/cases/${seg}$`), { 200: CaseDetail, 304: 'empty' }],
  ['GET', /^\/v1\/policies$/, { 200: PackList }],
  ['GET', new RegExp(`^/v1/policies/${seg}$`), { 200: PackDetail }],
  ['GET', /^\/v1\/shops$/, { 200: ShopList }],
  ['GET', new RegExp(`^/v1/shops/${seg}/policy$`), { 200: ShopPolicy }],
  ['PUT', new RegExp(`^/v1/shops/${seg}/policy$`), { 200: ShopPolicySet }],
  ['PUT', new RegExp(`^/v1/shops/${seg}/return-address$`), { 200: ShopReturnAddress }],
  ['GET', new RegExp(`^/v1/shops/${seg}/reason-presets$`), { 200: ReasonPresets }],
  ['PUT', new RegExp(`^/v1/shops/${seg}/reason-presets$`), { 200: ReasonPresets }],
  ['GET', /^\/v1\/me$/, { 200: Me }],
  ['POST', /^\/v1\/api-keys$/, { 201: ApiKeyCreated }],
  ['DELETE', new RegExp(`^/v1/api-keys/${seg}/${seg}$`), { 204: 'empty' }],
  ['POST', /^\/v1\/buyer-tokens$/, { 201: BuyerToken }],
  ['GET', /^\/v1\/audit$/, { 200: AuditPage }],
  ['POST', /^\/v1\/webhook-endpoints$/, { 201: WebhookEndpointCreated }],
  ['GET', /^\/v1\/webhook-endpoints$/, { 200: WebhookEndpoints }],
  ['DELETE', new RegExp(`^/v1/webhook-endpoints/${seg}/${seg}$`), { 204: 'empty' }],
  ['GET', /^\/v1\/events$/, { 200: EventsFeed }],
  ['POST', new RegExp(`^/v1/shops/${seg}/orders/${seg}/complaints$`), { 201: ComplaintDetail }],
  ['GET', /^\/v1\/complaints$/, { 200: ComplaintPage }],
  ['GET', new RegExp(`^/v1/complaints/${seg}$`), { 200: ComplaintDetail }],
  ['POST', new RegExp(`^/v1/complaints/${seg}/${seg}$`), { 200: ComplaintDetail }],
  ['POST', new RegExp(`^/v1/shops/${seg}/orders/${seg}/(atoz|safet)-claims$`), { 201: ClaimDetail }],
  ['GET', /^\/v1\/claims$/, { 200: ClaimPage }],
  ['GET', new RegExp(`^/v1/claims/${seg}$`), { 200: ClaimDetail }],
  ['POST', new RegExp(`^/v1/claims/${seg}/${seg}$`), { 200: ClaimDetail }],
  ['GET', new RegExp(`^/v1/shops/${seg}/governance$`), { 200: ShopGovernance }],
  ['GET', new RegExp(`^/v1/shops/${seg}/deposit/ledger$`), { 200: DepositLedger }],
  ['POST', new RegExp(`^/v1/shops/${seg}/deposit/topup$`), { 200: ShopGovernance }],
  ['POST', new RegExp(`^/v1/shops/${seg}/reopen$`), { 200: ShopGovernance }],
  ['GET', new RegExp(`^/v1/shops/${seg}/rules$`), { 200: AutomationSettings }],
  ['PUT', new RegExp(`^/v1/shops/${seg}/rules$`), { 200: AutomationSettings }],
  ['POST', new RegExp(`^/v1/shops/${seg}/rules$`), { 201: AutomationSettings }],
  ['PATCH', new RegExp(`^/v1/shops/${seg}/rules/${seg}$`), { 200: AutomationSettings }],
  ['DELETE', new RegExp(`^/v1/shops/${seg}/rules/${seg}$`), { 200: AutomationSettings }],
  ['POST', new RegExp(`^/v1/shops/${seg}/rules/backtest$`), { 200: BacktestReport }],
  ['GET', new RegExp(`^/v1/cases/${seg}/suggestions$`), { 200: CaseSuggestions }],
  ['GET', /^\/v1\/buyers\/risky$/, { 200: RiskyBuyers }],
  ['GET', new RegExp(`^/v1/buyers/${seg}/risk$`), { 200: BuyerRisk }],
  ['GET', new RegExp(`^/v1/shops/${seg}/metrics$`), { 200: ShopMetrics }],
  ['GET', new RegExp(`^/v1/shops/${seg}/performance$`), { 200: SellerPerformance }],
  ['GET', new RegExp(`^/v1/shops/${seg}/metrics/series$`), { 200: MetricSeries }],
  ['GET', new RegExp(`^/v1/shops/${seg}/metrics/series\\.csv$`), { 200: 'bytes' }],
  ['GET', new RegExp(`^/v1/shops/${seg}/metrics/facts$`), { 200: MetricFacts }],
  ['GET', new RegExp(`^/v1/metrics/categories/${seg}$`), { 200: CategoryMetrics }],
  ['GET', new RegExp(`^/v1/metrics/categories/${seg}/export\\.csv$`), { 200: 'bytes' }],
  ['POST', /^\/v1\/tickets$/, { 201: TicketDetail }],
  ['GET', /^\/v1\/tickets$/, { 200: TicketPage }],
  ['GET', new RegExp(`^/v1/tickets/${seg}$`), { 200: TicketDetail }],
  ['POST', new RegExp(`^/v1/tickets/${seg}/attachments$`), { 201: EvidenceUploaded }],
  ['GET', new RegExp(`^/v1/tickets/${seg}/attachments/${seg}$`), { 200: 'bytes' }],
  ['POST', new RegExp(`^/v1/tickets/${seg}/${seg}$`), { 200: TicketDetail }],
  ['GET', new RegExp(`^/v1/shops/${seg}/quick-replies$`), { 200: QuickReplies }],
  ['PUT', new RegExp(`^/v1/shops/${seg}/quick-replies/[^/]+$`), { 200: QuickReplies }],
  ['DELETE', new RegExp(`^/v1/shops/${seg}/quick-replies/[^/]+$`), { 200: QuickReplies }],
  ['GET', new RegExp(`^/v1/shops/${seg}/carrier-claims$`), { 200: CarrierClaims }],
  ['GET', /^\/v1\/notifications$/, { 200: NotificationPage }],
  ['POST', /^\/v1\/notifications\/read$/, { 200: NotificationPage }],
  ['POST', /^\/v1\/sandbox\/shops$/, { 201: SandboxShop }],
  ['GET', /^\/v1\/sandbox\/clock$/, { 200: SandboxClock }],
  ['POST', /^\/v1\/sandbox\/clock$/, { 200: SandboxAdvanced }],
];

/** Parses `body` with `schema`; a mismatch fails the test, saying where and what the body was. */
export function expectShape<T extends z.ZodType>(schema: T, body: unknown, what = 'the answer'): z.output<T> {
  const r = schema.safeParse(body);
  if (!r.success) {
    const issues = r.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');
    expect.fail(`${what} does not match the contract: ${issues}\n${JSON.stringify(body).slice(0, 800)}`);
  }
  return r.data;
}

interface Answer {
  statusCode: number;
  body: string;
  headers: Record<string, unknown>;
}

/** Checks an answer of the API (`app.inject`) against the contract of its route and status. */
export function expectContract(method: string, url: string, res: Answer): void {
  const path = url.split('?')[0]!;
  if (!path.startsWith('/v1/')) return;
  const what = `${method} ${path} → ${res.statusCode}`;
  if (res.statusCode >= 400 && res.statusCode < 500) {
    expectShape(ErrorBody, JSON.parse(res.body), what);
    return;
  }
  const route = ROUTES.find(([m, p]) => m === method && p.test(path));
  if (!route) expect.fail(`${what}: no route of the contract matches`);
  // A case command asked for its timeline (?expand=timeline) answers the full detail, timeline included.
  const asked = route[2][res.statusCode];
  const schema = asked === CaseCommandResult && /[?&]expand=timeline\b/.test(url) ? CaseDetail : asked;
  if (!schema) expect.fail(`${what}: a status the route's contract does not have (${res.body.slice(0, 300)})`);
  if (schema === 'empty') expect(res.body, what).toBe('');
  else if (schema === 'bytes') expect(String(res.headers['content-type']), what).not.toMatch(/json/);
  else expectShape(schema, JSON.parse(res.body), what);
}
