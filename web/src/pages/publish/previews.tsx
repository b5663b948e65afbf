import { AlertTriangle } from 'lucide-react'
import { thumbnailUrl } from '@/lib/api'
import type { Channel, Character, Post, PostMedia } from '@/lib/model'
import { countText, platformName, stateLabel, stateTone, textLimit, TONE_CLASS } from '@/lib/publishing'
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

/** "123 / 280" with the colour of how close the text is to the channel's limit. */
export function CharCounter({ channel, text, hasMedia, className }: { channel: Channel; text: string; hasMedia: boolean; className?: string }) {
  const limit = textLimit(channel, hasMedia)
  const n = countText(text, limit.unit)
  const over = limit.max != null && n > limit.max
  const near = limit.max != null && !over && n > limit.max * 0.9
  return (
    <span
      data-testid="char-counter"
      data-over={over || undefined}
      title={limit.unit === 'graphemes' ? 'Characters as the platform counts them (graphemes)' : 'Characters'}
      className={cn('font-mono text-xs tabular-nums', over ? 'font-semibold text-red-600' : near ? 'text-amber-700' : 'text-zinc-400', className)}
    >
      {n}
      {limit.max != null ? ` / ${limit.max}` : ''}
    </span>
  )
}

const SKIN: Record<string, { card: string; name: string; text: string; meta: string }> = {
  x: { card: 'bg-white border-zinc-200', name: 'text-zinc-900 font-bold', text: 'text-zinc-900 text-[15px]', meta: 'text-zinc-500' },
  bluesky: { card: 'bg-white border-sky-100', name: 'text-zinc-900 font-semibold', text: 'text-zinc-900', meta: 'text-sky-700/70' },
  mastodon: { card: 'bg-[#282c37] border-[#393f4f]', name: 'text-white font-semibold', text: 'text-zinc-100', meta: 'text-[#9baec8]' },
  threads: { card: 'bg-white border-zinc-200', name: 'text-zinc-950 font-semibold', text: 'text-zinc-900', meta: 'text-zinc-400' },
  telegram: { card: 'bg-[#e6ebee] border-cyan-100', name: 'text-cyan-700 font-semibold', text: 'text-zinc-900', meta: 'text-zinc-500' },
  discord: { card: 'bg-[#313338] border-[#1e1f22]', name: 'text-white font-medium', text: 'text-[#dbdee1]', meta: 'text-[#949ba4]' },
  feed: { card: 'bg-amber-50/40 border-orange-100', name: 'text-zinc-900 font-semibold', text: 'text-zinc-800', meta: 'text-zinc-500' },
}
const DEFAULT_SKIN = { card: 'bg-white border-zinc-200', name: 'text-zinc-900 font-semibold', text: 'text-zinc-800', meta: 'text-zinc-500' }

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
 * A small card in the loose style of the target platform (avatar, name, handle, text, images) with the
 * character counter and the server's validation message for this channel underneath.
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
  const skin = SKIN[channel.platform] ?? DEFAULT_SKIN
  const name = channel.account?.name || character?.name || channel.name
  const rawHandle = channel.account?.handle || character?.handle || ''
  const handle = rawHandle && !rawHandle.startsWith('@') ? `@${rawHandle}` : rawHandle
  const telegram = channel.platform === 'telegram'
  const discord = channel.platform === 'discord'
  const rounded = channel.platform === 'x' || channel.platform === 'bluesky' ? 'rounded-2xl' : 'rounded-lg'
  return (
    <div data-testid="channel-preview" data-channel-id={channel.id} data-platform={channel.platform} className="grid gap-1.5">
      <div className="flex items-center justify-between gap-2">
        <span className="flex min-w-0 items-center gap-2 text-xs font-medium text-zinc-600">
          <PlatformIcon platform={channel.platform} className="size-5" />
          <span className="truncate">{channel.name || platformName(channel.platform)}</span>
        </span>
        <CharCounter channel={channel} text={text} hasMedia={media.length > 0} />
      </div>
      <div className={cn('rounded-xl border p-3 shadow-sm', skin.card, error && 'ring-2 ring-red-300')}>
        <div className={cn('flex gap-2.5', telegram && 'flex-row-reverse')}>
          {channel.account?.avatarUrl ? (
            <img src={channel.account.avatarUrl} alt="" className={cn('size-9 shrink-0 object-cover', discord ? 'rounded-full' : 'rounded-full')} />
          ) : (
            <CharacterAvatar name={character?.name ?? name} assetId={character?.avatarAssetId} className="size-9 shrink-0 rounded-full" textClassName="text-sm" />
          )}
          <div className={cn('min-w-0 flex-1', telegram && 'rounded-lg rounded-tr-none bg-white p-2 shadow-sm')}>
            <div className="flex min-w-0 items-baseline gap-1.5 text-sm">
              <span className={cn('truncate', skin.name)}>{name}</span>
              {handle && !discord && !telegram && <span className={cn('truncate text-xs', skin.meta)}>{handle}</span>}
              {discord && <span className="rounded bg-[#5865f2] px-1 text-[10px] font-semibold text-white">APP</span>}
              <span className={cn('ml-auto shrink-0 text-xs', skin.meta)}>now</span>
            </div>
            {text ? (
              <p className={cn('mt-0.5 whitespace-pre-wrap break-words text-sm leading-snug', skin.text)}>{text}</p>
            ) : (
              <p className={cn('mt-0.5 text-sm italic', skin.meta)}>No text</p>
            )}
            <MediaGrid media={media} rounded={rounded} />
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
