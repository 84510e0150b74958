// Placeholder: being built.
export default function CasePagePage() {
  return <div>case-page</div>;
}
