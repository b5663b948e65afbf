import type * as React from 'react'
import { Card } from '@/components/ui/card'

/** A titled card of the Analytics page. */
export function Panel({ title, testId, children, actions }: { title: string; testId?: string; children: React.ReactNode; actions?: React.ReactNode }) {
  return (
    <Card className="p-5" data-testid={testId}>
      <div className="mb-3 flex items-center justify-between gap-2">
        <h2 className="text-sm font-semibold text-zinc-900">{title}</h2>
        {actions}
      </div>
      {children}
    </Card>
  )
}

export function Empty({ children }: { children: React.ReactNode }) {
  return <p className="py-10 text-center text-sm text-zinc-500">{children}</p>
}
