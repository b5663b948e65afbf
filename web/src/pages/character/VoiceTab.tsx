import * as React from 'react'
import { Loader2, Mic, ShieldCheck } from 'lucide-react'
import type { Character, Consent, Voice } from '@/lib/model'
import { mediaUrl } from '@/lib/api'
import { formatDate } from '@/lib/utils'
import { Field } from '@/components/ui/field'
import { Input } from '@/components/ui/input'
import { Textarea } from '@/components/ui/textarea'
import { Button } from '@/components/ui/button'
import { Badge } from '@/components/ui/badge'
import { Section, type SectionProps } from './common'

export function hasConsent(c: Consent | null | undefined): boolean {
  return !!(c && c.speaker?.trim() && c.statement?.trim())
}

export function VoiceTab({
  draft,
  saved,
  update,
  err,
  editable,
  isNew,
  onUploadClip,
  clipPending,
}: SectionProps & { saved: Character; isNew: boolean; onUploadClip: (f: File) => void; clipPending: boolean }) {
  const v = draft.voice
  const consent = v.consent ?? { speaker: '', statement: '' }
  const setV = <K extends keyof Voice>(k: K, val: Voice[K]) => update((d) => ({ ...d, voice: { ...d.voice, [k]: val } }))
  const setConsent = (patch: Partial<Consent>) => setV('consent', { ...consent, ...patch })
  const fileRef = React.useRef<HTMLInputElement>(null)
  const savedConsent = hasConsent(saved.voice?.consent)
  const uploadEnabled = editable && !isNew && savedConsent

  return (
    <div className="grid gap-6">
      <Section title="Consent" description="A cloned voice must belong to someone who agreed to it. Record who the speaker is and what they agreed to before uploading a clip.">
        {savedConsent && saved.voice.consent?.recordedAt && (
          <div className="flex items-center gap-2 rounded-lg border border-emerald-200 bg-emerald-50 px-3 py-2 text-sm text-emerald-800">
            <ShieldCheck className="size-4" />
            Consent recorded {formatDate(saved.voice.consent.recordedAt)}
            {saved.voice.consent.recordedBy ? ` by ${saved.voice.consent.recordedBy}` : ''}
          </div>
        )}
        <Field id="voice-consent-speaker" label="Speaker" hint="The person whose voice is in the reference clip." error={err('voice.consent.speaker')}>
          <Input id="voice-consent-speaker" value={consent.speaker ?? ''} onChange={(e) => setConsent({ speaker: e.target.value })} aria-invalid={!!err('voice.consent.speaker')} />
        </Field>
        <Field
          id="voice-consent-statement"
          label="Consent statement"
          hint="What the speaker agreed to, in their words."
          error={err('voice.consent.statement') ?? err('voice.consent')}
        >
          <Textarea
            id="voice-consent-statement"
            rows={3}
            value={consent.statement ?? ''}
            onChange={(e) => setConsent({ statement: e.target.value })}
            aria-invalid={!!err('voice.consent.statement')}
          />
        </Field>
      </Section>

      <Section title="Reference clip" description="A short, clean recording (WAV, MP3, OGG or FLAC) the voice is cloned from.">
        {v.referenceClipAssetId ? (
          <div className="grid gap-2">
            <Badge variant="success" className="w-fit">
              Clip uploaded
            </Badge>
            <audio data-testid="voice-clip" controls preload="none" src={mediaUrl(v.referenceClipAssetId)} className="w-full">
              Your browser cannot play this clip.
            </audio>
          </div>
        ) : (
          <p className="text-sm text-zinc-500">No reference clip yet.</p>
        )}
        {editable && (
          <div className="flex flex-wrap items-center gap-3">
            <input
              ref={fileRef}
              id="voice-clip-file"
              type="file"
              accept="audio/wav,audio/x-wav,audio/mpeg,audio/ogg,audio/flac,.wav,.mp3,.ogg,.flac"
              className="sr-only"
              aria-label="Reference clip"
              disabled={!uploadEnabled}
              onChange={(e) => {
                const f = e.target.files?.[0]
                if (f) onUploadClip(f)
                e.target.value = ''
              }}
            />
            <Button variant="outline" disabled={!uploadEnabled || clipPending} onClick={() => fileRef.current?.click()}>
              {clipPending ? <Loader2 className="animate-spin" /> : <Mic />}
              {v.referenceClipAssetId ? 'Replace clip' : 'Upload clip'}
            </Button>
            {!uploadEnabled && (
              <span className="text-xs text-zinc-500">{isNew ? 'Save the character first.' : 'Enter the speaker and consent statement, then save, to enable uploads.'}</span>
            )}
          </div>
        )}
      </Section>

      <Section title="Text to speech" description="Which voice and language the speech engine uses.">
        <div className="grid gap-5 sm:grid-cols-2">
          <Field id="voice-tts-voice" label="TTS voice" error={err('voice.ttsVoice')}>
            <Input id="voice-tts-voice" value={v.ttsVoice ?? ''} onChange={(e) => setV('ttsVoice', e.target.value)} aria-invalid={!!err('voice.ttsVoice')} />
          </Field>
          <Field id="voice-tts-language" label="TTS language" error={err('voice.ttsLanguage')}>
            <Input
              id="voice-tts-language"
              placeholder="e.g. en"
              value={v.ttsLanguage ?? ''}
              onChange={(e) => setV('ttsLanguage', e.target.value)}
              aria-invalid={!!err('voice.ttsLanguage')}
            />
          </Field>
        </div>
      </Section>
    </div>
  )
}
