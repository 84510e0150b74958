// Placeholder: being built.
export default function BuyerOrdersPage() {
  return <div>buyer-orders</div>;
}
