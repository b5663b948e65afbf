import { Link } from 'react-router'
import { CalendarClock, Check, ChevronDown, ChevronRight, ListPlus, Undo2, X } from 'lucide-react'
import { errorMessage, thumbnailUrl } from '@/lib/api'
import { usePlatformName } from '@/lib/descriptors'
import { cn, plural } from '@/lib/utils'
import { Badge } from '@/components/ui/badge'
import { Button } from '@/components/ui/button'
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card'
import { Input } from '@/components/ui/input'
import { Label } from '@/components/ui/label'
import { PlatformIcon } from '@/components/ui/platform-icon'
import { Skeleton } from '@/components/ui/skeleton'
import { Textarea } from '@/components/ui/textarea'
import { FormAlert } from '../AuthShell'
import { ChannelPreview, channelErrors, CharCounter } from './previews'
import type { ComposerForm } from './useComposerForm'

/** The images of the post: pick from the character's generations, then give each its alt text. */
export function MediaPicker({ form }: { form: ComposerForm }) {
  const { draft, jobs, options, character, writable, toggleMedia, fields, update } = form
  return (
    <div className="grid gap-2">
      <div className="flex items-baseline justify-between gap-2">
        <Label>Media</Label>
        <span className="text-xs text-zinc-500">{draft.media.length ? plural(draft.media.length, 'image') + ' attached' : 'Optional'}</span>
      </div>
      {jobs.isPending ? (
        <div className="grid grid-cols-4 gap-2 sm:grid-cols-6">
          {Array.from({ length: 6 }).map((_, i) => (
            <Skeleton key={i} className="aspect-square" />
          ))}
        </div>
      ) : options.length === 0 ? (
        <p className="text-sm text-zinc-500">
          No images for {character?.name} yet. Generate some in the{' '}
          <Link className="text-violet-700 underline" to={`/studio?character=${encodeURIComponent(draft.characterId)}`}>
            Studio
          </Link>{' '}
          or add reference photos.
        </p>
      ) : (
        <div className="grid grid-cols-4 gap-2 sm:grid-cols-6" role="group" aria-label="Pick images">
          {options.map((o) => {
            const index = draft.media.findIndex((m) => m.assetId === o.assetId)
            const on = index >= 0
            return (
              <button
                key={o.assetId}
                type="button"
                aria-pressed={on}
                aria-label={`${o.label}${on ? ` (attached #${index + 1})` : ''}`}
                title={o.label}
                disabled={!writable}
                data-testid="composer-media-option"
                data-asset-id={o.assetId}
                onClick={() => toggleMedia(o.assetId)}
                className={cn(
                  'relative aspect-square overflow-hidden rounded-md border bg-zinc-100 transition-all disabled:cursor-not-allowed',
                  on ? 'border-violet-500 ring-2 ring-violet-500' : 'border-zinc-200 hover:border-violet-400',
                )}
              >
                {o.contentType.startsWith('image/') ? (
                  <img src={thumbnailUrl(o.assetId)} alt="" loading="lazy" className="size-full object-cover" />
                ) : (
                  <span className="flex size-full items-center justify-center p-1 text-center text-[11px] text-zinc-600">{o.label}</span>
                )}
                {on && (
                  <span className="absolute right-1 top-1 flex size-5 items-center justify-center rounded-full bg-violet-600 text-[11px] font-semibold text-white shadow">
                    {index + 1}
                  </span>
                )}
                {o.label === 'Reference image' && <span className="absolute inset-x-0 bottom-0 bg-black/50 px-1 py-0.5 text-[10px] text-white">reference</span>}
              </button>
            )
          })}
        </div>
      )}
      {draft.media.length > 0 && (
        <ul className="mt-2 grid gap-2">
          {draft.media.map((m, i) => (
            <li key={m.assetId} className="flex items-start gap-3 rounded-lg border border-zinc-200 p-2">
              <img src={thumbnailUrl(m.assetId)} alt="" className="size-14 shrink-0 rounded object-cover" />
              <div className="grid min-w-0 flex-1 gap-1">
                <Label htmlFor={`composer-alt-${i}`} className="text-xs">
                  Alt text for image {i + 1}
                </Label>
                <Input
                  id={`composer-alt-${i}`}
                  data-testid="composer-alt-text"
                  value={m.altText}
                  disabled={!writable}
                  placeholder="Describe the image for people who cannot see it"
                  aria-invalid={!!fields[`media[${i}].altText`] || !!fields[`media.${i}.altText`]}
                  onChange={(e) => update((d) => ({ ...d, media: d.media.map((x, j) => (j === i ? { ...x, altText: e.target.value } : x)) }))}
                />
                {(fields[`media[${i}].altText`] ?? fields[`media.${i}.altText`] ?? fields[`media[${i}]`]) && (
                  <p role="alert" className="text-xs font-medium text-red-600">
                    {fields[`media[${i}].altText`] ?? fields[`media.${i}.altText`] ?? fields[`media[${i}]`]}
                  </p>
                )}
              </div>
              {writable && (
                <Button variant="ghost" size="icon" aria-label={`Remove image ${i + 1}`} onClick={() => toggleMedia(m.assetId)}>
                  <X />
                </Button>
              )}
            </li>
          ))}
        </ul>
      )}
      {fields.media && (
        <p role="alert" className="text-xs font-medium text-red-600">
          {fields.media}
        </p>
      )}
    </div>
  )
}

/** The character's channels to post to, each with an optional text of its own. */
export function ChannelPicker({ form }: { form: ComposerForm }) {
  const { draft, channels, channelList, character, openVariants, setOpenVariants, writable, toggleChannel, fields, update } = form
  const platformName = usePlatformName()
  return (
    <fieldset className="grid gap-2">
      <legend className="mb-2 text-sm font-medium text-zinc-800">Channels</legend>
      {channels.isPending ? (
        <Skeleton className="h-16" />
      ) : channels.isError ? (
        <FormAlert>{errorMessage(channels.error)}</FormAlert>
      ) : channelList.length === 0 ? (
        <p className="text-sm text-zinc-500">
          {character?.name} has no channels yet.{' '}
          <Link className="text-violet-700 underline" to={`/channels?character=${encodeURIComponent(draft.characterId)}`}>
            Connect one
          </Link>
          .
        </p>
      ) : (
        <ul className="grid gap-2">
          {channelList.map((c) => {
            const on = draft.channelIds.includes(c.id)
            const open = openVariants.has(c.id)
            const err = channelErrors(fields, c.id)
            const variant = draft.variants[c.id] ?? ''
            return (
              <li key={c.id} className={cn('rounded-lg border p-3', on ? 'border-violet-200 bg-violet-50/40' : 'border-zinc-200', err && 'border-red-300')}>
                <div className="flex flex-wrap items-center gap-3">
                  <input
                    id={`composer-channel-${c.id}`}
                    type="checkbox"
                    data-testid="composer-channel"
                    data-platform={c.platform}
                    data-channel-id={c.id}
                    className="size-4 rounded border-zinc-300 accent-violet-600"
                    checked={on}
                    disabled={!writable}
                    onChange={(e) => toggleChannel(c.id, e.target.checked)}
                  />
                  <label htmlFor={`composer-channel-${c.id}`} className="flex min-w-0 flex-1 items-center gap-2 text-sm text-zinc-800">
                    <PlatformIcon platform={c.platform} />
                    <span className="truncate font-medium">{c.name}</span>
                    <span className="truncate text-xs text-zinc-500">{c.account?.handle ? `@${c.account.handle.replace(/^@/, '')}` : platformName(c.platform)}</span>
                    {c.status === 'NEEDS_RECONNECT' && <Badge variant="warning">Needs reconnect</Badge>}
                    {c.autoApprove && <Badge variant="secondary">Auto-approve</Badge>}
                  </label>
                  {on && (
                    <button
                      type="button"
                      className="inline-flex items-center gap-1 text-xs font-medium text-violet-700 hover:underline"
                      aria-expanded={open}
                      onClick={() =>
                        setOpenVariants((s) => {
                          const n = new Set(s)
                          if (n.has(c.id)) n.delete(c.id)
                          else n.add(c.id)
                          return n
                        })
                      }
                    >
                      {open ? <ChevronDown className="size-3.5" /> : <ChevronRight className="size-3.5" />}
                      {variant.trim() ? 'Custom text' : 'Customise text'}
                    </button>
                  )}
                </div>
                {on && open && (
                  <div className="mt-3 grid gap-1.5 pl-7">
                    <div className="flex items-center justify-between">
                      <Label htmlFor={`composer-variant-${c.id}`} className="text-xs">
                        Text for {c.name} only
                      </Label>
                      <CharCounter channel={c} text={variant.trim() ? variant : draft.caption} />
                    </div>
                    <Textarea
                      id={`composer-variant-${c.id}`}
                      data-testid="composer-variant"
                      rows={3}
                      value={variant}
                      disabled={!writable}
                      placeholder="Leave empty to use the caption above"
                      onChange={(e) => update((d) => ({ ...d, variants: { ...d.variants, [c.id]: e.target.value } }))}
                    />
                  </div>
                )}
                {err && (
                  <p role="alert" className="mt-2 pl-7 text-xs font-medium text-red-600">
                    {err}
                  </p>
                )}
              </li>
            )
          })}
        </ul>
      )}
      {fields.channelIds && (
        <p role="alert" className="text-xs font-medium text-red-600">
          {fields.channelIds}
        </p>
      )}
    </fieldset>
  )
}

/** Scheduling of an approved or scheduled post, in the character's time zone. */
export function SchedulingCard({ form }: { form: ComposerForm }) {
  const { state, character, timeZone, scheduleAt, setScheduleAt, busy, postAction } = form
  return (
    <Card data-testid="composer-scheduling">
      <CardHeader className="pb-4">
        <CardTitle className="flex items-center gap-2">
          <CalendarClock className="size-4" /> {state === 'SCHEDULED' ? 'Scheduled' : 'Ready to schedule'}
        </CardTitle>
        <CardDescription>
          Times are in {character?.name ?? 'the character'}’s zone, <span className="font-medium text-zinc-700">{timeZone}</span>.
        </CardDescription>
      </CardHeader>
      <CardContent className="flex flex-wrap items-end gap-3">
        <div className="grid gap-1.5">
          <Label htmlFor="composer-schedule-at">Publish at</Label>
          <Input
            id="composer-schedule-at"
            type="datetime-local"
            data-testid="composer-schedule-at"
            data-timezone={timeZone}
            className="w-60"
            value={scheduleAt}
            onChange={(e) => setScheduleAt(e.target.value)}
          />
        </div>
        <Button
          data-testid="composer-schedule"
          disabled={busy || !scheduleAt}
          onClick={() => postAction('schedule', state === 'SCHEDULED' ? 'Rescheduled' : 'Scheduled', { at: scheduleAt })}
        >
          <Check /> {state === 'SCHEDULED' ? 'Reschedule' : 'Schedule'}
        </Button>
        {state === 'APPROVED' && (
          <Button variant="outline" data-testid="composer-queue" disabled={busy} onClick={() => postAction('queue', 'Added to the queue')}>
            <ListPlus /> Add to queue
          </Button>
        )}
        {state === 'SCHEDULED' && (
          <Button variant="outline" data-testid="composer-unschedule" disabled={busy} onClick={() => postAction('unschedule', 'Unscheduled')}>
            <Undo2 /> Unschedule
          </Button>
        )}
      </CardContent>
    </Card>
  )
}

/** How the post will look on each selected channel. */
export function ComposerPreviews({ form }: { form: ComposerForm }) {
  const { selected, character, draft, fields } = form
  return (
    <aside className="grid gap-4 lg:sticky lg:top-0" aria-label="Previews" data-testid="composer-previews">
      <h2 className="text-sm font-semibold text-zinc-900">Preview</h2>
      {selected.length === 0 ? (
        <p className="rounded-xl border border-dashed border-zinc-300 bg-white p-6 text-center text-sm text-zinc-500">Pick a channel to see how the post will look there.</p>
      ) : (
        selected.map((c) => (
          <ChannelPreview
            key={c.id}
            channel={c}
            character={character}
            text={draft.variants[c.id]?.trim() ? draft.variants[c.id]! : draft.caption}
            media={draft.media}
            error={channelErrors(fields, c.id)}
          />
        ))
      )}
    </aside>
  )
}
