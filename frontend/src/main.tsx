import { createResource, For, Show } from 'solid-js'
import { render } from 'solid-js/web'

interface Hub {
  id: string
  name: string
  address: string
}

function App() {
  const [hubs] = createResource(async () => {
    const res = await fetch('/api/v1/hubs')
    if (!res.ok) throw new Error(`HTTP ${res.status}`)
    return (await res.json()) as Hub[]
  })
  return (
    <main>
      <h1>Spazi Comuni</h1>
      <Show when={!hubs.loading} fallback={<p>Caricamento…</p>}>
        <ul>
          <For each={hubs() ?? []} fallback={<li>Nessun hub.</li>}>
            {(hub) => (
              <li>
                {hub.name} — {hub.address}
              </li>
            )}
          </For>
        </ul>
      </Show>
    </main>
  )
}

render(() => <App />, document.getElementById('root') as HTMLElement)
