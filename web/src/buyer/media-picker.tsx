// Photos and videos picked for an application: kept in the browser (`beforeUpload` returns false)
// until the case exists, each with the kind it is (photo or video) and a thumbnail for images.
import { DeleteOutlined, PlaySquareOutlined, UploadOutlined } from '@ant-design/icons';
import { Button, Flex, Tag, Typography, Upload } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useLabel, useT } from '../i18n/index.tsx';
import { MAX_EVIDENCE_BYTES } from '../../../src/contract/enums.ts';
import { kindOf, MEDIA_ACCEPT } from './format.ts';

export interface PickedMedia {
  uid: string;
  file: File;
  kind: string;
  /** A blob URL of an image, for the thumbnail. */
  preview: string | null;
}

/** A form control (value/onChange): the picker (`apply-evidence`) and the picked files. */
export function MediaPicker({ value, onChange, id }: { value?: PickedMedia[]; onChange?: (v: PickedMedia[]) => void; id?: string }) {
  const t = useT();
  const label = useLabel();
  const [tooBig, setTooBig] = useState<string | null>(null);
  // beforeUpload runs once per file of a multiple pick before the parent re-renders: keep the
  // growing list here so no file of the pick is lost.
  const current = useRef<PickedMedia[]>(value ?? []);
  current.current = value ?? [];
  const set = (v: PickedMedia[]) => {
    current.current = v;
    onChange?.(v);
  };
  // Thumbnails die with the page.
  const all = useRef(new Set<string>());
  useEffect(() => {
    const urls = all.current;
    return () => urls.forEach((u) => URL.revokeObjectURL(u));
  }, []);

  const add = (file: File) => {
    if (file.size > MAX_EVIDENCE_BYTES) {
      setTooBig(t('buyer.apply.tooBig', { name: file.name }));
      return false;
    }
    setTooBig(null);
    const preview = file.type.startsWith('image/') ? URL.createObjectURL(file) : null;
    if (preview) all.current.add(preview);
    set([...current.current, { uid: `${Date.now()}-${current.current.length}-${file.name}`, file, kind: kindOf(file), preview }]);
    return false;
  };
  const remove = (m: PickedMedia) => set(current.current.filter((x) => x.uid !== m.uid));

  return (
    <Flex vertical gap={8} id={id}>
      <div data-testid="apply-evidence">
        <Upload accept={MEDIA_ACCEPT} multiple showUploadList={false} beforeUpload={add}>
          <Button icon={<UploadOutlined />}>{t('buyer.apply.addMedia')}</Button>
        </Upload>
      </div>
      {tooBig && <Typography.Text type="danger">{tooBig}</Typography.Text>}
      {(value ?? []).map((m) => (
        <Flex key={m.uid} gap={8} align="center" data-testid="apply-evidence-file">
          {m.preview ? (
            <img src={m.preview} alt={m.file.name} width={48} height={48} style={{ objectFit: 'cover', borderRadius: 4, flex: 'none' }} />
          ) : (
            <PlaySquareOutlined style={{ fontSize: 40, color: '#8c8c8c', flex: 'none' }} aria-hidden />
          )}
          <Flex vertical style={{ minWidth: 0, flex: 1 }}>
            <Typography.Text ellipsis style={{ maxWidth: '100%' }}>
              {m.file.name}
            </Typography.Text>
            <span>
              <Tag>{label('evidence', m.kind)}</Tag>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {(m.file.size / 1024).toFixed(0)} KB
              </Typography.Text>
            </span>
          </Flex>
          <Button type="text" icon={<DeleteOutlined />} aria-label={t('buyer.apply.removeMedia', { name: m.file.name })} onClick={() => remove(m)} />
        </Flex>
      ))}
    </Flex>
  );
}
