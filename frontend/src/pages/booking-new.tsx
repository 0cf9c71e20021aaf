export default function P() {
  return <h1>booking-new</h1>
}
