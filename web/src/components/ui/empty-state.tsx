import * as React from 'react'
import { cn } from '@/lib/utils'

export function EmptyState({
  icon,
  title,
  children,
  action,
  className,
}: {
  icon?: React.ReactNode
  title: string
  children?: React.ReactNode
  action?: React.ReactNode
  className?: string
}) {
  return (
    <div className={cn('flex flex-col items-center justify-center rounded-xl border border-dashed border-zinc-300 bg-white px-6 py-16 text-center', className)}>
      {icon && <div className="mb-4 flex size-12 items-center justify-center rounded-full bg-violet-50 text-violet-600 [&_svg]:size-6">{icon}</div>}
      <h2 className="text-base font-semibold text-zinc-900">{title}</h2>
      {children && <div className="mt-2 max-w-md text-sm text-zinc-500">{children}</div>}
      {action && <div className="mt-6">{action}</div>}
    </div>
  )
}
