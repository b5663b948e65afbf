import * as React from 'react'
import type { Character } from '@/lib/model'
import { cn } from '@/lib/utils'

export type Updater = (fn: (d: Character) => Character) => void
export type ErrFn = (path: string) => string | undefined

export interface SectionProps {
  draft: Character
  update: Updater
  err: ErrFn
  editable: boolean
}

export function Section({ title, description, children, className }: { title: string; description?: React.ReactNode; children: React.ReactNode; className?: string }) {
  return (
    <section className={cn('grid gap-6 rounded-xl border border-zinc-200 bg-white p-6 shadow-sm md:grid-cols-[14rem_1fr]', className)}>
      <div>
        <h2 className="text-sm font-semibold text-zinc-900">{title}</h2>
        {description && <p className="mt-1 text-xs leading-relaxed text-zinc-500">{description}</p>}
      </div>
      <div className="grid min-w-0 gap-5">{children}</div>
    </section>
  )
}

export function Checkbox({ id, checked, onChange, label, disabled }: { id: string; checked: boolean; onChange: (v: boolean) => void; label: string; disabled?: boolean }) {
  return (
    <div className="flex items-center gap-2">
      <input
        id={id}
        type="checkbox"
        className="size-4 rounded border-zinc-300 accent-violet-600"
        checked={checked}
        disabled={disabled}
        onChange={(e) => onChange(e.target.checked)}
      />
      <label htmlFor={id} className="text-sm text-zinc-800">
        {label}
      </label>
    </div>
  )
}
