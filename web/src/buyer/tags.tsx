// Status tags of orders and cases, coloured by who has to act (SPEC §4 statuses).
import { Tag } from 'antd';
import { useLabel } from '../i18n/index.tsx';

const CASE_COLORS: Record<string, string> = {
  requested: 'orange',
  offer_pending: 'gold',
  rejected: 'red',
  awaiting_return: 'blue',
  return_in_transit: 'geekblue',
  awaiting_reship: 'cyan',
  reship_in_transit: 'cyan',
  refunding: 'purple',
  in_arbitration: 'magenta',
  completed: 'green',
  closed: 'default',
};
const ORDER_COLORS: Record<string, string> = { pending_payment: 'default', paid: 'blue', shipped: 'cyan', signed: 'cyan', completed: 'green', closed: 'default' };

export function CaseStatusTag({ status }: { status: string }) {
  const label = useLabel();
  return <Tag color={CASE_COLORS[status] ?? 'default'}>{label('status', status)}</Tag>;
}

export function OrderStatusTag({ status }: { status: string }) {
  const label = useLabel();
  return <Tag color={ORDER_COLORS[status] ?? 'default'}>{label('orderStatus', status)}</Tag>;
}
