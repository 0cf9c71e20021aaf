import 'bootstrap-italia/dist/css/bootstrap-italia.min.css'
import '@fontsource/titillium-web/400.css'
import '@fontsource/titillium-web/600.css'
import '@fontsource/titillium-web/700.css'
import './styles.css'
import { render } from 'solid-js/web'
import { App } from './app.tsx'
import { applyStoredLocale } from './i18n/index.ts'

applyStoredLocale()
render(() => <App />, document.getElementById('root') as HTMLElement)
