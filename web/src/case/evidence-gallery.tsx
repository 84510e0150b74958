// Evidence as the parties gave it: images inline (click to enlarge), videos playable, other files
// as links; declared items without a file show their kind and description. Files are fetched
// with the bearer header and shown from blob URLs.
import { Card, Empty, Image, Space, Tag, Typography } from 'antd';
import { isoMinutes } from '../api.ts';
import { useBlobUrl } from '../components/use-blob-url.ts';
import { useLabel, useT } from '../i18n/index.tsx';
import type { CaseEvidence as EvidenceItem } from '../../../src/contract/index.ts';

function FilePreview({ item }: { item: EvidenceItem }) {
  const src = useBlobUrl(item.url ?? null);
  if (!item.url || !src) return null;
  const type = item.content_type ?? '';
  if (type.startsWith('image/')) return <Image src={src} width={160} height={120} style={{ objectFit: 'cover' }} alt={item.description ?? item.kind} />;
  if (type.startsWith('video/')) return <video src={src} controls width={220} aria-label={item.description ?? item.kind} />;
  return (
    <Typography.Link href={src} target="_blank" download>
      {item.sha256?.slice(0, 12)}…
    </Typography.Link>
  );
}

export function EvidenceGallery({ items, empty }: { items: EvidenceItem[]; empty?: string }) {
  const t = useT();
  const label = useLabel();
  if (items.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={empty ?? t('common.none')} />;
  return (
    <Space wrap align="start" size={12} data-testid="evidence-gallery">
      {items.map((e, i) => (
        <Card key={`${e.sha256 ?? 'declared'}-${i}`} size="small" style={{ width: 240 }}>
          <Space orientation="vertical" size={4}>
            <Space size={4} wrap>
              <Tag color={e.party === 'buyer' ? 'green' : e.party === 'merchant' ? 'blue' : 'purple'}>{label('party', e.party)}</Tag>
              <Tag>{label('evidence', e.kind)}</Tag>
            </Space>
            <FilePreview item={e} />
            {e.description && <Typography.Text>{e.description}</Typography.Text>}
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {isoMinutes(e.at)}
            </Typography.Text>
          </Space>
        </Card>
      ))}
    </Space>
  );
}
