import { z } from "zod";

const id = z.string().min(1).max(64);

/**
 * Set by hand which report reviews `reportId`'s plan (`reviewId`), clear it (`reviewId` null), or
 * hand it back to the automatic rule (`automatic` true; `reviewId` is then ignored).
 */
export const setPairingSchema = z.object({
  reportId: id,
  reviewId: id.nullable(),
  automatic: z.boolean().optional(),
});
export type SetPairingInput = z.infer<typeof setPairingSchema>;
