import { type Kysely, sql } from 'kysely'

// Frozen in time: migrations take Kysely<any> and never import application code.

/**
 * The open hours of whole local months, memoised per lab (issue 18: computing them from opening hours and closures
 * was ≈ half of the year report by lab's execution). The utilisation report fills the memo for the (lab, month) pairs
 * it needs and lacks, and reads it otherwise. It is never kept up incrementally: statement-level triggers on what
 * the computation reads delete the rows of the labs affected —
 * - opening_hours (inserted, updated, deleted): the labs of the hubs named, old or new;
 * - closures: a lab's own → that lab; a hub's → its labs; a global one (no hub, no lab) → every row;
 * - hubs: a new time zone → its labs;
 * - labs: a new hub → that lab (a lab deleted takes its rows with it: the foreign key).
 * An invalidating transaction takes the advisory lock 589000001 exclusively before deleting; a report fills the
 * memo under the same lock shared, in a statement before the one that computes. So a fill never commits figures
 * computed before an edit that it did not wait for: either the edit's transaction committed before the fill's
 * statement took its snapshot, or the edit's delete runs after the fill committed (and removes its rows).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table open_hours_memo (
      lab_id uuid not null references labs(id) on delete cascade,
      month date not null check (extract(day from month) = 1),
      seconds numeric not null,
      primary key (lab_id, month)
    );

    create function open_hours_memo_forget(hub_ids uuid[], lab_ids uuid[], everything boolean) returns void
    language plpgsql as $fn$
    begin
      if not everything and coalesce(cardinality(hub_ids), 0) = 0 and coalesce(cardinality(lab_ids), 0) = 0 then
        return;
      end if;
      perform pg_advisory_xact_lock(589000001);
      if everything then
        delete from open_hours_memo;
      else
        delete from open_hours_memo m
        where m.lab_id = any (coalesce(lab_ids, '{}'))
           or m.lab_id in (select l.id from labs l where l.hub_id = any (coalesce(hub_ids, '{}')));
      end if;
    end $fn$;

    create function open_hours_memo_on_opening_hours() returns trigger language plpgsql as $fn$
    begin
      if tg_op = 'INSERT' then
        perform open_hours_memo_forget(array(select distinct hub_id from new_rows), null, false);
      elsif tg_op = 'DELETE' then
        perform open_hours_memo_forget(array(select distinct hub_id from old_rows), null, false);
      else
        perform open_hours_memo_forget(
          array(select hub_id from old_rows union select hub_id from new_rows), null, false);
      end if;
      return null;
    end $fn$;

    create function open_hours_memo_on_closures() returns trigger language plpgsql as $fn$
    begin
      if tg_op = 'INSERT' then
        perform open_hours_memo_forget(
          array(select distinct hub_id from new_rows where lab_id is null and hub_id is not null),
          array(select distinct lab_id from new_rows where lab_id is not null),
          exists (select 1 from new_rows where hub_id is null and lab_id is null));
      elsif tg_op = 'DELETE' then
        perform open_hours_memo_forget(
          array(select distinct hub_id from old_rows where lab_id is null and hub_id is not null),
          array(select distinct lab_id from old_rows where lab_id is not null),
          exists (select 1 from old_rows where hub_id is null and lab_id is null));
      else
        perform open_hours_memo_forget(
          array(select hub_id from (select hub_id, lab_id from old_rows union all select hub_id, lab_id from new_rows) r
                where lab_id is null and hub_id is not null),
          array(select lab_id from old_rows where lab_id is not null union select lab_id from new_rows where lab_id is not null),
          exists (select 1 from (select hub_id, lab_id from old_rows union all select hub_id, lab_id from new_rows) r
                  where hub_id is null and lab_id is null));
      end if;
      return null;
    end $fn$;

    create function open_hours_memo_on_hubs() returns trigger language plpgsql as $fn$
    begin
      perform open_hours_memo_forget(
        array(select n.id from new_rows n join old_rows o on o.id = n.id where o.timezone is distinct from n.timezone),
        null, false);
      return null;
    end $fn$;

    create function open_hours_memo_on_labs() returns trigger language plpgsql as $fn$
    begin
      perform open_hours_memo_forget(null,
        array(select n.id from new_rows n join old_rows o on o.id = n.id where o.hub_id is distinct from n.hub_id),
        false);
      return null;
    end $fn$;

    create trigger open_hours_memo_opening_hours_insert after insert on opening_hours
      referencing new table as new_rows for each statement execute function open_hours_memo_on_opening_hours();
    create trigger open_hours_memo_opening_hours_update after update on opening_hours
      referencing old table as old_rows new table as new_rows for each statement execute function open_hours_memo_on_opening_hours();
    create trigger open_hours_memo_opening_hours_delete after delete on opening_hours
      referencing old table as old_rows for each statement execute function open_hours_memo_on_opening_hours();
    create trigger open_hours_memo_closures_insert after insert on closures
      referencing new table as new_rows for each statement execute function open_hours_memo_on_closures();
    create trigger open_hours_memo_closures_update after update on closures
      referencing old table as old_rows new table as new_rows for each statement execute function open_hours_memo_on_closures();
    create trigger open_hours_memo_closures_delete after delete on closures
      referencing old table as old_rows for each statement execute function open_hours_memo_on_closures();
    create trigger open_hours_memo_hubs_update after update on hubs
      referencing old table as old_rows new table as new_rows for each statement execute function open_hours_memo_on_hubs();
    create trigger open_hours_memo_labs_update after update on labs
      referencing old table as old_rows new table as new_rows for each statement execute function open_hours_memo_on_labs();
  `.execute(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`
    drop trigger open_hours_memo_opening_hours_insert on opening_hours;
    drop trigger open_hours_memo_opening_hours_update on opening_hours;
    drop trigger open_hours_memo_opening_hours_delete on opening_hours;
    drop trigger open_hours_memo_closures_insert on closures;
    drop trigger open_hours_memo_closures_update on closures;
    drop trigger open_hours_memo_closures_delete on closures;
    drop trigger open_hours_memo_hubs_update on hubs;
    drop trigger open_hours_memo_labs_update on labs;
    drop function open_hours_memo_on_opening_hours();
    drop function open_hours_memo_on_closures();
    drop function open_hours_memo_on_hubs();
    drop function open_hours_memo_on_labs();
    drop function open_hours_memo_forget(uuid[], uuid[], boolean);
    drop table open_hours_memo;
  `.execute(db)
}
