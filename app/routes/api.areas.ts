import type { LoaderFunctionArgs } from "@remix-run/node";
import { listDistricts, listProvinces, listRegencies, listVillages } from "~/lib/indonesia/areas.server";

const codePattern = /^[0-9.]{1,20}$/;

/** Options for the address selects: `?level=regency&parent=35`. Public reference data, cached by browsers and CDNs. */
export async function loader({ request }: LoaderFunctionArgs) {
  const params = new URL(request.url).searchParams;
  const level = params.get("level");
  const parent = params.get("parent") ?? "";
  if (level !== "province" && !codePattern.test(parent)) return Response.json({ options: [] }, { status: 400 });
  const options =
    level === "province"
      ? await listProvinces()
      : level === "regency"
        ? await listRegencies(parent)
        : level === "district"
          ? await listDistricts(parent)
          : level === "village"
            ? await listVillages(parent)
            : null;
  if (!options) return Response.json({ options: [] }, { status: 400 });
  return Response.json({ options }, { headers: { "Cache-Control": "public, max-age=86400" } });
}
