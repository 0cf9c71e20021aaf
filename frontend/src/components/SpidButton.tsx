import './SpidButton.css'

/**
 * The SPID/CIE sign-in button in the look of AgID's sign-in buttons (blue #06c, the person icon set apart on
 * the left, Titillium Web semibold). A plain link: it works from the keyboard and without JavaScript, and its
 * accessible name is the label itself; the icon is decorative. rel="external": a full navigation to the API,
 * not a route of the client router.
 */
export function SpidButton(props: { label: string; href: string; describedBy?: string }) {
  return (
    <a class="sc-spid-button" href={props.href} rel="external" aria-describedby={props.describedBy}>
      <span class="sc-spid-button-icon" aria-hidden="true">
        <svg viewBox="0 0 24 24" width="26" height="26" aria-hidden="true">
          <circle cx="12" cy="7.5" r="4.5" fill="currentColor" />
          <path d="M3 22c0-5 4-8.5 9-8.5s9 3.5 9 8.5z" fill="currentColor" />
        </svg>
      </span>
      <span class="sc-spid-button-text">{props.label}</span>
    </a>
  )
}
