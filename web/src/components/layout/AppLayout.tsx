import type { ReactNode } from 'react'
import { NavLink, Outlet, useLocation, useNavigate } from 'react-router'
import { useQueryClient } from '@tanstack/react-query'
import * as DropdownMenu from '@radix-ui/react-dropdown-menu'
import { BarChart3, CalendarDays, ChevronDown, ClipboardCheck, Cog, LogOut, Radio, Server, Users, UsersRound, Wand2, KeyRound, Inbox, ListChecks, SquarePen } from 'lucide-react'
import type { User } from '@/lib/model'
import { meKey } from '@/lib/auth'
import { cn, initials, roleLabel } from '@/lib/utils'
import { Badge } from '@/components/ui/badge'
import { useToast } from '@/components/ui/toast'
import { Logo } from './Logo'
import { NotificationsBell } from './NotificationsBell'
import { client, data } from '@/lib/api'
import { InboxCountBadge } from './InboxCountBadge'
import { canEdit } from '@/lib/model'
import { useNewPostShortcut } from './shortcuts'

const nav = [
  { to: '/characters', label: 'Characters', icon: UsersRound },
  { to: '/studio', label: 'Studio', icon: Wand2 },
  { to: '/posts', label: 'Posts', icon: ListChecks, end: true },
  { to: '/review', label: 'Review', icon: ClipboardCheck },
  { to: '/inbox', label: 'Inbox', icon: Inbox },
  { to: '/calendar', label: 'Calendar', icon: CalendarDays },
  { to: '/channels', label: 'Channels', icon: Radio },
  { to: '/analytics', label: 'Analytics', icon: BarChart3 },
  { to: '/system', label: 'System', icon: Server },
]

function SideLink({ to, label, icon: Icon, end, nested, badge }: { to: string; label: string; icon: typeof Cog; end?: boolean; nested?: boolean; badge?: ReactNode }) {
  return (
    <NavLink
      to={to}
      end={end}
      className={({ isActive }) =>
        cn(
          'group flex items-center gap-3 rounded-md px-3 py-2 text-sm font-medium transition-colors',
          nested && 'ml-4 py-1.5 text-[13px]',
          isActive ? 'bg-white/10 text-white' : 'text-zinc-400 hover:bg-white/5 hover:text-zinc-100',
        )
      }
    >
      {({ isActive }) => (
        <>
          <Icon className={cn('size-4 shrink-0', isActive ? 'text-violet-400' : 'text-zinc-500 group-hover:text-zinc-300')} />
          {label}
          {badge}
        </>
      )}
    </NavLink>
  )
}

/** "New post" from anywhere: first in the side navigation, and in the header on narrow screens. */
function NewPostLink({ compact }: { compact?: boolean }) {
  return (
    <NavLink
      to="/posts/new"
      data-testid={compact ? 'header-new-post' : 'nav-new-post'}
      aria-keyshortcuts="n"
      title="New post (n)"
      className={
        compact
          ? 'inline-flex items-center gap-1.5 rounded-md bg-violet-600 px-2.5 py-1.5 text-sm font-medium text-white hover:bg-violet-700 focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-violet-500 md:hidden'
          : 'mb-2 flex items-center gap-3 rounded-md bg-violet-600 px-3 py-2 text-sm font-medium text-white hover:bg-violet-500'
      }
    >
      <SquarePen className="size-4 shrink-0" />
      New post
      {!compact && <kbd className="ml-auto rounded border border-white/30 px-1.5 font-mono text-[11px] text-violet-100">n</kbd>}
    </NavLink>
  )
}

export function AppLayout({ user }: { user: User }) {
  const qc = useQueryClient()
  const navigate = useNavigate()
  const toast = useToast()
  const location = useLocation()
  useNewPostShortcut(canEdit(user.role))

  const logout = async () => {
    try {
      await data(client.POST('/api/v1/auth/logout'))
    } catch {
      /* the session is gone either way */
    }
    qc.clear()
    qc.setQueryData(meKey, null)
    navigate('/login', { replace: true })
    toast.toast({ title: 'Signed out' })
  }

  const section = [...nav, { to: '/posts', label: 'Post' }, { to: '/settings/users', label: 'Users & tokens' }, { to: '/settings', label: 'Settings' }].find((n) =>
    location.pathname.startsWith(n.to),
  )

  return (
    <div className="flex h-full">
      <aside className="hidden w-60 shrink-0 flex-col bg-zinc-950 text-zinc-100 md:flex">
        <div className="flex h-16 items-center px-5">
          <Logo />
        </div>
        <nav aria-label="Main navigation" className="flex flex-1 flex-col gap-0.5 overflow-y-auto px-3 py-2">
          {canEdit(user.role) && <NewPostLink />}
          {nav.map((n) => (
            <SideLink key={n.to} {...n} badge={n.to === '/inbox' ? <InboxCountBadge /> : undefined} />
          ))}
          <div className="my-2 border-t border-white/10" />
          <SideLink to="/settings" label="Settings" icon={Cog} end />
          <SideLink to="/settings/users" label={user.role === 'OWNER' ? 'Users & tokens' : 'API tokens'} icon={Users} nested />
        </nav>
        <div className="border-t border-white/10 px-5 py-4 text-xs text-zinc-500">Troupe · self-hosted studio</div>
      </aside>

      <div className="flex min-w-0 flex-1 flex-col">
        <header className="flex h-16 shrink-0 items-center justify-between border-b border-zinc-200 bg-white px-4 md:px-8">
          <div className="flex items-center gap-3">
            <Logo className="md:hidden" />
            <span className="hidden text-sm font-medium text-zinc-500 md:inline">{section?.label ?? ''}</span>
          </div>
          <div className="flex items-center gap-2">
            {canEdit(user.role) && <NewPostLink compact />}
            <NotificationsBell />
            <DropdownMenu.Root>
              <DropdownMenu.Trigger asChild>
                <button
                  type="button"
                  aria-label={`${user.displayName || user.email}, ${roleLabel(user.role)}: account menu`}
                  data-testid="user-menu"
                  className="flex items-center gap-3 rounded-md px-2 py-1.5 text-left hover:bg-zinc-100 focus:outline-none focus-visible:ring-2 focus-visible:ring-violet-500 cursor-pointer"
                >
                  <div className="flex size-8 items-center justify-center rounded-full bg-violet-100 text-sm font-semibold text-violet-700">
                    {initials(user.displayName || user.email)}
                  </div>
                  <div className="hidden leading-tight sm:block">
                    <div className="text-sm font-medium text-zinc-900">{user.displayName || user.email}</div>
                    <div className="text-xs text-zinc-500">{roleLabel(user.role)}</div>
                  </div>
                  <ChevronDown className="size-4 text-zinc-400" />
                </button>
              </DropdownMenu.Trigger>
              <DropdownMenu.Portal>
                <DropdownMenu.Content align="end" sideOffset={6} className="z-50 min-w-56 rounded-lg border border-zinc-200 bg-white p-1 text-sm shadow-lg">
                  <div className="px-2.5 py-2">
                    <div className="font-medium text-zinc-900">{user.displayName}</div>
                    <div className="truncate text-xs text-zinc-500">{user.email}</div>
                    <Badge variant="secondary" className="mt-2">
                      {roleLabel(user.role)}
                    </Badge>
                  </div>
                  <DropdownMenu.Separator className="my-1 h-px bg-zinc-100" />
                  <DropdownMenu.Item
                    onSelect={() => navigate('/settings/users')}
                    className="flex cursor-pointer items-center gap-2 rounded-md px-2.5 py-2 text-zinc-700 outline-none data-[highlighted]:bg-zinc-100"
                  >
                    <KeyRound className="size-4" /> {user.role === 'OWNER' ? 'Users & tokens' : 'API tokens'}
                  </DropdownMenu.Item>
                  <DropdownMenu.Item
                    onSelect={logout}
                    className="flex cursor-pointer items-center gap-2 rounded-md px-2.5 py-2 text-zinc-700 outline-none data-[highlighted]:bg-zinc-100"
                  >
                    <LogOut className="size-4" /> Sign out
                  </DropdownMenu.Item>
                </DropdownMenu.Content>
              </DropdownMenu.Portal>
            </DropdownMenu.Root>
          </div>
        </header>
        <nav className="flex gap-1 overflow-x-auto border-b border-zinc-200 bg-zinc-950 px-2 py-1.5 md:hidden" aria-label="Sections">
          {[...nav, { to: '/settings', label: 'Settings' }].map((n) => (
            <NavLink
              key={n.to}
              to={n.to}
              end={'end' in n ? n.end : undefined}
              className={({ isActive }) => cn('whitespace-nowrap rounded px-2.5 py-1 text-xs font-medium', isActive ? 'bg-white/10 text-white' : 'text-zinc-400')}
            >
              {n.label}
            </NavLink>
          ))}
        </nav>
        <main className="flex-1 overflow-y-auto">
          <div className="mx-auto w-full max-w-6xl px-4 py-8 md:px-8">
            <Outlet />
          </div>
        </main>
      </div>
    </div>
  )
}
