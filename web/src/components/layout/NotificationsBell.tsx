import { useNavigate } from 'react-router'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import * as DropdownMenu from '@radix-ui/react-dropdown-menu'
import { AlertTriangle, Bell, CheckCheck, HelpCircle, Plug } from 'lucide-react'
import type { AppNotification } from '@/lib/model'
import { cn, timeAgo } from '@/lib/utils'
import { notificationsKey, useNotifications } from '@/lib/queries'
import { client, data } from '@/lib/api'

const KIND_ICON: Record<string, typeof Bell> = {
  'post.failed': AlertTriangle,
  'post.unconfirmed': HelpCircle,
  'channel.needs_reconnect': Plug,
}

/** The header bell: unread notifications (polled every 20 s), each linking to its post or channel. */
export function NotificationsBell() {
  const qc = useQueryClient()
  const navigate = useNavigate()
  const list = useNotifications()
  const read = useMutation({
    mutationFn: (ids: number[]) => Promise.all(ids.map((id) => data(client.POST('/api/v1/notifications/{id}/read', { params: { path: { id } } })))),
    onMutate: (ids) => qc.setQueryData<AppNotification[]>(notificationsKey, (l) => l?.filter((n) => !ids.includes(n.id))),
    onSettled: () => qc.invalidateQueries({ queryKey: notificationsKey }),
  })
  const items = (list.data ?? []).filter((n) => !n.read)
  const count = items.length

  const open = (n: AppNotification) => {
    read.mutate([n.id])
    if (n.postId) navigate(`/posts/${n.postId}`)
    else if (n.channelId) navigate(`/channels?channel=${encodeURIComponent(n.channelId)}`)
  }

  return (
    <DropdownMenu.Root>
      <DropdownMenu.Trigger asChild>
        <button
          type="button"
          data-testid="notifications-bell"
          data-count={count}
          aria-label={count ? `Notifications, ${count} unread` : 'Notifications'}
          className="relative flex size-9 cursor-pointer items-center justify-center rounded-md text-zinc-600 hover:bg-zinc-100 hover:text-zinc-900 focus:outline-none focus-visible:ring-2 focus-visible:ring-violet-500"
        >
          <Bell className="size-5" />
          {count > 0 && (
            <span
              className="absolute -right-0.5 -top-0.5 flex h-4 min-w-4 items-center justify-center rounded-full bg-red-600 px-1 text-[10px] font-semibold text-white"
              data-testid="notifications-count"
            >
              {count > 99 ? '99+' : count}
            </span>
          )}
        </button>
      </DropdownMenu.Trigger>
      <DropdownMenu.Portal>
        <DropdownMenu.Content align="end" sideOffset={6} className="z-50 w-80 rounded-lg border border-zinc-200 bg-white p-1 text-sm shadow-lg" data-testid="notifications-menu">
          <div className="flex items-center justify-between px-2.5 py-2">
            <span className="font-medium text-zinc-900">Notifications</span>
            {count > 0 && (
              <button
                type="button"
                className="inline-flex items-center gap-1 text-xs font-medium text-violet-700 hover:underline"
                onClick={() => read.mutate(items.map((n) => n.id))}
              >
                <CheckCheck className="size-3.5" /> Mark all read
              </button>
            )}
          </div>
          <DropdownMenu.Separator className="my-1 h-px bg-zinc-100" />
          {list.isError ? (
            <p className="px-2.5 py-4 text-center text-xs text-zinc-500">Could not load notifications.</p>
          ) : count === 0 ? (
            <p className="px-2.5 py-6 text-center text-xs text-zinc-500">Nothing new.</p>
          ) : (
            <div className="max-h-96 overflow-y-auto">
              {items.map((n) => {
                const Icon = KIND_ICON[n.kind] ?? Bell
                return (
                  <DropdownMenu.Item
                    key={n.id}
                    data-testid="notification"
                    onSelect={() => open(n)}
                    className="group flex cursor-pointer items-start gap-2.5 rounded-md px-2.5 py-2 outline-none data-[highlighted]:bg-zinc-100"
                  >
                    <Icon
                      className={cn('mt-0.5 size-4 shrink-0', n.kind === 'post.failed' ? 'text-red-600' : n.kind === 'post.unconfirmed' ? 'text-purple-600' : 'text-amber-600')}
                    />
                    <div className="min-w-0 flex-1">
                      <p className="text-zinc-800">{n.message}</p>
                      <p className="mt-0.5 text-xs text-zinc-500">{timeAgo(n.at)}</p>
                    </div>
                    <button
                      type="button"
                      aria-label="Mark as read"
                      title="Mark as read"
                      className="rounded p-1 text-zinc-400 hover:bg-zinc-200 hover:text-zinc-700"
                      onClick={(e) => {
                        e.stopPropagation()
                        e.preventDefault()
                        read.mutate([n.id])
                      }}
                    >
                      <CheckCheck className="size-3.5" />
                    </button>
                  </DropdownMenu.Item>
                )
              })}
            </div>
          )}
        </DropdownMenu.Content>
      </DropdownMenu.Portal>
    </DropdownMenu.Root>
  )
}
