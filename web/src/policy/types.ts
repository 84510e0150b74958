// Shapes of the policy answers (src/http/server.ts and console-routes.ts): values come as text.
export interface PackSummary {
  id: string;
  name: { zh: string; en: string };
  versions: { version: string; effective_from: string }[];
}

export interface PackDetail {
  id: string;
  name: { zh: string; en: string };
  /** The version in force now. */
  version: string;
  parameters: { name: string; value: string; source: string | null }[];
}

export interface ShopRow {
  id: string;
  category: string;
  pack: string;
  overrides: Record<string, unknown>;
}

export interface ShopPolicy {
  shop: string;
  pack: string;
  pack_name: { zh: string; en: string };
  category: string;
  version: string;
  /** As stored: the JSON values the shop set. */
  overrides: Record<string, unknown>;
  parameters: { name: string; pack_value: string; value: string; overridden: boolean; source: string | null }[];
}
