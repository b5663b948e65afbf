import { Navigate, useNavigate, useParams } from 'react-router'
import { KeyRound, Server, Workflow } from 'lucide-react'
import type { User } from '@/lib/model'
import { Tabs, TabsContent, TabsList, TabsTrigger } from '@/components/ui/tabs'
import { PageHeader } from '@/components/layout/PageHeader'
import { BackendsSection } from './system/BackendsSection'
import { PlatformAppsSection } from './system/PlatformAppsSection'
import { TemplatesSection } from './system/TemplatesSection'

const SECTIONS = ['backends', 'platform-apps', 'templates'] as const

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
          <TabsTrigger value="platform-apps" data-testid="system-tab-platform-apps">
            <KeyRound className="size-4" /> Platform apps
          </TabsTrigger>
          <TabsTrigger value="templates" data-testid="system-tab-templates">
            <Workflow className="size-4" /> Templates
          </TabsTrigger>
        </TabsList>
        <TabsContent value="backends">
          <BackendsSection user={user} />
        </TabsContent>
        <TabsContent value="platform-apps">
          <PlatformAppsSection user={user} />
        </TabsContent>
        <TabsContent value="templates">
          <TemplatesSection user={user} />
        </TabsContent>
      </Tabs>
    </div>
  )
}
