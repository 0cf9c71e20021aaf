export default function P() {
  return <h1>find</h1>
}
