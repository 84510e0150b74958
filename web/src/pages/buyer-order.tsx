// Placeholder: being built.
export default function BuyerOrderPage() {
  return <div>buyer-order</div>;
}
