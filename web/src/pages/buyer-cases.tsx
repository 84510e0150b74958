// Placeholder: being built.
export default function BuyerCasesPage() {
  return <div>buyer-cases</div>;
}
