import spec from "@/docs/openapi.json";

/** The API's contract (docs/openapi.json), public: it holds no data. */
export function GET(): Response {
  return Response.json(spec, { headers: { "Cache-Control": "public, max-age=300" } });
}
