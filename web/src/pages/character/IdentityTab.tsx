import * as React from 'react'
import { ImageUp, Loader2 } from 'lucide-react'
import { Field } from '@/components/ui/field'
import { Input } from '@/components/ui/input'
import { Textarea } from '@/components/ui/textarea'
import { Select } from '@/components/ui/select'
import { Button } from '@/components/ui/button'
import { CharacterAvatar } from '@/components/ui/avatar'
import { Section, type SectionProps } from './common'

let zones: string[] | null = null
function timeZones(current: string): { value: string; label: string }[] {
  if (!zones) {
    try {
      zones = Intl.supportedValuesOf('timeZone')
    } catch {
      zones = []
    }
    if (!zones.includes('UTC')) zones = ['UTC', ...zones]
  }
  const list = current && !zones.includes(current) ? [current, ...zones] : zones
  return list.map((z) => ({ value: z, label: z.replace(/_/g, ' ') }))
}

export function IdentityTab({
  draft,
  update,
  err,
  editable,
  isNew,
  onAvatar,
  avatarPending,
}: SectionProps & { isNew: boolean; onAvatar: (f: File) => void; avatarPending: boolean }) {
  const fileRef = React.useRef<HTMLInputElement>(null)
  const tzOptions = React.useMemo(() => timeZones(draft.timeZone), [draft.timeZone])
  return (
    <div className="grid gap-6">
      <Section title="Identity" description="How the character is named and introduced everywhere in Troupe.">
        <div className="grid gap-5 sm:grid-cols-2">
          <Field id="name" label="Name" error={err('name')}>
            <Input id="name" value={draft.name} onChange={(e) => update((d) => ({ ...d, name: e.target.value }))} aria-invalid={!!err('name')} required />
          </Field>
          <Field id="handle" label="Handle" hint="a–z, 0–9, dot, dash, underscore; 2–40 characters." error={err('handle')}>
            <div className="relative">
              <span className="pointer-events-none absolute left-3 top-1/2 -translate-y-1/2 text-sm text-zinc-400">@</span>
              <Input id="handle" className="pl-7" value={draft.handle} onChange={(e) => update((d) => ({ ...d, handle: e.target.value }))} aria-invalid={!!err('handle')} />
            </div>
          </Field>
        </div>
        <Field id="bio" label="Bio" hint="A line or two shown on profiles." error={err('bio')}>
          <Textarea id="bio" rows={3} value={draft.bio} onChange={(e) => update((d) => ({ ...d, bio: e.target.value }))} aria-invalid={!!err('bio')} />
        </Field>
        <div className="grid gap-5 sm:grid-cols-2">
          <Field id="language" label="Language" hint="BCP 47 code, e.g. en, pt-PT." error={err('language')}>
            <Input
              id="language"
              list="language-codes"
              value={draft.language}
              onChange={(e) => update((d) => ({ ...d, language: e.target.value }))}
              aria-invalid={!!err('language')}
            />
            <datalist id="language-codes">
              {['en', 'en-GB', 'en-US', 'de', 'es', 'fr', 'it', 'ja', 'ko', 'nl', 'pl', 'pt', 'pt-BR', 'pt-PT', 'ru', 'sv', 'tr', 'uk', 'zh'].map((l) => (
                <option key={l} value={l} />
              ))}
            </datalist>
          </Field>
          <Field id="timeZone" label="Time zone" error={err('timeZone')}>
            <Select
              id="timeZone"
              value={draft.timeZone}
              onValueChange={(v) => update((d) => ({ ...d, timeZone: v }))}
              options={tzOptions}
              placeholder="Choose a time zone"
              invalid={!!err('timeZone')}
              disabled={!editable}
            />
          </Field>
        </div>
      </Section>

      <Section title="Avatar" description="Shown on cards and embedded in exported PNG cards.">
        <div className="flex items-center gap-5">
          <CharacterAvatar name={draft.name} assetId={draft.avatarAssetId} className="size-24 rounded-xl ring-1 ring-zinc-200" textClassName="text-3xl" />
          <div className="grid gap-2">
            <input
              ref={fileRef}
              id="avatar-file"
              type="file"
              accept="image/*"
              className="sr-only"
              aria-label="Avatar image"
              disabled={!editable || isNew}
              onChange={(e) => {
                const f = e.target.files?.[0]
                if (f) onAvatar(f)
                e.target.value = ''
              }}
            />
            {editable && (
              <Button variant="outline" disabled={isNew || avatarPending} onClick={() => fileRef.current?.click()}>
                {avatarPending ? <Loader2 className="animate-spin" /> : <ImageUp />}
                {draft.avatarAssetId ? 'Replace avatar' : 'Upload avatar'}
              </Button>
            )}
            <p className="text-xs text-zinc-500">{isNew ? 'Save the character first to add an avatar.' : 'PNG, JPEG or WebP.'}</p>
          </div>
        </div>
      </Section>
    </div>
  )
}
