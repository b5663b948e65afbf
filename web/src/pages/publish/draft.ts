import type { Character, Post } from '@/lib/model'
import { toZonedLocal } from '@/lib/publishing'

/** What the Studio (or a link) may hand the composer of a new post. */
export interface ComposerPrefill {
  characterId?: string
  assetId?: string
  caption?: string
  altText?: string
  /** The caption job the caption came from: the post keeps it, and review shows the lore it used. */
  captionJobId?: string
}

/** The composer's form: the post as the user edits it, mapped to and from the API's Post. */
export interface Draft {
  characterId: string
  caption: string
  media: { assetId: string; altText: string }[]
  channelIds: string[]
  /** channelId → override text ('' = none). */
  variants: Record<string, string>
  /** The caption job the caption came from, when it did. */
  captionJobId?: string
}

export function draftOf(p: Post): Draft {
  const variants: Record<string, string> = {}
  for (const [k, v] of Object.entries(p.variants ?? {})) if (v?.caption) variants[k] = v.caption
  return {
    characterId: p.characterId,
    caption: p.caption ?? '',
    media: (p.media ?? []).map((m) => ({ assetId: m.assetId, altText: m.altText ?? '' })),
    channelIds: [...(p.channelIds ?? [])],
    variants,
    ...(p.captionJobId ? { captionJobId: p.captionJobId } : {}),
  }
}

export function bodyOf(d: Draft, old?: Post) {
  const variants: Record<string, { caption: string | null; options: Record<string, unknown> }> = {}
  for (const id of d.channelIds) {
    const text = d.variants[id] ?? ''
    const options = old?.variants?.[id]?.options ?? {}
    if (text.trim() || Object.keys(options).length) variants[id] = { caption: text.trim() ? text : null, options }
  }
  return {
    characterId: d.characterId,
    caption: d.caption,
    media: d.media.map((m) => ({ assetId: m.assetId, altText: m.altText.trim() || null })),
    channelIds: d.channelIds,
    variants,
    ...(d.captionJobId ? { captionJobId: d.captionJobId } : {}),
  }
}

/** Whether two drafts would send the same body. */
export const same = (a: Draft, b: Draft) => JSON.stringify(bodyOf(a)) === JSON.stringify(bodyOf(b))

/** A new post's draft: the prefilled character and image when they exist, else the first character. */
export function newDraft(characters: Pick<Character, 'id'>[], wantedCharacter: string, asset: string | null | undefined, prefill: ComposerPrefill): Draft {
  const characterId = characters.some((c) => c.id === wantedCharacter) ? wantedCharacter : (characters[0]?.id ?? '')
  return {
    characterId,
    caption: prefill.caption ?? '',
    media: asset ? [{ assetId: asset, altText: prefill.altText ?? '' }] : [],
    channelIds: [],
    variants: {},
    ...(prefill.captionJobId ? { captionJobId: prefill.captionJobId } : {}),
  }
}

/** The next whole minute at least an hour from now, in the zone, for the schedule input's first value. */
export function defaultScheduleValue(timeZone: string, now = Date.now()) {
  const d = new Date(now + 60 * 60_000)
  d.setSeconds(0, 0)
  return toZonedLocal(d, timeZone)
}
