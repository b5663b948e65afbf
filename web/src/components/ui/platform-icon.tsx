import { AtSign, Cloud, Gamepad2, Globe, Camera, MessageSquare, Rss, Send, Webhook } from 'lucide-react'
import { cn } from '@/lib/utils'
import { platformName } from '@/lib/publishing'

const ICONS: Record<string, { icon: typeof Rss | null; tint: string }> = {
  feed: { icon: Rss, tint: 'bg-orange-100 text-orange-700' },
  x: { icon: null, tint: 'bg-zinc-900 text-white' },
  bluesky: { icon: Cloud, tint: 'bg-sky-100 text-sky-600' },
  mastodon: { icon: MessageSquare, tint: 'bg-indigo-100 text-indigo-700' },
  threads: { icon: AtSign, tint: 'bg-zinc-200 text-zinc-900' },
  telegram: { icon: Send, tint: 'bg-cyan-100 text-cyan-700' },
  discord: { icon: Gamepad2, tint: 'bg-indigo-500 text-white' },
  webhook: { icon: Webhook, tint: 'bg-teal-100 text-teal-700' },
  instagram: { icon: Camera, tint: 'bg-pink-100 text-pink-700' },
}

/** A small tinted square naming a platform by icon (brand marks are approximated, not reproduced). */
export function PlatformIcon({ platform, className }: { platform: string; className?: string }) {
  const info = ICONS[platform] ?? { icon: Globe, tint: 'bg-zinc-100 text-zinc-600' }
  const Icon = info.icon
  return (
    <span
      role="img"
      aria-label={platformName(platform)}
      title={platformName(platform)}
      className={cn('inline-flex size-6 shrink-0 items-center justify-center rounded-md text-[11px] font-bold [&_svg]:size-3.5', info.tint, className)}
    >
      {Icon ? <Icon /> : '𝕏'}
    </span>
  )
}
