// Response schemas for routes whose handlers are not yet typed as exactly as their answers (a code
// widened to `string`, a value typed possibly undefined): the same schema at run time (the serializer
// checks every answer against it, the OpenAPI document shows it), only the compile-time check of the
// handler's return against it is off. Drop the wrapper once the handler is typed.
import type { z } from 'zod';

export const looselyTyped = (schema: z.ZodType) => schema as z.ZodType<unknown>;
