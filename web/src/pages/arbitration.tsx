// Placeholder: being built.
export default function ArbitrationPage() {
  return <div>arbitration</div>;
}
