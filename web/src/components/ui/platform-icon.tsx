import type * as React from 'react'
import { usePlatform, fallbackName } from '@/lib/descriptors'
import { cn } from '@/lib/utils'
import { genericIcon } from './icons'

/**
 * A small square naming a platform by icon. The platform's descriptor chooses: its own monochrome SVG when it
 * has one, else a name from the generic icon set (a globe when the name is unknown).
 */
export function PlatformIcon({ platform, className }: { platform: string; className?: string }) {
  const descriptor = usePlatform(platform)
  const name = descriptor?.displayName ?? fallbackName(platform)
  const Icon = genericIcon(descriptor?.icon)
  return (
    <span
      role="img"
      aria-label={name}
      title={name}
      data-icon={descriptor?.iconSvg ? 'svg' : (descriptor?.icon ?? 'globe')}
      className={cn('inline-flex size-6 shrink-0 items-center justify-center rounded-md bg-zinc-100 text-zinc-700 [&_svg]:size-3.5', className)}
    >
      {descriptor?.iconSvg ? <InlineSvg svg={descriptor.iconSvg} /> : <Icon />}
    </span>
  )
}

/** The descriptor's SVG comes from the server's own adapters (not from users), so it is trusted markup. */
function InlineSvg({ svg }: { svg: string }): React.ReactElement {
  return <span className="contents" dangerouslySetInnerHTML={{ __html: svg }} />
}
