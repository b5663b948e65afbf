import * as React from 'react'
import { step } from '@/lib/list'
import { isTyping } from './shortcuts'

/** A key and what it does, as the shortcuts panel lists it. */
export type Shortcut = readonly [key: string, does: string]

interface ListKeys<T> {
  /** The items in the order the list shows them. */
  items: T[]
  /** The item the detail pane shows. */
  current: T | undefined
  select: (id: string) => void
  /** The CSS selector of an item's row, scrolled into view when j or k selects it. */
  row: (id: string) => string
  /** The page's own keys for the current item; true when the key was handled. */
  onKey?: (key: string, current: T) => boolean
}

/**
 * The keyboard of a list beside a detail pane (Inbox, Review): j and k select the next and previous item, ? shows
 * or hides the shortcuts, other keys go to the page's `onKey`. Keys typed into a field, dialog or menu, and keys
 * held with a modifier, are left alone.
 */
export function useListKeys<T extends { id: string }>(keys: ListKeys<T>) {
  const [help, setHelp] = React.useState(false)
  const latest = React.useRef(keys)
  React.useLayoutEffect(() => {
    latest.current = keys
  })
  React.useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.metaKey || e.ctrlKey || e.altKey || isTyping(e.target)) return
      const { items, current, select, row, onKey: own } = latest.current
      if (e.key === 'j' || e.key === 'k') {
        const next = step(items, current?.id ?? null, e.key === 'j' ? 1 : -1)
        if (!next) return
        select(next.id)
        document.querySelector(row(next.id))?.scrollIntoView({ block: 'nearest' })
      } else if (e.key === '?') setHelp((h) => !h)
      else if (!current || !own?.(e.key, current)) return
      e.preventDefault()
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [])
  return { help, toggleHelp: () => setHelp((h) => !h) }
}

/** The panel that lists a page's keyboard shortcuts. */
export function ShortcutHelp({ shortcuts, testId }: { shortcuts: Shortcut[]; testId: string }) {
  return (
    <div className="mb-4 flex flex-wrap gap-x-5 gap-y-1 rounded-lg border border-zinc-200 bg-white px-4 py-2.5 text-xs text-zinc-600" data-testid={testId}>
      {shortcuts.map(([k, v]) => (
        <span key={k}>
          <kbd className="rounded border border-zinc-300 bg-zinc-50 px-1.5 py-0.5 font-mono text-[11px] text-zinc-800">{k}</kbd> {v}
        </span>
      ))}
    </div>
  )
}
