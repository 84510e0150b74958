// A ticket message's files (SPEC §10.1): photos inline from blob URLs (the download needs the
// bearer header), other files as links, declared items without a file as a tag; and the picker of
// the reply box, which uploads each file to the ticket as it is chosen.
import { Flex, Image, Tag, Typography } from 'antd';
import { useState } from 'react';
import { ApiError } from '../api.ts';
import { useBlobUrl } from '../components/use-blob-url.ts';
import { useT } from '../i18n/index.tsx';

export interface Attached {
  name: string;
  kind: string;
  sha256: string;
}

type Item = { kind: string; description: string | null; sha256: string | null; url: string | null };

function Attachment({ item }: { item: Item }) {
  const src = useBlobUrl(item.url ?? null);
  const label = item.description ?? item.kind;
  if (!item.url) return <Tag>{label}</Tag>;
  if (!src) return <Tag>{label}…</Tag>;
  if (item.kind === 'photo') return <Image src={src} width={96} height={72} style={{ objectFit: 'cover' }} alt={label} />;
  return (
    <Typography.Link href={src} target="_blank" download>
      {label}
    </Typography.Link>
  );
}

export function AttachmentList({ items, testid }: { items: Item[]; testid: string }) {
  return (
    <Flex gap={6} wrap data-testid={testid}>
      {items.map((a, i) => (
        <Attachment key={`${a.sha256 ?? 'declared'}-${i}`} item={a} />
      ))}
    </Flex>
  );
}

/** Picks files for a reply: each is uploaded to the ticket at once; a refusal shows in words. */
export function AttachPicker({
  upload,
  attached,
  onChange,
  onError,
  testid,
}: {
  upload: (file: File, kind: string) => Promise<{ sha256: string }>;
  attached: Attached[];
  onChange: (a: Attached[]) => void;
  onError: (e: string | null) => void;
  testid: string;
}) {
  const t = useT();
  const [busy, setBusy] = useState(false);
  const pick = async (files: FileList | null) => {
    if (!files || files.length === 0) return;
    setBusy(true);
    const added: Attached[] = [];
    try {
      for (const f of Array.from(files)) {
        const kind = f.type.startsWith('video/') ? 'video' : f.type.startsWith('image/') ? 'photo' : 'other';
        added.push({ name: f.name, kind, sha256: (await upload(f, kind)).sha256 });
      }
      onError(null);
    } catch (e) {
      onError(e instanceof ApiError ? e.message : String(e));
    } finally {
      onChange([...attached, ...added.filter((a) => !attached.some((b) => b.sha256 === a.sha256))]);
      setBusy(false);
    }
  };
  return (
    <Flex gap={6} wrap align="center" data-testid={testid}>
      <label className="ant-btn ant-btn-default ant-btn-sm" style={{ cursor: 'pointer' }}>
        {busy ? t('ticket.attaching') : t('ticket.attach')}
        <input type="file" accept="image/*,video/*,application/pdf" multiple aria-label={t('ticket.attach')} style={{ display: 'none' }} onChange={(e) => void pick(e.target.files).then(() => (e.target.value = ''))} />
      </label>
      {attached.map((a) => (
        <Tag key={a.sha256} closable onClose={() => onChange(attached.filter((b) => b.sha256 !== a.sha256))} data-testid={`${testid}-file`}>
          {a.name}
        </Tag>
      ))}
    </Flex>
  );
}
