import { AlertTriangle } from 'lucide-react'
import { thumbnailUrl } from '@/lib/api'
import type { Channel, Character, Post, PostMedia } from '@/lib/model'
import { stateLabel, stateTone, TONE_CLASS } from '@/lib/publishing'
import { textLimit, usePlatform, usePlatformName } from '@/lib/descriptors'
import { countText, countingHint } from '@/lib/text-count'
import { cn } from '@/lib/utils'
import { CharacterAvatar } from '@/components/ui/avatar'
import { PlatformIcon } from '@/components/ui/platform-icon'

export function StateBadge({ state, className }: { state: string; className?: string }) {
  const tone = TONE_CLASS[stateTone(state)]
  return (
    <span
      data-testid="post-state"
      data-state={state}
      className={cn('inline-flex items-center gap-1.5 rounded-full border px-2 py-0.5 text-xs font-medium', tone.chip, 'no-underline', className)}
    >
      <span className={cn('size-1.5 rounded-full', tone.dot)} aria-hidden="true" />
      {stateLabel(state)}
    </span>
  )
}

/** The text a channel will post: its variant caption when one is set, else the post's caption. */
export function channelText(post: Pick<Post, 'caption' | 'variants'>, channelId: string): string {
  const v = post.variants?.[channelId]?.caption
  return v != null && v !== '' ? v : (post.caption ?? '')
}

/** "123 / 280" with the colour of how close the text is to the platform's limit, counted as the platform counts. */
export function CharCounter({ channel, text, className }: { channel: Pick<Channel, 'platform'>; text: string; className?: string }) {
  const limit = textLimit(usePlatform(channel.platform))
  const n = countText(text, limit.counting, limit.urlLength)
  const over = limit.max != null && n > limit.max
  const near = limit.max != null && !over && n > limit.max * 0.9
  return (
    <span
      data-testid="char-counter"
      data-over={over || undefined}
      data-max={limit.max ?? undefined}
      title={countingHint[limit.counting]}
      className={cn('font-mono text-xs tabular-nums', over ? 'font-semibold text-red-600' : near ? 'text-amber-700' : 'text-zinc-400', className)}
    >
      {n}
      {limit.max != null ? ` / ${limit.max}` : ''}
    </span>
  )
}

function MediaGrid({ media, rounded }: { media: PostMedia[]; rounded: string }) {
  if (!media.length) return null
  const shown = media.slice(0, 4)
  return (
    <div className={cn('mt-2 grid gap-0.5 overflow-hidden border border-black/5', rounded, shown.length > 1 ? 'grid-cols-2' : 'grid-cols-1')}>
      {shown.map((m, i) => (
        <img
          key={`${m.assetId}-${i}`}
          src={thumbnailUrl(m.assetId)}
          alt={m.altText || 'Post image'}
          loading="lazy"
          className={cn('w-full bg-zinc-200 object-cover', shown.length === 1 ? 'max-h-56' : 'aspect-square', shown.length === 3 && i === 0 && 'row-span-2 h-full')}
        />
      ))}
    </div>
  )
}

/**
 * A small card of how the post reads on a channel (avatar, name, handle, text, images) with the character
 * counter, counted as the channel's platform counts, and the server's validation message underneath.
 */
export function ChannelPreview({
  channel,
  character,
  text,
  media,
  error,
}: {
  channel: Channel
  character: Pick<Character, 'name' | 'handle' | 'avatarAssetId'> | undefined
  text: string
  media: PostMedia[]
  error?: string
}) {
  const platformName = usePlatformName()
  const name = channel.account?.name || character?.name || channel.name
  const rawHandle = channel.account?.handle || character?.handle || ''
  const handle = rawHandle && !rawHandle.startsWith('@') ? `@${rawHandle}` : rawHandle
  return (
    <div data-testid="channel-preview" data-channel-id={channel.id} data-platform={channel.platform} className="grid min-w-0 grid-cols-1 gap-1.5">
      <div className="flex items-center justify-between gap-2">
        <span className="flex min-w-0 items-center gap-2 text-xs font-medium text-zinc-600">
          <PlatformIcon platform={channel.platform} className="size-5" />
          <span className="truncate">{channel.name || platformName(channel.platform)}</span>
        </span>
        <CharCounter channel={channel} text={text} />
      </div>
      <div className={cn('rounded-xl border border-zinc-200 bg-white p-3 shadow-sm', error && 'ring-2 ring-red-300')}>
        <div className="flex gap-2.5">
          {channel.account?.avatarUrl ? (
            <img src={channel.account.avatarUrl} alt="" className="size-9 shrink-0 rounded-full object-cover" />
          ) : (
            <CharacterAvatar name={character?.name ?? name} assetId={character?.avatarAssetId} className="size-9 shrink-0 rounded-full" textClassName="text-sm" />
          )}
          <div className="min-w-0 flex-1">
            <div className="flex min-w-0 items-baseline gap-1.5 text-sm">
              <span className="truncate font-semibold text-zinc-900">{name}</span>
              {handle && <span className="truncate text-xs text-zinc-500">{handle}</span>}
              <span className="ml-auto shrink-0 text-xs text-zinc-500">now</span>
            </div>
            {text ? (
              <p className="mt-0.5 whitespace-pre-wrap break-words text-sm leading-snug text-zinc-800">{text}</p>
            ) : (
              <p className="mt-0.5 text-sm italic text-zinc-500">No text</p>
            )}
            <MediaGrid media={media} rounded="rounded-lg" />
          </div>
        </div>
      </div>
      {error && (
        <p role="alert" data-testid="channel-error" className="flex items-start gap-1.5 text-xs font-medium text-red-600">
          <AlertTriangle className="mt-px size-3.5 shrink-0" /> {error}
        </p>
      )}
    </div>
  )
}

/** Problems the server reported for one channel ("channels.<id>.text", "channels.<id>.media", …), joined. */
export function channelErrors(fields: Record<string, string>, channelId: string): string | undefined {
  const prefix = `channels.${channelId}`
  const found = Object.entries(fields)
    .filter(([k]) => k === prefix || k.startsWith(prefix + '.'))
    .map(([, v]) => v)
  return found.length ? found.join(' · ') : undefined
}
