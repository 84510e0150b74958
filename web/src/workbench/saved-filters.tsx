// Issue 16: named filters a merchant comes back to ("今天到期的退货", "张三的单"), saved per
// signed-in identity in this browser's localStorage (docs/decisions.md: no server round trip, no
// migration; another browser starts empty). Picking one applies it; the bin deletes it.
import { DeleteOutlined, SaveOutlined } from '@ant-design/icons';
import { Button, Flex, Input, Popover, Select } from 'antd';
import { useState } from 'react';
import { useT } from '../i18n/index.tsx';
import type { QueueFilters } from './use-queue.ts';

type Saved = { name: string; filters: QueueFilters }[];
const MAX_SAVED = 20;

const keyOf = (who: string) => `aftersale.savedFilters.${who}`;
function load(who: string): Saved {
  try {
    const v = JSON.parse(localStorage.getItem(keyOf(who)) ?? '[]') as unknown;
    return Array.isArray(v) ? (v as Saved).filter((x) => typeof x?.name === 'string' && typeof x?.filters?.status === 'string') : [];
  } catch {
    return [];
  }
}
const store = (who: string, list: Saved) => localStorage.setItem(keyOf(who), JSON.stringify(list.slice(0, MAX_SAVED)));

/** `who`: the signed-in identity (shop id or "platform"), so two identities keep their own lists. */
export function SavedFilters({ who, current, onApply }: { who: string; current: QueueFilters; onApply: (f: QueueFilters) => void }) {
  const t = useT();
  const [list, setList] = useState<Saved>(() => load(who));
  const [name, setName] = useState('');
  const [open, setOpen] = useState(false);
  const save = () => {
    const n = name.trim();
    if (!n) return;
    const next = [{ name: n, filters: current }, ...list.filter((x) => x.name !== n)];
    store(who, next);
    setList(next);
    setName('');
    setOpen(false);
  };
  const remove = (n: string) => {
    const next = list.filter((x) => x.name !== n);
    store(who, next);
    setList(next);
  };
  return (
    <Flex gap={8} wrap align="center" data-testid="saved-filters">
      <Select
        aria-label={t('wd.saved.pick')}
        data-testid="saved-pick"
        placeholder={t('wd.saved.pick')}
        style={{ minWidth: 180 }}
        value={null}
        notFoundContent={t('wd.saved.none')}
        onChange={(n: string) => {
          const f = list.find((x) => x.name === n);
          if (f) onApply(f.filters);
        }}
        options={list.map((x) => ({
          value: x.name,
          label: (
            <Flex justify="space-between" align="center" gap={8}>
              <span>{x.name}</span>
              <DeleteOutlined
                aria-label={t('wd.saved.delete', { name: x.name })}
                onMouseDown={(e) => e.stopPropagation()}
                onClick={(e) => {
                  e.stopPropagation();
                  remove(x.name);
                }}
              />
            </Flex>
          ),
        }))}
      />
      <Popover
        open={open}
        onOpenChange={setOpen}
        trigger="click"
        content={
          <Flex gap={8}>
            <Input aria-label={t('wd.saved.name')} placeholder={t('wd.saved.name')} value={name} maxLength={40} onChange={(e) => setName(e.target.value)} onPressEnter={save} data-testid="saved-name" />
            <Button type="primary" onClick={save} disabled={!name.trim()} data-testid="saved-confirm">
              {t('common.ok')}
            </Button>
          </Flex>
        }
      >
        <Button icon={<SaveOutlined />} data-testid="saved-save">
          {t('wd.saved.save')}
        </Button>
      </Popover>
    </Flex>
  );
}
