// Placeholder: being built.
export default function WorkbenchPage() {
  return <div>workbench</div>;
}
