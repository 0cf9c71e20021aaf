import { Route, Router } from '@solidjs/router'
import { lazy } from 'solid-js'
import { Layout } from './components/Layout.tsx'
import { SessionProvider } from './session/session.tsx'

/** Every page is its own chunk: the first page loads only what it shows. */
const pages = {
  catalogue: lazy(() => import('./pages/catalogue.tsx')),
  lab: lazy(() => import('./pages/lab.tsx')),
  login: lazy(() => import('./pages/login.tsx')),
  welcome: lazy(() => import('./pages/welcome.tsx')),
  invitation: lazy(() => import('./pages/invitation.tsx')),
  bookings: lazy(() => import('./pages/bookings.tsx')),
  bookingNew: lazy(() => import('./pages/booking-new.tsx')),
  booking: lazy(() => import('./pages/booking.tsx')),
  find: lazy(() => import('./pages/find.tsx')),
  operator: lazy(() => import('./pages/operator.tsx')),
  reports: lazy(() => import('./pages/reports.tsx')),
  admin: lazy(() => import('./pages/admin.tsx')),
  calls: lazy(() => import('./pages/calls/calls.tsx')),
  call: lazy(() => import('./pages/calls/call.tsx')),
  application: lazy(() => import('./pages/calls/application.tsx')),
  evaluation: lazy(() => import('./pages/calls/evaluation.tsx')),
  manageCall: lazy(() => import('./pages/calls/manage.tsx')),
  teamAward: lazy(() => import('./pages/calls/team-award.tsx')),
  certifications: lazy(() => import('./pages/certifications.tsx')),
  checkIn: lazy(() => import('./pages/check-in.tsx')),
  checkInPoster: lazy(() => import('./pages/check-in-poster.tsx')),
  transparency: lazy(() => import('./pages/transparency.tsx')),
  progressReports: lazy(() => import('./pages/progress-reports.tsx')),
  programme: lazy(() => import('./pages/programme.tsx')),
  privacy: lazy(() => import('./pages/privacy.tsx')),
  notFound: lazy(() => import('./pages/not-found.tsx')),
}

export function App() {
  return (
    <SessionProvider>
      <Router root={Layout}>
        <Route path="/" component={pages.catalogue} />
        <Route path="/labs/:id" component={pages.lab} />
        <Route path="/labs/:id/check-in-poster" component={pages.checkInPoster} />
        <Route path="/check-in/:code" component={pages.checkIn} />
        <Route path="/login" component={pages.login} />
        <Route path="/benvenuto" component={pages.welcome} />
        <Route path="/invitations/accept" component={pages.invitation} />
        <Route path="/bookings" component={pages.bookings} />
        <Route path="/bookings/new" component={pages.bookingNew} />
        <Route path="/bookings/:id" component={pages.booking} />
        <Route path="/find" component={pages.find} />
        <Route path="/operator/*" component={pages.operator} />
        <Route path="/reports/*" component={pages.reports} />
        <Route path="/admin/*" component={pages.admin} />
        <Route path="/trasparenza" component={pages.transparency} />
        <Route path="/progress-reports" component={pages.progressReports} />
        <Route path="/programme" component={pages.programme} />
        <Route path="/calls" component={pages.calls} />
        <Route path="/calls/new" component={pages.manageCall} />
        <Route path="/calls/:id" component={pages.call} />
        <Route path="/calls/:id/manage" component={pages.manageCall} />
        <Route path="/teams/:id/award" component={pages.teamAward} />
        <Route path="/applications" component={pages.evaluation} />
        <Route path="/applications/:id" component={pages.application} />
        <Route path="/certifications" component={pages.certifications} />
        <Route path="/privacy" component={pages.privacy} />
        <Route path="*404" component={pages.notFound} />
      </Router>
    </SessionProvider>
  )
}
