/**
 * A lab's name for people: its own name, or "name · hub" where another lab has the same name (several hubs
 * have a "Cucina" or an "Aula polivalente"), so that a list never shows two labs that read the same.
 */
interface NamedLab {
  id: string
  name: string
  hubId: string
  hub?: { name: string } | null
}

export function labNamer(labs: readonly NamedLab[], hubName?: (hubId: string) => string | undefined) {
  const count = new Map<string, number>()
  for (const l of labs) count.set(l.name.trim().toLowerCase(), (count.get(l.name.trim().toLowerCase()) ?? 0) + 1)
  const byId = new Map(labs.map((l) => [l.id, l]))
  const hubOf = (l: NamedLab) => l.hub?.name ?? hubName?.(l.hubId) ?? ''
  /** The lab's name, with its hub when the name is shared. */
  const name = (lab: NamedLab | string | undefined): string => {
    const l = typeof lab === 'string' ? byId.get(lab) : lab
    if (!l) return ''
    const hub = hubOf(l)
    return (count.get(l.name.trim().toLowerCase()) ?? 0) > 1 && hub ? `${l.name.trim()} · ${hub}` : l.name
  }
  return { name, hub: (lab: NamedLab | string | undefined) => hubOf((typeof lab === 'string' ? byId.get(lab) : lab) as NamedLab) }
}
