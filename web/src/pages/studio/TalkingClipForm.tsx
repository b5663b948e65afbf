import * as React from 'react'
import { Loader2, Upload } from 'lucide-react'
import { errorMessage, mediaUrl, upload } from '@/lib/api'
import type { Job } from '@/lib/model'
import { Button } from '@/components/ui/button'
import { Field } from '@/components/ui/field'
import { Input } from '@/components/ui/input'
import { Textarea } from '@/components/ui/textarea'
import { Checkbox } from '../character/common'
import { AssetPicker, type PickableAsset } from './forms'

/** What the talking-clip form holds. An uploaded recording is a real person's voice: it needs whose and their consent. */
export interface TalkingClipDraft {
  imageAssetId: string
  audioAssetId: string
  uploaded: boolean
  caption: string
  captionFromVoiceLine: boolean
  speaker: string
  statement: string
}

export const initialTalkingClip: TalkingClipDraft = {
  imageAssetId: '',
  audioAssetId: '',
  uploaded: false,
  caption: '',
  captionFromVoiceLine: false,
  speaker: '',
  statement: '',
}

export function talkingClipInput(d: TalkingClipDraft) {
  const errors: Record<string, string> = {}
  if (!d.imageAssetId) errors.imageAssetId = 'Pick the image that speaks'
  if (!d.audioAssetId) errors.audioAssetId = 'Pick a voice line or upload a recording'
  if (d.uploaded && !d.speaker.trim()) errors['consent.speaker'] = 'Say whose voice this is'
  if (d.uploaded && !d.statement.trim()) errors['consent.statement'] = 'Say what they agreed to'
  const input = {
    imageAssetId: d.imageAssetId || undefined,
    audioAssetId: d.audioAssetId || undefined,
    caption: d.caption.trim() || undefined,
    captionFromVoiceLine: !d.uploaded && d.captionFromVoiceLine ? true : undefined,
    consent: d.uploaded ? { speaker: d.speaker.trim(), statement: d.statement.trim() } : undefined,
  }
  return { input, errors }
}

/** The character's finished voice lines, newest first, with their words. */
export function voiceLines(jobs: Job[]): { assetId: string; text: string }[] {
  const out: { assetId: string; text: string }[] = []
  for (const j of jobs) {
    if (j.kind !== 'VOICE' || j.status !== 'SUCCEEDED') continue
    for (const o of j.outputs ?? []) if (o.assetId) out.push({ assetId: o.assetId, text: String(j.input?.text ?? '') })
  }
  return out.slice(0, 12)
}

export function TalkingClipForm({
  draft: d,
  set,
  err,
  images,
  jobs,
}: {
  draft: TalkingClipDraft
  set: (patch: Partial<TalkingClipDraft>) => void
  err: (field: string) => string | undefined
  images: PickableAsset[]
  jobs: Job[]
}) {
  const lines = voiceLines(jobs)
  const [uploading, setUploading] = React.useState(false)
  const [uploadError, setUploadError] = React.useState('')
  const fileRef = React.useRef<HTMLInputElement>(null)
  const onFile = async (file: File) => {
    setUploading(true)
    setUploadError('')
    try {
      const asset = await upload<{ id: string }>('/api/v1/media', file)
      set({ audioAssetId: asset.id, uploaded: true, captionFromVoiceLine: false })
    } catch (e) {
      setUploadError(errorMessage(e))
    } finally {
      setUploading(false)
    }
  }
  return (
    <div className="grid gap-5">
      <p className="text-sm text-zinc-600">A vertical 1080×1920 MP4 (H.264, AAC) with a slow zoom, as Reels, Shorts and TikTok take it. It lasts as long as the voice line.</p>
      <Field id="studio-clip-image" label="Image" error={err('imageAssetId')}>
        {images.length ? (
          <AssetPicker id="studio-clip-image" assets={images} value={d.imageAssetId} onChange={(v) => set({ imageAssetId: v })} noneLabel="None" />
        ) : (
          <p id="studio-clip-image" className="text-sm text-zinc-500">
            No images yet: generate one or add reference photos.
          </p>
        )}
      </Field>
      <Field id="studio-clip-voice" label="Voice line" hint="One the character said (Voice tab), or a recording you upload." error={err('audioAssetId')}>
        <div id="studio-clip-voice" role="radiogroup" className="grid gap-2">
          {lines.map((l) => (
            <label key={l.assetId} className="flex items-center gap-3 rounded-md border border-zinc-200 p-2 text-sm has-[:checked]:border-violet-500 has-[:checked]:bg-violet-50">
              <input type="radio" name="studio-clip-voice" checked={d.audioAssetId === l.assetId} onChange={() => set({ audioAssetId: l.assetId, uploaded: false })} />
              <span className="min-w-0 flex-1 truncate">{l.text || 'Voice line'}</span>
              <audio src={mediaUrl(l.assetId)} controls preload="none" className="h-8 w-48" />
            </label>
          ))}
          {d.uploaded && d.audioAssetId && (
            <div className="flex items-center gap-3 rounded-md border border-violet-500 bg-violet-50 p-2 text-sm">
              <span className="flex-1">Uploaded recording</span>
              <audio src={mediaUrl(d.audioAssetId)} controls preload="none" className="h-8 w-48" />
            </div>
          )}
          <div className="flex items-center gap-3">
            <input
              ref={fileRef}
              type="file"
              className="sr-only"
              aria-label="Recording"
              accept="audio/wav,audio/x-wav,audio/mpeg,audio/ogg,audio/flac,.wav,.mp3,.ogg,.flac"
              onChange={(e) => {
                const f = e.target.files?.[0]
                if (f) void onFile(f)
                e.target.value = ''
              }}
            />
            <Button type="button" variant="outline" size="sm" disabled={uploading} onClick={() => fileRef.current?.click()}>
              {uploading ? <Loader2 className="animate-spin" /> : <Upload />} Upload a recording
            </Button>
            {uploadError && (
              <span role="alert" className="text-xs text-red-600">
                {uploadError}
              </span>
            )}
          </div>
        </div>
      </Field>
      {d.uploaded && (
        <div className="grid gap-4 rounded-md border border-amber-200 bg-amber-50/60 p-3 sm:grid-cols-2">
          <Field id="studio-clip-speaker" label="Whose voice is this?" error={err('consent.speaker')}>
            <Input id="studio-clip-speaker" value={d.speaker} onChange={(e) => set({ speaker: e.target.value })} aria-invalid={!!err('consent.speaker')} />
          </Field>
          <Field id="studio-clip-statement" label="What they agreed to" error={err('consent.statement')}>
            <Input id="studio-clip-statement" value={d.statement} onChange={(e) => set({ statement: e.target.value })} aria-invalid={!!err('consent.statement')} />
          </Field>
        </div>
      )}
      <Field id="studio-prompt" label="Captions" hint="Optional: burned into the clip in short timed chunks." error={err('caption')}>
        <Textarea id="studio-prompt" data-testid="studio-prompt" rows={3} maxLength={1000} value={d.caption} onChange={(e) => set({ caption: e.target.value })} />
      </Field>
      {!d.uploaded && !d.caption.trim() && (
        <Checkbox
          id="studio-clip-caption-line"
          label="Caption with the voice line's own words"
          checked={d.captionFromVoiceLine}
          onChange={(on) => set({ captionFromVoiceLine: on })}
        />
      )}
    </div>
  )
}
