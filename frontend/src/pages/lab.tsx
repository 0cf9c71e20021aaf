export default function P() {
  return <h1>lab</h1>
}
