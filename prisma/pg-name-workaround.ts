// Workaround for prisma/orm#27403 (Prisma 6.19, engine "js" + @prisma/adapter-pg): the WASM schema
// engine reads pg_catalog columns of types such as `name` (OID 19) that adapter-pg cannot map
// ("Column type 'name' could not be deserialized"). Relabel them as TEXT. CLI only (prisma/pg.config.ts);
// the app's runtime never imports this file.
import pg from 'pg';

const AS_TEXT = new Set([18, 19, 22, 24, 28, 194, 2205]); // "char", name, int2vector, regproc, xid, pg_node_tree, regclass
const AS_TEXT_ARRAY = new Set([1002, 1003]); // "char"[], name[]

type Field = { dataTypeID: number };
const relabel = (result: unknown) => {
  for (const r of (Array.isArray(result) ? result : [result]) as { fields?: Field[] }[]) {
    for (const field of r?.fields ?? []) {
      if (AS_TEXT.has(field.dataTypeID)) field.dataTypeID = 25;
      else if (AS_TEXT_ARRAY.has(field.dataTypeID)) field.dataTypeID = 1009;
    }
  }
  return result;
};

const original = pg.Client.prototype.query as unknown as ((...args: unknown[]) => unknown) & { patched?: boolean };
if (!original.patched) {
  const patched = function (this: unknown, ...args: unknown[]) {
    // The shadow-database cleanup drops the database while its own pool is still connected.
    if (typeof args[0] === 'string' && /^DROP DATABASE "prisma_migrate_shadow_db_[^"]+"$/.test(args[0].trim())) {
      args[0] = `${args[0].trim()} WITH (FORCE)`;
    }
    const last = args.length - 1;
    if (typeof args[last] === 'function') {
      const callback = args[last] as (err: unknown, res: unknown) => void;
      args[last] = (err: unknown, res: unknown) => callback(err, err ? res : relabel(res));
    }
    const out = original.apply(this, args) as { then?: unknown } | undefined;
    return out && typeof out.then === 'function' ? (out as Promise<unknown>).then(relabel) : out;
  };
  (patched as typeof original).patched = true;
  (pg.Client.prototype as unknown as { query: unknown }).query = patched;
}

// The shadow pool has no 'error' listener; the forced DROP ends its idle client.
const OriginalPool = pg.Pool as unknown as (new (...args: unknown[]) => pg.Pool) & { patched?: boolean };
if (!OriginalPool.patched) {
  class QuietPool extends OriginalPool {
    static override patched = true;
    constructor(...args: unknown[]) {
      super(...args);
      this.on('error', () => {});
    }
  }
  (pg as unknown as { Pool: unknown }).Pool = QuietPool;
}
