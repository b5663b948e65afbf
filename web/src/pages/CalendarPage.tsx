import * as React from 'react'
import { Link, useNavigate, useSearchParams } from 'react-router'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { ChevronLeft, ChevronRight, Plus } from 'lucide-react'
import { errorMessage, thumbnailUrl } from '@/lib/api'
import { canEdit, type CalendarEvent, type User } from '@/lib/model'
import { stateLabel, stateTone, toZonedLocal, TONE_CLASS, type StateTone } from '@/lib/publishing'
import { useChannels, useCharacters } from '@/lib/queries'
import { usePlatformName } from '@/lib/descriptors'
import { cn, excerpt } from '@/lib/utils'
import { Button } from '@/components/ui/button'
import { Card } from '@/components/ui/card'
import { CharacterAvatar } from '@/components/ui/avatar'
import { Label } from '@/components/ui/label'
import { PlatformIcon } from '@/components/ui/platform-icon'
import { Select } from '@/components/ui/select'
import { useToast } from '@/components/ui/toast'
import { PageHeader } from '@/components/layout/PageHeader'
import { FormAlert } from './AuthShell'
import { useCalendar } from '@/lib/queries'
import { addDays, dayKey, pad, parseDay, range, type View } from '@/lib/calendar'
import { client, data } from '@/lib/api'
import { TRAY_DRAG, UnscheduledTray, useTrayActions, useUnscheduled } from './calendar/UnscheduledTray'

const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun']
const HOURS = Array.from({ length: 24 }, (_, h) => h)
const MOVABLE = new Set(['SCHEDULED', 'WAITING_FOR_CHANNEL'])
/** A day as a screen reader should hear it: "Wednesday, 3 December 2026". */
const fullDate = (d: Date) => d.toLocaleDateString(undefined, { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' })
const LEGEND: StateTone[] = ['scheduled', 'publishing', 'published', 'failed', 'unconfirmed']

export function CalendarPage({ user }: { user: User }) {
  const platformName = usePlatformName()
  const [params, setParams] = useSearchParams()
  const navigate = useNavigate()
  const qc = useQueryClient()
  const toast = useToast()
  const view: View = params.get('view') === 'week' ? 'week' : 'month'
  const anchor = parseDay(params.get('date'))
  const characterId = params.get('character') ?? ''
  const channelId = params.get('channel') ?? ''
  const editor = canEdit(user.role)

  const set = (patch: Record<string, string>) =>
    setParams(
      (prev) => {
        const n = new URLSearchParams(prev)
        for (const [k, v] of Object.entries(patch)) {
          if (v) n.set(k, v)
          else n.delete(k)
        }
        return n
      },
      { replace: true },
    )

  const { start, days } = range(view, anchor)
  const end = addDays(start, days)
  const key = ['calendar', start.toISOString(), end.toISOString(), characterId, channelId] as const
  const events = useCalendar(start, end, characterId, channelId)
  const characters = useCharacters()
  const channels = useChannels(characterId)
  const characterOf = (id: string) => characters.data?.find((c) => c.id === id)

  const byDay = React.useMemo(() => {
    const m = new Map<string, CalendarEvent[]>()
    for (const e of events.data ?? []) {
      const d = new Date(e.at)
      if (Number.isNaN(d.getTime())) continue
      const k = dayKey(d)
      m.set(k, [...(m.get(k) ?? []), e])
    }
    for (const list of m.values()) list.sort((a, b) => a.at.localeCompare(b.at))
    return m
  }, [events.data])

  const [dragging, setDragging] = React.useState<CalendarEvent | null>(null)
  const [trayDragging, setTrayDragging] = React.useState(false)
  const [over, setOver] = React.useState<string | null>(null)
  const unscheduled = useUnscheduled(characterId)
  const trayActions = useTrayActions(characterOf)

  const reschedule = useMutation({
    mutationFn: ({ event, at }: { event: CalendarEvent; at: Date }) => {
      const tz = characterOf(event.characterId)?.timeZone || Intl.DateTimeFormat().resolvedOptions().timeZone
      return data(client.POST('/api/v1/posts/{id}/schedule', { params: { path: { id: event.postId } }, body: { at: toZonedLocal(at, tz) } }))
    },
    onMutate: ({ event, at }) => {
      // Move every publication of the post by the same amount until the server answers.
      const delta = at.getTime() - new Date(event.at).getTime()
      qc.setQueryData<CalendarEvent[]>(key, (list) => list?.map((e) => (e.postId === event.postId ? { ...e, at: new Date(new Date(e.at).getTime() + delta).toISOString() } : e)))
    },
    onSuccess: (_, { at }) => toast.success('Rescheduled', at.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' })),
    onError: (e) => toast.error('Could not reschedule', errorMessage(e)),
    onSettled: (_, __, { event }) => {
      qc.invalidateQueries({ queryKey: ['calendar'] })
      qc.invalidateQueries({ queryKey: ['post', event.postId] })
      qc.invalidateQueries({ queryKey: ['publications', event.postId] })
    },
  })

  /** A post from the tray dropped on a day (09:00 there) or an hour. */
  const dropFromTray = (target: Date, keepTime: boolean, postId: string) => {
    const post = (unscheduled.data ?? []).find((p) => p.id === postId)
    if (!post) return
    const at = new Date(target)
    if (keepTime) at.setHours(9, 0, 0, 0)
    if (at.getTime() < Date.now()) {
      toast.error('That time has passed', 'Pick a time in the future.')
      return
    }
    const tz = characterOf(post.characterId)?.timeZone || Intl.DateTimeFormat().resolvedOptions().timeZone
    trayActions.mutate({ post, at: toZonedLocal(at, tz) })
  }

  const drop = (target: Date, keepTime: boolean, id: string) => {
    setOver(null)
    setDragging(null)
    setTrayDragging(false)
    if (id.startsWith(`${TRAY_DRAG}:`)) return dropFromTray(target, keepTime, id.slice(TRAY_DRAG.length + 1))
    const event = (events.data ?? []).find((e) => e.publicationId === id)
    if (!event) return
    const old = new Date(event.at)
    const at = new Date(target)
    if (keepTime) at.setHours(old.getHours(), old.getMinutes(), 0, 0)
    else at.setMinutes(old.getMinutes(), 0, 0)
    if (at.getTime() === old.getTime()) return
    if (at.getTime() < Date.now()) {
      toast.error('That time has passed', 'Pick a time in the future.')
      return
    }
    reschedule.mutate({ event, at })
  }

  const dropProps = (cellKey: string, target: Date, keepTime: boolean) =>
    editor
      ? {
          onDragOver: (e: React.DragEvent) => {
            if (!dragging && !trayDragging) return
            e.preventDefault()
            e.dataTransfer.dropEffect = 'move'
            if (over !== cellKey) setOver(cellKey)
          },
          onDragLeave: () => setOver((o) => (o === cellKey ? null : o)),
          onDrop: (e: React.DragEvent) => {
            e.preventDefault()
            drop(target, keepTime, e.dataTransfer.getData('text/plain'))
          },
        }
      : {}

  const chip = (e: CalendarEvent, compact: boolean) => {
    const tone = TONE_CLASS[stateTone(e.state)]
    const movable = editor && MOVABLE.has(e.state)
    const c = characterOf(e.characterId)
    const time = new Date(e.at).toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
    const when = new Date(e.at).toLocaleString(undefined, { dateStyle: 'full', timeStyle: 'short' })
    return (
      <button
        key={e.publicationId}
        type="button"
        aria-label={`${when}: ${platformName(e.platform)}, ${stateLabel(e.state)}${c ? `, ${c.name}` : ''}. ${excerpt(e.caption, 80)}`}
        data-testid="calendar-event"
        data-post-id={e.postId}
        data-publication-id={e.publicationId}
        data-state={e.state}
        draggable={movable}
        title={`${platformName(e.platform)} · ${stateLabel(e.state)} · ${time}${c ? ` · ${c.name}` : ''}\n${e.caption ?? ''}${movable ? '\nDrag to reschedule' : ''}`}
        onDragStart={(ev) => {
          ev.dataTransfer.setData('text/plain', e.publicationId)
          ev.dataTransfer.effectAllowed = 'move'
          setDragging(e)
        }}
        onDragEnd={() => {
          setDragging(null)
          setOver(null)
        }}
        onClick={(ev) => {
          ev.stopPropagation()
          navigate(`/posts/${e.postId}`)
        }}
        className={cn(
          'flex w-full min-w-0 items-center gap-1.5 rounded-md border px-1.5 py-1 text-left text-xs shadow-sm transition-opacity hover:brightness-95',
          tone.chip,
          movable && 'cursor-grab active:cursor-grabbing',
          dragging?.postId === e.postId && 'opacity-50',
        )}
      >
        <PlatformIcon platform={e.platform} className="size-4 rounded text-[9px] [&_svg]:size-2.5" />
        <span className="shrink-0 font-medium tabular-nums">{time}</span>
        {!compact && e.thumbnailAssetId && <img src={thumbnailUrl(e.thumbnailAssetId)} alt="" className="size-5 shrink-0 rounded object-cover" />}
        <span className="min-w-0 truncate">{excerpt(e.caption, 60) || stateLabel(e.state)}</span>
      </button>
    )
  }

  const title =
    view === 'month'
      ? anchor.toLocaleDateString(undefined, { month: 'long', year: 'numeric' })
      : `${start.toLocaleDateString(undefined, { day: 'numeric', month: 'short' })} – ${addDays(start, 6).toLocaleDateString(undefined, { day: 'numeric', month: 'short', year: 'numeric' })}`
  const step = (n: number) => {
    const d = view === 'month' ? new Date(anchor.getFullYear(), anchor.getMonth() + n, 1) : addDays(anchor, 7 * n)
    set({ date: dayKey(d) })
  }
  const today = dayKey(new Date())

  const characterOptions = [
    { value: 'all', label: 'All characters' },
    ...(characters.data ?? []).map((c) => ({
      value: c.id,
      label: c.name,
      icon: <CharacterAvatar name={c.name} assetId={c.avatarAssetId} className="size-5 shrink-0 rounded" textClassName="text-[10px]" />,
    })),
  ]
  const channelOptions = [
    { value: 'all', label: 'All channels' },
    ...(channels.data ?? []).map((c) => ({ value: c.id, label: `${c.name} (${platformName(c.platform)})`, icon: <PlatformIcon platform={c.platform} className="size-5" /> })),
  ]

  return (
    <div>
      <PageHeader
        title="Calendar"
        description={editor ? 'Scheduled and published posts. Drag a scheduled post to another day or hour to move it.' : 'Scheduled and published posts.'}
        actions={
          editor && (
            <Button asChild>
              <Link to="/posts/new">
                <Plus /> New post
              </Link>
            </Button>
          )
        }
      />
      <div className="mb-4 flex flex-wrap items-end gap-3">
        <div className="flex items-center gap-1">
          <Button variant="outline" size="icon" aria-label="Previous" onClick={() => step(-1)}>
            <ChevronLeft />
          </Button>
          <Button variant="outline" onClick={() => set({ date: '' })}>
            Today
          </Button>
          <Button variant="outline" size="icon" aria-label="Next" onClick={() => step(1)}>
            <ChevronRight />
          </Button>
          <h2 className="ml-3 min-w-48 text-lg font-semibold text-zinc-900" data-testid="calendar-title">
            {title}
          </h2>
        </div>
        {/* a two-way switch, not tabs: there is one calendar, shown two ways */}
        <div role="group" aria-label="View" className="inline-flex rounded-lg bg-zinc-100 p-1">
          {(['month', 'week'] as const).map((v) => (
            <button
              key={v}
              type="button"
              aria-pressed={view === v}
              data-testid={`calendar-view-${v}`}
              onClick={() => set({ view: v === 'week' ? 'week' : '' })}
              className={cn(
                'rounded-md px-3 py-1 text-sm font-medium focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-violet-500',
                view === v ? 'bg-white text-zinc-900 shadow-sm' : 'text-zinc-600 hover:text-zinc-900',
              )}
            >
              {v === 'month' ? 'Month' : 'Week'}
            </button>
          ))}
        </div>
        <div className="ml-auto flex flex-wrap gap-3">
          <div className="grid w-52 gap-1.5">
            <Label htmlFor="calendar-character" className="text-xs">
              Character
            </Label>
            <Select id="calendar-character" value={characterId || 'all'} options={characterOptions} onValueChange={(v) => set({ character: v === 'all' ? '' : v, channel: '' })} />
          </div>
          <div className="grid w-56 gap-1.5">
            <Label htmlFor="calendar-channel" className="text-xs">
              Channel
            </Label>
            <Select id="calendar-channel" value={channelId || 'all'} options={channelOptions} onValueChange={(v) => set({ channel: v === 'all' ? '' : v })} />
          </div>
        </div>
      </div>
      <div className="mb-3 flex flex-wrap gap-4 text-xs text-zinc-600" role="group" aria-label="Legend">
        {LEGEND.map((t) => (
          <span key={t} className="inline-flex items-center gap-1.5">
            <span className={cn('size-2.5 rounded-full', TONE_CLASS[t].dot)} /> {TONE_CLASS[t].label}
          </span>
        ))}
      </div>
      {events.isError && (
        <div className="mb-4">
          <FormAlert>{errorMessage(events.error)}</FormAlert>
        </div>
      )}

      <div className="grid items-start gap-4 xl:grid-cols-[minmax(0,1fr)_16rem]">
        <div className="min-w-0 overflow-x-auto">
          {view === 'month' ? (
            <Card className="min-w-[40rem] overflow-hidden" data-testid="calendar-month">
              <div className="grid grid-cols-7 border-b border-zinc-200 bg-zinc-50 text-xs font-medium text-zinc-500">
                {WEEKDAYS.map((d) => (
                  <div key={d} className="px-2 py-2">
                    {d}
                  </div>
                ))}
              </div>
              <div className="grid grid-cols-7">
                {Array.from({ length: days }, (_, i) => {
                  const d = addDays(start, i)
                  const k = dayKey(d)
                  const list = byDay.get(k) ?? []
                  const outside = d.getMonth() !== anchor.getMonth()
                  return (
                    <div
                      key={k}
                      data-testid="calendar-day"
                      data-date={k}
                      role="group"
                      aria-label={`${fullDate(d)}${list.length ? `, ${list.length} ${list.length === 1 ? 'post' : 'posts'}` : ''}`}
                      aria-current={k === today ? 'date' : undefined}
                      className={cn(
                        'min-h-28 border-b border-r border-zinc-100 p-1.5 transition-colors [&:nth-child(7n)]:border-r-0',
                        outside && 'bg-zinc-50/60',
                        over === k && 'bg-violet-50 ring-2 ring-inset ring-violet-300',
                      )}
                      {...dropProps(k, d, true)}
                    >
                      <div
                        aria-hidden="true"
                        className={cn(
                          'mb-1 flex size-6 items-center justify-center rounded-full text-xs',
                          k === today ? 'bg-violet-600 font-semibold text-white' : outside ? 'text-zinc-400' : 'text-zinc-700',
                        )}
                      >
                        {d.getDate()}
                      </div>
                      <div className="grid gap-1">
                        {list.slice(0, 4).map((e) => chip(e, false))}
                        {list.length > 4 && (
                          <button type="button" className="text-left text-[11px] font-medium text-violet-700 hover:underline" onClick={() => set({ view: 'week', date: k })}>
                            +{list.length - 4} more
                          </button>
                        )}
                      </div>
                    </div>
                  )
                })}
              </div>
            </Card>
          ) : (
            <Card className="min-w-[40rem] overflow-hidden" data-testid="calendar-week">
              <div className="grid grid-cols-[3.5rem_repeat(7,minmax(0,1fr))] border-b border-zinc-200 bg-zinc-50 text-xs font-medium text-zinc-500">
                <div />
                {Array.from({ length: 7 }, (_, i) => {
                  const d = addDays(start, i)
                  return (
                    <div key={i} aria-current={dayKey(d) === today ? 'date' : undefined} className={cn('px-2 py-2', dayKey(d) === today && 'text-violet-700')}>
                      <span className="sr-only">{fullDate(d)}</span>
                      <span aria-hidden="true">
                        {WEEKDAYS[i]} {d.getDate()}
                      </span>
                    </div>
                  )
                })}
              </div>
              <div className="max-h-[65vh] overflow-y-auto" ref={(el) => void (el && el.scrollTop === 0 && (el.scrollTop = 7 * 56))}>
                {HOURS.map((h) => (
                  <div key={h} className="grid min-h-14 grid-cols-[3.5rem_repeat(7,minmax(0,1fr))] border-b border-zinc-100">
                    <div className="px-2 pt-1 text-right text-[11px] tabular-nums text-zinc-400">{pad(h)}:00</div>
                    {Array.from({ length: 7 }, (_, i) => {
                      const d = addDays(start, i)
                      d.setHours(h, 0, 0, 0)
                      const k = `${dayKey(d)}T${pad(h)}`
                      const list = (byDay.get(dayKey(d)) ?? []).filter((e) => new Date(e.at).getHours() === h)
                      return (
                        <div
                          key={k}
                          data-testid="calendar-slot"
                          data-slot={k}
                          role="group"
                          aria-label={`${fullDate(d)}, ${pad(h)}:00`}
                          className={cn('grid content-start gap-1 border-l border-zinc-100 p-1 transition-colors', over === k && 'bg-violet-50 ring-2 ring-inset ring-violet-300')}
                          {...dropProps(k, d, false)}
                        >
                          {list.map((e) => chip(e, true))}
                        </div>
                      )
                    })}
                  </div>
                ))}
              </div>
            </Card>
          )}
        </div>
        <UnscheduledTray characterId={characterId} editor={editor} characterOf={characterOf} onDragState={setTrayDragging} />
      </div>
      <p className="mt-3 text-xs text-zinc-500">
        Times are shown in your browser’s zone ({Intl.DateTimeFormat().resolvedOptions().timeZone}); moves are sent in each character’s zone.
      </p>
    </div>
  )
}
