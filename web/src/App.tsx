import { Navigate, Route, Routes, useLocation } from 'react-router'
import { useMe, useSetup } from '@/lib/auth'
import { errorMessage } from '@/lib/api'
import { canEdit } from '@/lib/model'
import { AppLayout } from '@/components/layout/AppLayout'
import { FullPageSpinner } from '@/components/layout/FullPageSpinner'
import { Button } from '@/components/ui/button'
import { lazyPage } from '@/components/layout/lazy-page'

// Each page is its own chunk: the first screen loads the shell and the page it shows, not the whole dashboard.
const SetupPage = lazyPage(() => import('@/pages/SetupPage'), 'SetupPage')
const LoginPage = lazyPage(() => import('@/pages/LoginPage'), 'LoginPage')
const CharactersPage = lazyPage(() => import('@/pages/CharactersPage'), 'CharactersPage')
const ImportPage = lazyPage(() => import('@/pages/ImportPage'), 'ImportPage')
const CharacterEditPage = lazyPage(() => import('@/pages/CharacterEditPage'), 'CharacterEditPage')
const UsersPage = lazyPage(() => import('@/pages/UsersPage'), 'UsersPage')
const StudioPage = lazyPage(() => import('@/pages/StudioPage'), 'StudioPage')
const SystemPage = lazyPage(() => import('@/pages/SystemPage'), 'SystemPage')
const ComposerPage = lazyPage(() => import('@/pages/publish/ComposerPage'), 'ComposerPage')
const ReviewPage = lazyPage(() => import('@/pages/ReviewPage'), 'ReviewPage')
const CalendarPage = lazyPage(() => import('@/pages/CalendarPage'), 'CalendarPage')
const ChannelsPage = lazyPage(() => import('@/pages/ChannelsPage'), 'ChannelsPage')
const PostsPage = lazyPage(() => import('@/pages/PostsPage'), 'PostsPage')
const SettingsPage = lazyPage(() => import('@/pages/SettingsPage'), 'SettingsPage')
const AnalyticsPage = lazyPage(() => import('@/pages/analytics/AnalyticsPage'), 'AnalyticsPage')
const InboxPage = lazyPage(() => import('@/pages/InboxPage'), 'InboxPage')

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
        <Route path="*" element={<Navigate to="/login" replace state={from !== '/' && from !== '/setup' ? { from } : undefined} />} />
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
        <Route path="posts" element={<PostsPage user={user} />} />
        <Route path="posts/new" element={canEdit(user.role) ? <ComposerPage user={user} /> : <Navigate to="/review" replace />} />
        <Route path="posts/:id" element={<ComposerPage user={user} />} />
        <Route path="review" element={<ReviewPage user={user} />} />
        <Route path="inbox" element={<InboxPage user={user} />} />
        <Route path="calendar" element={<CalendarPage user={user} />} />
        <Route path="channels" element={<ChannelsPage user={user} />} />
        <Route path="analytics" element={<AnalyticsPage user={user} />} />
        <Route path="system" element={<SystemPage user={user} />} />
        <Route path="system/:section" element={<SystemPage user={user} />} />
        <Route path="settings" element={<SettingsPage user={user} />} />
        <Route path="settings/users" element={<UsersPage user={user} />} />
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
