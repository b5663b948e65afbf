import * as React from 'react'
import { EmptyState } from '@/components/ui/empty-state'
import { Badge } from '@/components/ui/badge'
import { PageHeader } from '@/components/layout/PageHeader'

export function ComingSoon({ icon, title, children }: { icon: React.ReactNode; title: string; children: React.ReactNode }) {
  return (
    <div>
      <PageHeader title={title} />
      <EmptyState icon={icon} title={`${title} is coming soon`}>
        <p>{children}</p>
        <Badge variant="secondary" className="mt-4">
          In a later release
        </Badge>
      </EmptyState>
    </div>
  )
}

/** Kept for pages that import it from here; it lives in components/layout. */
export { PageHeader }
