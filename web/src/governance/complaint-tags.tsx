// Status tags of complaints and shops, coloured by who has to act or how it ended (SPEC §8.1, §8.2).
import { Tag } from 'antd';
import { useLabel } from '../i18n/index.tsx';

const COMPLAINT_COLORS: Record<string, string> = {
  filed: 'orange',
  under_review: 'blue',
  upheld: 'red',
  dismissed: 'green',
  withdrawn: 'default',
  appealed: 'purple',
  reversed: 'green',
};
const SHOP_COLORS: Record<string, string> = { active: 'green', restricted: 'orange', closed: 'red' };

export function ComplaintStatusTag({ status, testid }: { status: string; testid?: string }) {
  const label = useLabel();
  return (
    <Tag color={COMPLAINT_COLORS[status] ?? 'default'} data-testid={testid}>
      {label('complaintStatus', status)}
    </Tag>
  );
}

export function ShopStatusTag({ status }: { status: string }) {
  const label = useLabel();
  return (
    <Tag color={SHOP_COLORS[status] ?? 'default'} data-testid="shop-status">
      {label('shopStatus', status)}
    </Tag>
  );
}
