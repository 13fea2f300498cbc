import type { Sql } from "postgres";

/**
 * Grows a database seeded with the demo cooperative into a large catalog, in SQL, for the catalog benches: clones of
 * the demo cooperative's approved products (versions, variants with stock, prices, photos, search documents) by
 * producers that each hold about `productsPerMember` of them, then ANALYZE. Works on the schema before migration
 * 0009 too (clones carry their search document; the listing fields and word list, where they exist, follow by
 * trigger when a clone's version goes live), so the same growth measures before and after.
 *
 * - `products`: the demo cooperative grows to this many products.
 * - `cooperatives`: the demo cooperative plus `cooperatives - 1` new ones (its categories, producers and
 *   clones, without photos), each with `productsPerCooperative` products.
 *
 * Each clone's search document gets a made-up word of its own, as real products have brand and place names, so the
 * cooperative's word list grows as a real catalog's does (20,000 products: about 21,000 words) instead of staying the
 * demo's 1,300. Their syllables share letters and trigrams with the catalog's words, as a real list's do (one in 32
 * begins with "ke", so about 600 more of 20,000 products match the bench's search "ke").
 */
export interface GrowOptions {
  products?: number;
  cooperatives?: number;
  productsPerCooperative?: number;
  productsPerMember?: number;
  log?: (line: string) => void;
}

const BATCH = 2_000;

const SYLLABLES = ["ba", "bu", "da", "du", "ga", "gu", "ka", "ke", "ki", "ko", "ku", "la", "lu", "ma", "mi", "mu", "na", "ni", "pa", "pi", "ra", "ri", "ru", "sa", "se", "si", "ta", "te", "ti", "tu", "wa", "ya"];

/** The made-up word of clone `n` (an integer column), as SQL: three syllables, a different word for each n below 32,768. */
function madeUpWord(n: string): string {
  const syllables = `array[${SYLLABLES.map((syllable) => `'${syllable}'`).join(", ")}]`;
  return [1, 32, 1024].map((place) => `(${syllables})[1 + (${n} / ${place}) % 32]`).join(" || ");
}

export async function growCatalog(sql: Sql, options: GrowOptions): Promise<void> {
  const log = options.log ?? (() => {});
  const perMember = options.productsPerMember ?? 25;
  const [demo] = await sql<{ id: string }[]>`select id from cooperatives order by created_at, id limit 1`;
  if (!demo) throw new Error("No cooperative to grow: seed the demo first");
  const cooperatives = options.cooperatives ?? 1;
  const size = cooperatives > 1 ? (options.productsPerCooperative ?? 1_000) : (options.products ?? 0);
  if (size > 0) await growCooperative(sql, demo.id, demo.id, size, perMember, log);
  for (let index = 1; index < cooperatives; index++) {
    const target = await cloneCooperative(sql, demo.id, index);
    await growCooperative(sql, demo.id, target, size, perMember, log);
    if (index % 10 === 0) log(`  ${index + 1} of ${cooperatives} cooperatives`);
  }
  // What autovacuum does to a table at rest after a bulk load: statistics, and the visibility map that lets counts
  // read an index alone.
  log("  VACUUM ANALYZE");
  await sql`vacuum analyze`;
}

/** A new cooperative like the demo (settings and categories), with no producers or products yet. */
async function cloneCooperative(sql: Sql, source: string, index: number): Promise<string> {
  const [row] = await sql<{ id: string }[]>`
    insert into cooperatives
    select (jsonb_populate_record(null::cooperatives, to_jsonb(c) || jsonb_build_object(
      'id', gen_random_uuid(), 'slug', c.slug || '-grow-' || ${index}, 'name', c.name || ' ' || ${index},
      'order_prefix', 'G' || chr(65 + ${index}::int / 26) || chr(65 + ${index}::int % 26), 'hero_asset_id', null))).*
    from cooperatives c where c.id = ${source}
    returning id`;
  const target = row!.id;
  await sql`
    insert into categories
    select (jsonb_populate_record(null::categories, to_jsonb(c) || jsonb_build_object('id', gen_random_uuid(), 'cooperative_id', ${target}::uuid))).*
    from categories c where c.cooperative_id = ${source}`;
  return target;
}

/**
 * Adds clones of `source`'s approved products to `target` until it holds `size` products, made by new producers
 * (copies of the source's, `perMember` products each). Photos are shared within the demo cooperative only. The
 * working tables are temporary, on one reserved connection.
 */
async function growCooperative(pool: Sql, source: string, target: string, size: number, perMember: number, log: (line: string) => void) {
  const [{ count } = { count: 0 }] = await pool<{ count: number }[]>`select count(*)::int as count from products where cooperative_id = ${target}`;
  const wanted = size - count;
  if (wanted <= 0) return;
  const sameCooperative = source === target;
  const sql = await pool.reserve();
  try {
    await sql`drop table if exists grow_members, grow_sources, grow_categories`;
    await sql`
      create temp table grow_members as
      select g as n, gen_random_uuid() as id, s.id as source_id
      from generate_series(1, ${Math.ceil(wanted / perMember)}::int) g
      join (select id, row_number() over (order by id) as k, count(*) over () as total from members where cooperative_id = ${source}) s
        on s.k = (g - 1) % s.total + 1`;
    await sql`
      insert into members
      select (jsonb_populate_record(null::members, to_jsonb(m) || jsonb_build_object(
        'id', gm.id, 'cooperative_id', ${target}::uuid, 'slug', m.slug || '-g' || gm.n || '-' || substr(gm.id::text, 1, 6),
        'member_number', 'G-' || gm.n || '-' || substr(gm.id::text, 1, 6), 'business_name', m.business_name || ' ' || gm.n,
        'photo_asset_id', case when ${sameCooperative} then m.photo_asset_id end, 'status', 'active'))).*
      from grow_members gm join members m on m.id = gm.source_id`;
    await sql`
      create temp table grow_sources as
      select row_number() over (order by p.id) as k, count(*) over () as total, p.live_version_id, p.slug,
        p.search_document, p.published_at
      from products p join members m on m.cooperative_id = p.cooperative_id and m.id = p.member_id
      where p.cooperative_id = ${source} and p.live_version_id is not null and p.archived_at is null and m.status = 'active'`;
    await sql`
      create temp table grow_categories as
      select s.id as source_id, t.id as target_id from categories s join categories t on t.cooperative_id = ${target} and t.slug = s.slug
      where s.cooperative_id = ${source}`;
    for (let done = 0; done < wanted; done += BATCH) {
      const batch = Math.min(BATCH, wanted - done);
      await sql`begin`;
      await sql`
        create temp table grow_clones on commit drop as
        select g as n, gen_random_uuid() as product_id, gen_random_uuid() as version_id, s.live_version_id as source_version,
          s.slug, s.search_document, s.published_at, gm.id as member_id
        from generate_series(${done + 1}::int, ${done + batch}::int) g
        join grow_sources s on s.k = (g - 1) % s.total + 1
        join grow_members gm on gm.n = (g - 1) / ${perMember} + 1`;
      await sql`
        insert into products (id, cooperative_id, member_id, slug, published_at, units_sold, search_document)
        select c.product_id, ${target}, c.member_id, c.slug || '-g' || c.n || '-' || substr(c.product_id::text, 1, 4),
          c.published_at - make_interval(mins => c.n), (c.n * 7919) % 500,
          c.search_document || setweight(to_tsvector('simple', ${sql.unsafe(madeUpWord("c.n"))}), 'B')
        from grow_clones c`;
      await sql`
        insert into product_versions
        select (jsonb_populate_record(null::product_versions, to_jsonb(v) || jsonb_build_object(
          'id', c.version_id, 'cooperative_id', ${target}::uuid, 'product_id', c.product_id, 'category_id', gc.target_id))).*
        from grow_clones c join product_versions v on v.id = c.source_version join grow_categories gc on gc.source_id = v.category_id`;
      await sql`
        create temp table grow_variants on commit drop as
        select c.n, c.product_id, c.version_id, vv.variant_id as source_variant, gen_random_uuid() as variant_id
        from grow_clones c join product_version_variants vv on vv.version_id = c.source_version`;
      await sql`
        insert into product_variants (id, cooperative_id, product_id, sku, stock)
        select gv.variant_id, ${target}, gv.product_id, pv.sku || '-g' || gv.n || '-' || substr(gv.variant_id::text, 1, 6), pv.stock
        from grow_variants gv join product_variants pv on pv.id = gv.source_variant`;
      await sql`
        insert into product_version_variants
        select (jsonb_populate_record(null::product_version_variants, to_jsonb(vv) || jsonb_build_object(
          'cooperative_id', ${target}::uuid, 'version_id', gv.version_id, 'variant_id', gv.variant_id))).*
        from grow_variants gv
        join grow_clones c on c.n = gv.n
        join product_version_variants vv on vv.version_id = c.source_version and vv.variant_id = gv.source_variant`;
      if (sameCooperative) {
        await sql`
          insert into product_version_images
          select (jsonb_populate_record(null::product_version_images, to_jsonb(i) || jsonb_build_object('version_id', c.version_id))).*
          from grow_clones c join product_version_images i on i.version_id = c.source_version`;
      }
      await sql`update products p set live_version_id = c.version_id from grow_clones c where p.cooperative_id = ${target} and p.id = c.product_id`;
      await sql`commit`;
      if (sameCooperative) log(`  ${count + done + batch} products`);
    }
    await sql`drop table grow_members, grow_sources, grow_categories`;
  } catch (error) {
    await sql`rollback`.catch(() => {});
    throw error;
  } finally {
    sql.release();
  }
}
