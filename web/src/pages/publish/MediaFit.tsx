import { AlertTriangle } from 'lucide-react'
import { mediaUrl } from '@/lib/api'
import type { PlatformDescriptor } from '@/lib/model'
import { usePlatforms } from '@/lib/descriptors'
import type { MediaOption } from './media'

/** The descriptor's word for a file: image, gif, video or audio. */
export function mediaKind(contentType: string): string {
  if (contentType === 'image/gif') return 'gif'
  return contentType.split('/')[0] ?? ''
}

function formatAccepted(formats: string[], contentType: string): boolean {
  if (!formats.length || contentType.endsWith('/*')) return true
  return formats.some((f) => f === '*/*' || f === contentType || (f.endsWith('/*') && contentType.startsWith(f.slice(0, -1))))
}

/** Why a platform refuses these attachments, in words, from its descriptor's media rules (empty: it takes them). */
export function refusals(descriptor: PlatformDescriptor | undefined, attached: { contentType: string }[]): string[] {
  const media = descriptor?.capabilities?.media
  if (!descriptor || !media || !attached.length) return []
  const out: string[] = []
  const kinds = new Set(attached.map((a) => mediaKind(a.contentType)))
  for (const kind of kinds) {
    const accepted = media.kinds.includes(kind) || (kind === 'gif' && media.kinds.includes('image'))
    if (!accepted) out.push(`${descriptor.displayName} does not take ${kind === 'audio' ? 'audio' : `${kind}s`}`)
  }
  for (const a of attached) {
    const kind = mediaKind(a.contentType)
    if ((media.kinds.includes(kind) || kind === 'gif') && !formatAccepted(media.formats, a.contentType)) out.push(`${descriptor.displayName} does not take ${a.contentType} files`)
  }
  if (media.maxCount >= 0 && attached.length > media.maxCount) out.push(`${descriptor.displayName} takes at most ${media.maxCount} attachment${media.maxCount === 1 ? '' : 's'}`)
  return [...new Set(out)]
}

/** The attached media with their content types (from the picker's options). */
export function attachedOptions(form: { draft: { media: { assetId: string }[] }; options: MediaOption[] }): MediaOption[] {
  return form.draft.media.map((m) => form.options.find((o) => o.assetId === m.assetId) ?? { assetId: m.assetId, label: 'Attached', contentType: 'image/*' })
}

/** Players for attached video and audio, so a person hears and sees what goes out. */
export function AttachedPlayers({ attached }: { attached: MediaOption[] }) {
  const playable = attached.filter((a) => a.contentType.startsWith('video/') || a.contentType.startsWith('audio/'))
  if (!playable.length) return null
  return (
    <div className="grid gap-2" data-testid="composer-players">
      {playable.map((a) =>
        a.contentType.startsWith('video/') ? (
          <video key={a.assetId} src={mediaUrl(a.assetId)} controls playsInline preload="metadata" className="max-h-80 w-full rounded-lg bg-black" aria-label={a.label} />
        ) : (
          <audio key={a.assetId} src={mediaUrl(a.assetId)} controls preload="none" className="w-full" aria-label={a.label} />
        ),
      )}
    </div>
  )
}

/** Channels whose platform refuses the attachments, said before submit (the server refuses them too). */
export function MediaFitWarnings({ attached, channels }: { attached: MediaOption[]; channels: { id: string; name?: string; platform: string }[] }) {
  const platforms = usePlatforms().data ?? []
  const rows = channels
    .map((c) => ({
      channel: c,
      reasons: refusals(
        platforms.find((p) => p.type === c.platform),
        attached,
      ),
    }))
    .filter((r) => r.reasons.length)
  if (!rows.length) return null
  return (
    <div role="alert" data-testid="composer-media-refused" className="grid gap-1 rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900">
      {rows.map((r) => (
        <p key={r.channel.id} className="flex gap-2">
          <AlertTriangle className="mt-0.5 size-4 shrink-0" />
          <span>
            <span className="font-medium">{r.channel.name ?? r.channel.platform}:</span> {r.reasons.join('; ')}
          </span>
        </p>
      ))}
    </div>
  )
}
