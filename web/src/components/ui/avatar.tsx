import * as React from 'react'
import { cn, initials } from '@/lib/utils'
import { thumbnailUrl } from '@/lib/api'

const palette = [
  'bg-violet-100 text-violet-700',
  'bg-sky-100 text-sky-700',
  'bg-emerald-100 text-emerald-700',
  'bg-amber-100 text-amber-800',
  'bg-rose-100 text-rose-700',
  'bg-teal-100 text-teal-700',
]

function colourFor(name: string) {
  let h = 0
  for (const ch of name) h = (h * 31 + ch.charCodeAt(0)) >>> 0
  return palette[h % palette.length]
}

/** A character's avatar thumbnail, or its initial on a tinted square. */
export function CharacterAvatar({
  name,
  assetId,
  src,
  className,
  textClassName,
}: {
  name: string
  assetId?: string | null
  src?: string | null
  className?: string
  textClassName?: string
}) {
  const [failed, setFailed] = React.useState(false)
  const url = src ?? (assetId ? thumbnailUrl(assetId) : null)
  React.useEffect(() => setFailed(false), [url])
  if (url && !failed) {
    return <img src={url} alt={`${name || 'Character'} avatar`} className={cn('object-cover', className)} onError={() => setFailed(true)} />
  }
  return (
    <div role="img" aria-label={`${name || 'Character'} avatar placeholder`} className={cn('flex items-center justify-center font-semibold', colourFor(name || '?'), className)}>
      <span className={cn('text-2xl', textClassName)}>{initials(name)}</span>
    </div>
  )
}
