// Evidence files picked in a form: each kept in the browser (no upload until the form is sent) with
// the kind it proves, so a command that needs evidence (SPEC §7: reject, refuse_return) can upload
// the files first and then name them by content hash.
import { DeleteOutlined, UploadOutlined } from '@ant-design/icons';
import { Button, Flex, Select, Typography, Upload } from 'antd';
import { useRef, useState } from 'react';
import { sha256Hex, uploadEvidence } from '../api.ts';
import { useLabel, useT, type T } from '../i18n/index.tsx';
import { checkFiles } from './file-check.ts';
import { EVIDENCE_KINDS } from '../../../src/contract/enums.ts';
import { EVIDENCE_ACCEPT, guessKind } from './codes.ts';

export interface PickedFile {
  uid: string;
  file: File;
  kind: string;
}

/**
 * A form control (value/onChange, so it sits in a Form.Item): a kind for the next files, the
 * upload button (`field-file`), and the picked files, each with its own kind and a remove button.
 * `wanted` lists kinds the command needs; new files take the first one not yet given.
 */
export function EvidencePicker({ value, onChange, wanted = [], id }: { value?: PickedFile[]; onChange?: (v: PickedFile[]) => void; wanted?: readonly string[]; id?: string }) {
  const t = useT();
  const label = useLabel();
  const [nextKind, setNextKind] = useState<string | undefined>(undefined);
  // beforeUpload runs once per file of a multiple pick, before the parent re-renders: keep the
  // growing list here so no file of the pick is lost.
  const current = useRef<PickedFile[]>(value ?? []);
  current.current = value ?? [];
  const set = (v: PickedFile[]) => {
    current.current = v;
    onChange?.(v);
  };
  const kindOptions = EVIDENCE_KINDS.map((k) => ({ value: k, label: label('evidence', k) }));
  return (
    <Flex vertical gap={8} id={id}>
      <Flex gap={8} wrap align="center">
        <Select
          aria-label={t('case.form.kind')}
          data-testid="field-kind"
          placeholder={t('case.form.kindAuto')}
          allowClear
          value={nextKind}
          onChange={setNextKind}
          options={kindOptions}
          style={{ width: 200, maxWidth: '100%' }}
        />
        {/* A label whose control is the hidden file input: addressing the field, or the input in it, reaches the same input. */}
        <label data-testid="field-file">
          <Upload
            accept={EVIDENCE_ACCEPT}
            multiple
            showUploadList={false}
            beforeUpload={(file) => {
              const list = current.current;
              set([...list, { uid: file.uid, file, kind: nextKind ?? guessKind(file, list, wanted) }]);
              return false;
            }}
          >
            <Button icon={<UploadOutlined />}>{t('case.form.pickFile')}</Button>
          </Upload>
        </label>
      </Flex>
      {(value ?? []).map((p) => (
        <Flex key={p.uid} gap={8} wrap align="center" data-testid="picked-file">
          <Typography.Text ellipsis style={{ maxWidth: 160 }} title={p.file.name}>
            {p.file.name}
          </Typography.Text>
          <Select
            aria-label={t('case.form.kindOf', { name: p.file.name })}
            size="small"
            value={p.kind}
            onChange={(kind) => set((value ?? []).map((x) => (x.uid === p.uid ? { ...x, kind } : x)))}
            options={kindOptions}
            style={{ width: 180, maxWidth: '100%' }}
          />
          <Button
            size="small"
            type="text"
            icon={<DeleteOutlined />}
            aria-label={t('case.form.removeFile', { name: p.file.name })}
            onClick={() => set((value ?? []).filter((x) => x.uid !== p.uid))}
          />
        </Flex>
      ))}
    </Flex>
  );
}

/** Uploads each picked file in turn (each upload is recorded on the case, SPEC §7) → the items to name in a command. */
export async function uploadPicked(caseId: string, picked: PickedFile[] = [], t: T, description?: string): Promise<{ kind: string; sha256: string }[]> {
  await checkFiles(picked.map((p) => p.file), t);
  return uploadChecked(caseId, picked, description);
}

async function uploadChecked(caseId: string, picked: PickedFile[], description?: string): Promise<{ kind: string; sha256: string }[]> {
  const out: { kind: string; sha256: string }[] = [];
  for (const p of picked) {
    const r = await uploadEvidence(caseId, p.file, p.kind, description || undefined);
    out.push({ kind: p.kind, sha256: r.sha256 });
  }
  return out;
}

/**
 * Sends a command that names evidence files (SPEC §7: reject, refuse_return need it attached): the
 * files are named by content hash in the command, then uploaded — an upload of a file its party
 * already named only stores the content, so each file is one evidence item. A refused command
 * uploads nothing. Without WebCrypto, upload first and name what the server hashed.
 */
export async function sendWithFiles<R>(caseId: string, picked: PickedFile[] = [], t: T, send: (evidence: { kind: string; sha256: string }[]) => Promise<R>): Promise<R> {
  // Every file must be one the upload accepts before the command names it.
  await checkFiles(picked.map((p) => p.file), t);
  const hashed = await Promise.all(picked.map(async (p) => ({ p, sha256: await sha256Hex(p.file) })));
  if (hashed.some((h) => h.sha256 === null)) return send(await uploadChecked(caseId, picked));
  const result = await send(hashed.map((h) => ({ kind: h.p.kind, sha256: h.sha256! })));
  for (const h of hashed) await uploadEvidence(caseId, h.p.file, h.p.kind);
  return result;
}
