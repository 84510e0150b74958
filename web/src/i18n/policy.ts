// Strings of the policy pages (keys start with "policy.").
import type { Dict } from './index.tsx';

const dict: Dict = {
  zh: {},
  en: {},
};
export default dict;
