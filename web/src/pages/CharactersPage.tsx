import * as React from 'react'
import { Link } from 'react-router'
import { FileUp, Plus, Search, UsersRound } from 'lucide-react'
import { errorMessage } from '@/lib/api'
import { canEdit, type Character, type User } from '@/lib/model'
import { excerpt } from '@/lib/utils'
import { Button } from '@/components/ui/button'
import { Input } from '@/components/ui/input'
import { Badge } from '@/components/ui/badge'
import { Skeleton } from '@/components/ui/skeleton'
import { EmptyState } from '@/components/ui/empty-state'
import { CharacterAvatar } from '@/components/ui/avatar'
import { Label } from '@/components/ui/label'
import { PageHeader } from '@/components/layout/PageHeader'
import { useCharacters } from '@/lib/queries'
import { FirstRunChecklist } from './character/FirstRunChecklist'

function useDebounced<T>(value: T, ms = 250): T {
  const [v, setV] = React.useState(value)
  React.useEffect(() => {
    const t = setTimeout(() => setV(value), ms)
    return () => clearTimeout(t)
  }, [value, ms])
  return v
}

export function CharactersPage({ user }: { user: User }) {
  const [search, setSearch] = React.useState('')
  const q = useDebounced(search.trim())
  const list = useCharacters(q, true)
  const editor = canEdit(user.role)

  return (
    <div>
      <PageHeader
        title="Characters"
        description="The virtual characters of your studio: their identity, persona, look and voice."
        actions={
          editor && (
            <>
              <Button variant="outline" asChild>
                <Link to="/characters/import" data-testid="import-card">
                  <FileUp /> Import card
                </Link>
              </Button>
              <Button asChild>
                <Link to="/characters/new" data-testid="new-character">
                  <Plus /> New character
                </Link>
              </Button>
            </>
          )
        }
      />

      {editor && <FirstRunChecklist />}

      <div className="relative mb-6 max-w-sm">
        <Label htmlFor="character-search" className="sr-only">
          Search characters
        </Label>
        <Search className="pointer-events-none absolute left-3 top-1/2 size-4 -translate-y-1/2 text-zinc-400" />
        <Input id="character-search" type="search" placeholder="Search by name, handle or tag…" className="pl-9" value={search} onChange={(e) => setSearch(e.target.value)} />
      </div>

      {list.isPending ? (
        <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
          {Array.from({ length: 6 }).map((_, i) => (
            <div key={i} className="rounded-xl border border-zinc-200 bg-white p-5">
              <div className="flex gap-4">
                <Skeleton className="size-16 rounded-lg" />
                <div className="flex-1 space-y-2">
                  <Skeleton className="h-4 w-2/3" />
                  <Skeleton className="h-3 w-1/3" />
                </div>
              </div>
              <Skeleton className="mt-4 h-3 w-full" />
              <Skeleton className="mt-2 h-3 w-4/5" />
            </div>
          ))}
        </div>
      ) : list.isError ? (
        <EmptyState title="Could not load characters">{errorMessage(list.error)}</EmptyState>
      ) : list.data.length === 0 ? (
        q ? (
          <EmptyState icon={<Search />} title="No matches">
            No character matches “{q}”.
          </EmptyState>
        ) : (
          <EmptyState
            icon={<UsersRound />}
            title="No characters yet"
            action={
              editor && (
                <div className="flex gap-2">
                  <Button variant="outline" asChild>
                    <Link to="/characters/import">
                      <FileUp /> Import a card
                    </Link>
                  </Button>
                  <Button asChild>
                    <Link to="/characters/new">
                      <Plus /> New character
                    </Link>
                  </Button>
                </div>
              )
            }
          >
            Create a character from scratch, or import a Character Card (V2 or V3) as PNG or JSON.
          </EmptyState>
        )
      ) : (
        <ul className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
          {list.data.map((c) => (
            <li key={c.id}>
              <CharacterCard c={c} />
            </li>
          ))}
        </ul>
      )}
    </div>
  )
}

function CharacterCard({ c }: { c: Character }) {
  const tags = c.persona?.tags ?? []
  return (
    <Link
      to={`/characters/${c.id}`}
      data-testid="character-card"
      data-character-id={c.id}
      className="group flex h-full flex-col rounded-xl border border-zinc-200 bg-white p-5 shadow-sm transition-all hover:-translate-y-0.5 hover:border-violet-300 hover:shadow-md focus:outline-none focus-visible:ring-2 focus-visible:ring-violet-500"
    >
      <div className="flex items-center gap-4">
        <CharacterAvatar name={c.name} assetId={c.avatarAssetId} className="size-16 shrink-0 rounded-lg ring-1 ring-zinc-200" />
        <div className="min-w-0">
          <h2 className="truncate text-base font-semibold text-zinc-900 group-hover:text-violet-700">{c.name}</h2>
          {c.handle && <p className="truncate text-sm text-zinc-500">@{c.handle}</p>}
        </div>
      </div>
      <p className="mt-4 line-clamp-3 flex-1 text-sm text-zinc-600">{excerpt(c.bio || c.persona?.description, 200) || <span className="italic text-zinc-400">No bio yet</span>}</p>
      {tags.length > 0 && (
        <div className="mt-4 flex flex-wrap gap-1.5">
          {tags.slice(0, 5).map((t) => (
            <Badge key={t} variant="secondary">
              {t}
            </Badge>
          ))}
          {tags.length > 5 && <Badge variant="outline">+{tags.length - 5}</Badge>}
        </div>
      )}
    </Link>
  )
}
