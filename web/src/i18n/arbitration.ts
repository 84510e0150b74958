// Strings of the arbitration pages (keys start with "arbitration.").
import type { Dict } from './index.tsx';

const dict: Dict = {
  zh: {},
  en: {},
};
export default dict;
