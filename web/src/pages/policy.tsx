// Placeholder: being built.
export default function PolicyPage() {
  return <div>policy</div>;
}
