// Issue 16: the queue by keyboard — j/k move the current row, Enter opens it, a opens it with the
// agree dialog, x selects it for a batch, / goes to the search, r reloads, ? shows this list.
// Keys typed into a field, or with Ctrl/Alt/Meta, are the field's and the browser's.
import { Modal, Typography } from 'antd';
import { useEffect, useRef } from 'react';
import { useT } from '../i18n/index.tsx';

export const QUEUE_KEYS = [
  ['j', 'wd.keys.next'],
  ['k', 'wd.keys.prev'],
  ['Enter', 'wd.keys.open'],
  ['a', 'wd.keys.agree'],
  ['x', 'wd.keys.select'],
  ['/', 'wd.keys.search'],
  ['r', 'wd.keys.reload'],
  ['?', 'wd.keys.help'],
] as const;

export interface KeyHandlers {
  move: (by: 1 | -1) => void;
  open: (withAgree: boolean) => void;
  select: () => void;
  search: () => void;
  reload: () => void;
  help: () => void;
}

const typing = (el: EventTarget | null) => el instanceof HTMLElement && (el.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(el.tagName) || !!el.closest('.ant-select, .ant-modal'));

export function useQueueKeys(handlers: KeyHandlers, enabled: boolean) {
  // The latest handlers without re-subscribing on every render.
  const ref = useRef(handlers);
  ref.current = handlers;
  useEffect(() => {
    if (!enabled) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.ctrlKey || e.metaKey || e.altKey || typing(e.target)) return;
      const h = ref.current;
      const act: Record<string, () => void> = {
        j: () => h.move(1),
        k: () => h.move(-1),
        Enter: () => h.open(false),
        a: () => h.open(true),
        x: () => h.select(),
        '/': () => h.search(),
        r: () => h.reload(),
        '?': () => h.help(),
      };
      const f = act[e.key];
      if (!f) return;
      e.preventDefault();
      f();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [enabled]);
}

export function KeysHelp({ open, onClose }: { open: boolean; onClose: () => void }) {
  const t = useT();
  return (
    <Modal open={open} onCancel={onClose} footer={null} title={t('wd.keys.title')} data-testid="keys-help">
      <table style={{ borderSpacing: '8px 6px' }} data-testid="keys-help-table">
        <tbody>
          {QUEUE_KEYS.map(([k, words]) => (
            <tr key={k}>
              <td>
                <kbd className="wd-kbd">{k}</kbd>
              </td>
              <td>
                <Typography.Text>{t(words)}</Typography.Text>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </Modal>
  );
}
