import * as React from 'react'
import { Link } from 'react-router'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { CalendarClock, GripVertical, Inbox, ListPlus } from 'lucide-react'
import { errorMessage, get, post as postJson, thumbnailUrl } from '@/lib/api'
import type { Character, Post } from '@/lib/model'
import { formatInZone } from '@/lib/publishing'
import { postsKey } from '@/lib/queries'
import { excerpt } from '@/lib/utils'
import { Button } from '@/components/ui/button'
import { Card } from '@/components/ui/card'
import { useToast } from '@/components/ui/toast'
import { ScheduleDialog } from '../publish/ScheduleDialog'

/** What a drag from the tray carries: the post id behind this prefix (calendar events carry publication ids). */
export const TRAY_DRAG = 'troupe/unscheduled-post'

export const unscheduledKey = (characterId: string) => [...postsKey, 'unscheduled', characterId] as const

/** Approved posts without a time, so an approval never drops out of sight. */
export function useUnscheduled(characterId: string) {
  return useQuery({
    queryKey: unscheduledKey(characterId),
    queryFn: () => get<Post[]>('/api/v1/posts', { state: 'APPROVED', scheduled: 'false', characterId: characterId || undefined, limit: '100' }),
    refetchInterval: 30_000,
  })
}

/** Schedules a post at a time in its character's zone ("2026-12-01T09:00") or puts it in its channels' queues. */
export function useTrayActions(characterOf: (id: string) => Character | undefined) {
  const qc = useQueryClient()
  const toast = useToast()
  return useMutation({
    mutationFn: ({ post, at }: { post: Post; at?: string }) => postJson<Post>(`/api/v1/posts/${encodeURIComponent(post.id)}/${at ? 'schedule' : 'queue'}`, at ? { at } : undefined),
    onSuccess: (p) =>
      toast.success(at(p, characterOf), excerpt(p.caption, 60), {
        label: 'Open the post',
        to: `/posts/${p.id}`,
      }),
    onError: (e) => toast.error('Could not schedule the post', errorMessage(e)),
    onSettled: () => {
      qc.invalidateQueries({ queryKey: postsKey })
      qc.invalidateQueries({ queryKey: ['calendar'] })
    },
  })
}

const at = (p: Post, characterOf: (id: string) => Character | undefined) => `Scheduled for ${formatInZone(p.scheduledAt, characterOf(p.characterId)?.timeZone)}`

export function UnscheduledTray({
  characterId,
  editor,
  characterOf,
  onDragState,
}: {
  characterId: string
  editor: boolean
  characterOf: (id: string) => Character | undefined
  onDragState: (dragging: boolean) => void
}) {
  const posts = useUnscheduled(characterId)
  const actions = useTrayActions(characterOf)
  const [picking, setPicking] = React.useState<Post | null>(null)
  const list = posts.data ?? []
  return (
    <Card className="p-3" data-testid="unscheduled-tray">
      <section aria-labelledby="tray-title">
        <h2 id="tray-title" className="mb-1 flex items-center gap-2 text-sm font-semibold text-zinc-900">
          <Inbox className="size-4" aria-hidden="true" /> Approved, not scheduled
          <span className="ml-auto text-xs font-normal text-zinc-500">{list.length}</span>
        </h2>
        <p className="mb-3 text-xs text-zinc-600">{editor ? 'Drag one onto a day or an hour, pick a time, or add it to the queue.' : 'Editors schedule these.'}</p>
        {posts.isError ? (
          <p className="text-xs text-red-700">{errorMessage(posts.error)}</p>
        ) : list.length === 0 ? (
          <p className="rounded-md border border-dashed border-zinc-300 p-3 text-center text-xs text-zinc-500">Nothing waiting for a time.</p>
        ) : (
          <ul className="grid gap-2" aria-label="Approved posts without a time">
            {list.map((p) => {
              const c = characterOf(p.characterId)
              return (
                <li
                  key={p.id}
                  data-testid="tray-item"
                  data-post-id={p.id}
                  draggable={editor}
                  onDragStart={(e) => {
                    e.dataTransfer.setData(TRAY_DRAG, p.id)
                    e.dataTransfer.setData('text/plain', `${TRAY_DRAG}:${p.id}`)
                    e.dataTransfer.effectAllowed = 'move'
                    onDragState(true)
                  }}
                  onDragEnd={() => onDragState(false)}
                  className="rounded-md border border-zinc-200 bg-white p-2 text-xs shadow-sm"
                >
                  <div className="flex items-start gap-2">
                    {editor && <GripVertical className="mt-0.5 size-4 shrink-0 cursor-grab text-zinc-400" aria-hidden="true" />}
                    {p.media?.[0] && <img src={thumbnailUrl(p.media[0].assetId)} alt="" className="size-9 shrink-0 rounded object-cover" />}
                    <Link to={`/posts/${p.id}`} className="min-w-0 flex-1 text-zinc-800 hover:underline">
                      <span className="block truncate font-medium">{c?.name ?? 'Unknown character'}</span>
                      <span className="line-clamp-2">{excerpt(p.caption, 90) || 'No caption'}</span>
                    </Link>
                  </div>
                  {editor && (
                    <div className="mt-2 flex flex-wrap gap-1">
                      <Button size="sm" variant="outline" className="h-7 px-2 text-xs" data-testid="tray-schedule" disabled={actions.isPending} onClick={() => setPicking(p)}>
                        <CalendarClock /> Schedule…
                      </Button>
                      <Button
                        size="sm"
                        variant="outline"
                        className="h-7 px-2 text-xs"
                        data-testid="tray-queue"
                        disabled={actions.isPending}
                        onClick={() => actions.mutate({ post: p })}
                      >
                        <ListPlus /> Add to queue
                      </Button>
                    </div>
                  )}
                </li>
              )
            })}
          </ul>
        )}
      </section>
      <ScheduleDialog
        open={!!picking}
        onOpenChange={(o) => !o && setPicking(null)}
        title="Schedule this post"
        timeZone={(picking && characterOf(picking.characterId)?.timeZone) || 'UTC'}
        pending={actions.isPending}
        onConfirm={(when) => {
          if (picking) actions.mutate({ post: picking, at: when })
          setPicking(null)
        }}
      />
    </Card>
  )
}
