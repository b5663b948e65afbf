import type { Character, Job } from '@/lib/model'

export interface MediaOption {
  assetId: string
  label: string
  contentType: string
}

export { useSucceededJobs } from '@/lib/queries'

/** What a post can carry: generated images, videos and voice lines (newest first), then the character's reference photos. */
export function mediaOptions(jobs: Job[] | undefined, character: Character | undefined): MediaOption[] {
  const out: MediaOption[] = []
  const seen = new Set<string>()
  for (const j of jobs ?? []) {
    if (j.status !== 'SUCCEEDED') continue
    for (const o of j.outputs ?? []) {
      const type = o.contentType ?? ''
      if (!o.assetId || seen.has(o.assetId) || !/^(image|video|audio)\//.test(type)) continue
      seen.add(o.assetId)
      out.push({
        assetId: o.assetId,
        label: type.startsWith('image/') ? 'Generated image' : type.startsWith('video/') ? (j.kind === 'TALKING_CLIP' ? 'Talking clip' : 'Generated video') : 'Voice line',
        contentType: type,
      })
    }
  }
  for (const id of character?.visual?.referenceAssetIds ?? []) {
    if (seen.has(id)) continue
    seen.add(id)
    out.push({ assetId: id, label: 'Reference image', contentType: 'image/*' })
  }
  return out
}

/** The newest caption job's text for an asset (or, failing that, none): caption then hashtags, and its alt text. */
export function captionFor(jobs: Job[] | undefined, assetId: string | null): { caption: string; altText: string; jobId: string } | null {
  for (const j of jobs ?? []) {
    if (j.kind !== 'CAPTION' || j.status !== 'SUCCEEDED') continue
    if (assetId && j.input?.assetId !== assetId) continue
    return captionOf(j)
  }
  return null
}

/** The job's first caption with its hashtags; {@code jobId} links a post made from it to the job (its lore used). */
export function captionOf(j: Job): { caption: string; altText: string; jobId: string } | null {
  const c = j.structured?.captions?.[0]
  if (c) {
    const tags = (c.hashtags ?? []).map((h) => (h.startsWith('#') ? h : `#${h}`)).join(' ')
    return { caption: tags ? `${c.text ?? ''}\n\n${tags}` : (c.text ?? ''), altText: c.altText ?? '', jobId: j.id }
  }
  return j.text ? { caption: j.text, altText: '', jobId: j.id } : null
}
