// The return address a merchant last sent, kept in this browser to fill the next agree form: the
// engine keeps no shop address book (the address travels on MerchantAgreed), and typing the same
// warehouse address case after case is what a workbench should spare its staff.
const KEY = 'aftersale.returnAddress';

export function lastReturnAddress(): string {
  try {
    return localStorage.getItem(KEY) ?? '';
  } catch {
    return '';
  }
}

export function rememberReturnAddress(address: string | undefined): void {
  const a = address?.trim();
  if (!a) return;
  try {
    localStorage.setItem(KEY, a);
  } catch {
    // Storage may be off (private mode); the form simply starts empty next time.
  }
}
