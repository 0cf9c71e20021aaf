export default function P() {
  return <h1>bookings</h1>
}
