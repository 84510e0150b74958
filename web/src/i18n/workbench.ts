// Strings of the workbench pages (keys start with "workbench.").
import type { Dict } from './index.tsx';

const dict: Dict = {
  zh: {},
  en: {},
};
export default dict;
