// Strings of the buyer pages (keys start with "buyer.").
import type { Dict } from './index.tsx';

const dict: Dict = {
  zh: {},
  en: {},
};
export default dict;
