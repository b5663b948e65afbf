import { Navigate, useNavigate, useParams } from 'react-router'
import { Server } from 'lucide-react'
import type { User } from '@/lib/model'
import { Tabs, TabsContent, TabsList, TabsTrigger } from '@/components/ui/tabs'
import { PageHeader } from '@/components/layout/PageHeader'
import { BackendsSection } from './system/BackendsSection'

const SECTIONS = ['backends'] as const

export function SystemPage({ user }: { user: User }) {
  const { section } = useParams()
  const navigate = useNavigate()
  if (section && !SECTIONS.includes(section as (typeof SECTIONS)[number])) return <Navigate to="/system" replace />
  const current = section ?? 'backends'
  return (
    <div>
      <PageHeader title="System" description="Health of the model backends Troupe sends work to. Job queues, storage and the audit log follow in later releases." />
      <Tabs value={current} onValueChange={(v) => navigate(`/system/${v}`, { replace: true })}>
        <TabsList>
          <TabsTrigger value="backends" data-testid="system-tab-backends">
            <Server className="size-4" /> Backends
          </TabsTrigger>
        </TabsList>
        <TabsContent value="backends">
          <BackendsSection user={user} />
        </TabsContent>
      </Tabs>
    </div>
  )
}
