import { Navigate, Route, Routes, useLocation } from 'react-router'
import { BarChart3, Cog } from 'lucide-react'
import { useMe, useSetup } from '@/lib/auth'
import { errorMessage } from '@/lib/api'
import { canEdit } from '@/lib/model'
import { AppLayout } from '@/components/layout/AppLayout'
import { FullPageSpinner } from '@/components/layout/FullPageSpinner'
import { Button } from '@/components/ui/button'
import { SetupPage } from '@/pages/SetupPage'
import { LoginPage } from '@/pages/LoginPage'
import { CharactersPage } from '@/pages/CharactersPage'
import { ImportPage } from '@/pages/ImportPage'
import { CharacterEditPage } from '@/pages/CharacterEditPage'
import { UsersPage } from '@/pages/UsersPage'
import { ComingSoon } from '@/pages/ComingSoon'
import { StudioPage } from '@/pages/StudioPage'
import { SystemPage } from '@/pages/SystemPage'
import { ComposerPage } from '@/pages/publish/ComposerPage'
import { ReviewPage } from '@/pages/ReviewPage'
import { CalendarPage } from '@/pages/CalendarPage'
import { ChannelsPage } from '@/pages/ChannelsPage'

export function App() {
  const setup = useSetup()
  const me = useMe()
  const location = useLocation()

  if (setup.isPending || me.isPending) return <FullPageSpinner />
  if (setup.isError || me.isError) {
    return (
      <div className="flex h-full flex-col items-center justify-center gap-4 p-6 text-center">
        <h1 className="text-lg font-semibold">Troupe is not answering</h1>
        <p className="max-w-md text-sm text-zinc-500">{errorMessage(setup.error ?? me.error)}</p>
        <Button onClick={() => window.location.reload()}>Try again</Button>
      </div>
    )
  }

  if (!setup.data.ownerExists && !me.data) {
    return (
      <Routes>
        <Route path="/setup" element={<SetupPage />} />
        <Route path="*" element={<Navigate to="/setup" replace />} />
      </Routes>
    )
  }

  if (!me.data) {
    const from = location.pathname + location.search
    return (
      <Routes>
        <Route path="/login" element={<LoginPage />} />
        <Route
          path="*"
          element={<Navigate to="/login" replace state={from !== '/' && from !== '/setup' ? { from } : undefined} />}
        />
      </Routes>
    )
  }

  const user = me.data
  return (
    <Routes>
      <Route element={<AppLayout user={user} />}>
        <Route index element={<Navigate to="/characters" replace />} />
        <Route path="characters" element={<CharactersPage user={user} />} />
        <Route path="characters/import" element={<ImportPage user={user} />} />
        <Route path="characters/new" element={<CharacterEditPage user={user} />} />
        <Route path="characters/:id" element={<CharacterEditPage user={user} />} />
        <Route path="studio" element={<StudioPage user={user} />} />
        <Route path="posts/new" element={canEdit(user.role) ? <ComposerPage user={user} /> : <Navigate to="/review" replace />} />
        <Route path="posts/:id" element={<ComposerPage user={user} />} />
        <Route path="review" element={<ReviewPage user={user} />} />
        <Route path="calendar" element={<CalendarPage user={user} />} />
        <Route path="channels" element={<ChannelsPage user={user} />} />
        <Route
          path="analytics"
          element={
            <ComingSoon icon={<BarChart3 />} title="Analytics">
              Reach, engagement and growth per character and per channel.
            </ComingSoon>
          }
        />
        <Route path="system" element={<SystemPage user={user} />} />
        <Route path="system/:section" element={<SystemPage user={user} />} />
        <Route
          path="settings"
          element={
            <ComingSoon icon={<Cog />} title="Settings">
              Studio-wide defaults: model endpoints, disclosure policy, storage and backups.
            </ComingSoon>
          }
        />
        <Route
          path="settings/users"
          element={<UsersPage user={user} />}
        />
        <Route path="login" element={<Navigate to="/characters" replace />} />
        <Route path="setup" element={<Navigate to="/characters" replace />} />
        <Route path="*" element={<NotFound />} />
      </Route>
    </Routes>
  )
}

function NotFound() {
  return (
    <div className="py-24 text-center">
      <h1 className="text-lg font-semibold">Page not found</h1>
      <p className="mt-2 text-sm text-zinc-500">There is nothing at this address.</p>
    </div>
  )
}
