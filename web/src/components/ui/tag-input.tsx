import * as React from 'react'
import { X } from 'lucide-react'
import { cn } from '@/lib/utils'

/** A chip list editor: Enter or comma adds, Backspace on empty removes the last chip. */
export function TagInput({
  id,
  value,
  onChange,
  placeholder,
  disabled,
  invalid,
  prefix,
}: {
  id: string
  value: string[]
  onChange: (v: string[]) => void
  placeholder?: string
  disabled?: boolean
  invalid?: boolean
  prefix?: string
}) {
  const [draft, setDraft] = React.useState('')
  const commit = () => {
    const parts = draft
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean)
    if (parts.length) {
      const next = [...value]
      for (const p of parts) if (!next.includes(p)) next.push(p)
      onChange(next)
    }
    setDraft('')
  }
  return (
    <div
      className={cn(
        'flex min-h-9 w-full flex-wrap items-center gap-1.5 rounded-md border border-zinc-300 bg-white px-2 py-1.5 shadow-sm focus-within:border-violet-500 focus-within:ring-2 focus-within:ring-violet-500',
        invalid && 'border-red-500',
        disabled && 'opacity-60',
      )}
    >
      {value.map((t, i) => (
        <span key={`${t}-${i}`} className="inline-flex items-center gap-1 rounded-md bg-zinc-100 py-0.5 pl-2 pr-1 text-xs font-medium text-zinc-800">
          {prefix}
          {t}
          {!disabled && (
            <button
              type="button"
              aria-label={`Remove ${t}`}
              className="rounded p-0.5 text-zinc-500 hover:bg-zinc-200 hover:text-zinc-900"
              onClick={() => onChange(value.filter((_, j) => j !== i))}
            >
              <X className="size-3" />
            </button>
          )}
        </span>
      ))}
      <input
        id={id}
        value={draft}
        disabled={disabled}
        aria-invalid={invalid || undefined}
        placeholder={value.length ? '' : (placeholder ?? 'Type and press Enter')}
        className="min-w-[8rem] flex-1 bg-transparent px-1 text-sm outline-none placeholder:text-zinc-400"
        onChange={(e) => setDraft(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter' || e.key === ',') {
            e.preventDefault()
            commit()
          } else if (e.key === 'Backspace' && !draft && value.length) {
            onChange(value.slice(0, -1))
          }
        }}
        onBlur={commit}
      />
    </div>
  )
}
