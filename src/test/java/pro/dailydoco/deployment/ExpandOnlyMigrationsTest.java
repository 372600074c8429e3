package pro.dailydoco.deployment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import pro.dailydoco.deployment.ExpandOnlyMigrations.Finding;
import pro.dailydoco.deployment.ExpandOnlyMigrations.Migration;

/**
 * Every migration added since the previous release leaves that release's code working while both run on one database
 * (docs/decisions/0220-expand-deploy-contract-migrations.md): expand-only, unless it is a named contract step with its
 * reason. Cheap: reads files and git's listing of the previous release, starts nothing.
 */
class ExpandOnlyMigrationsTest {

    @Test
    void migrationsAddedSinceThePreviousReleaseAreExpandOnlyOrNamedContractSteps() throws Exception {
        String commit = PreviousRelease.commit();
        Set<String> released = PreviousRelease.migrationFiles(commit);
        assertFalse(released.isEmpty(), "git lists no migrations at " + commit);
        List<Migration> added = new ArrayList<>();
        try (Stream<Path> files = Files.list(Path.of(PreviousRelease.MIGRATIONS))) {
            for (Path file : files.sorted().toList()) {
                String name = file.getFileName().toString();
                if (name.endsWith(".sql") && !released.contains(name)) {
                    added.add(new Migration(name, Files.readString(file)));
                }
            }
        }
        assertEquals(List.of(), ExpandOnlyMigrations.findings(added),
                "Not expand-only: split into an expand step now and a contract step (V<n>__contract_<what>.sql with a "
                        + "'-- Contract: <reason>' line) once no running release uses what it removes");
        for (Migration migration : added) {
            if (ExpandOnlyMigrations.isContract(migration)) {
                assertNotNull(ExpandOnlyMigrations.contractReason(migration),
                        migration.fileName() + " is a contract step but gives no '-- Contract: <reason>' line");
            }
        }
    }

    @Test
    void theReleasedMigrationsAreStillThere() throws Exception {
        // A landed migration is never edited or removed; a file of the previous release missing here means one was.
        Set<String> released = PreviousRelease.migrationFiles(PreviousRelease.commit());
        for (String name : released) {
            assertTrue(Files.isRegularFile(Path.of(PreviousRelease.MIGRATIONS, name)), name + " was removed");
        }
    }

    private static List<Finding> check(String... sqlOfNewMigrations) {
        List<Migration> migrations = new ArrayList<>();
        for (int i = 0; i < sqlOfNewMigrations.length; i++) {
            migrations.add(new Migration("V" + (900 + i) + "__example.sql", sqlOfNewMigrations[i]));
        }
        return ExpandOnlyMigrations.findings(migrations);
    }

    private static void assertBreaks(String sql) {
        assertEquals(1, check(sql).size(), "should be refused: " + sql);
    }

    private static void assertExpands(String sql) {
        assertEquals(List.of(), check(sql), "should be allowed: " + sql);
    }

    @Test
    void removingOrRenamingWhatTheOldCodeUsesIsRefused() {
        assertBreaks("alter table commission_entry drop column note;");
        assertBreaks("ALTER TABLE commission_entry DROP note CASCADE;");
        assertBreaks("drop table leaderboard_work;");
        assertBreaks("drop view if exists referral_payer;");
        assertBreaks("drop function app_tenant();");
        assertBreaks("alter table users rename column email to email_address;");
        assertBreaks("alter table users rename to people;");
        assertBreaks("alter view referral_payer rename to referral_payers;");
        assertBreaks("revoke update on stripe_event from ${app_role};");
        assertBreaks("drop index commission_line_open_idx;");
    }

    @Test
    void tighteningAnExistingColumnIsRefused() {
        assertBreaks("alter table users alter column display_name set not null;");
        assertBreaks("alter table users alter column created_at drop default;");
        assertBreaks("alter table invoice alter column amount type numeric(12,2);");
        assertBreaks("alter table invoice alter amount set data type bigint;");
        assertBreaks("alter table users add column locale text not null;");
        assertBreaks("alter table invoice add constraint invoice_amount_positive check (amount > 0);");
        assertBreaks("create unique index users_name_idx on users (display_name);");
    }

    @Test
    void addingThingsIsAllowed() {
        assertExpands("alter table users add column locale text;");
        assertExpands("alter table users add column locale text not null default 'en';");
        assertExpands("alter table users add column if not exists seen_at timestamptz, add column hint text;");
        assertExpands("create index concurrently if not exists users_seen_idx on users (seen_at);");
        assertExpands("create table usage_meter (id bigint primary key, tenant_id uuid not null);\n"
                + "alter table usage_meter add constraint usage_meter_positive check (id > 0);\n"
                + "create unique index usage_meter_tenant on usage_meter (tenant_id);");
        assertExpands("alter table users alter column display_name drop not null;");
        assertExpands("alter table invoice drop constraint invoice_amount_small;");
        assertExpands("grant select on usage_meter to ${app_role};");
        assertExpands("create function forget(before timestamptz) returns int language sql as $$ select 1 $$;\n"
                + "revoke execute on function forget(timestamptz) from public;");
        assertExpands("drop index stripe_event_due_idx;\n"
                + "create index stripe_event_due_idx on stripe_event (next_attempt_at) where status <> 'DONE';");
        assertExpands("update users set locale = 'en' where locale is null;");
    }

    @Test
    void replacingAPolicyOrTriggerIsAllowedButDroppingOneIsNot() {
        assertExpands("drop policy if exists tenant_rows on invoice;\n"
                + "create policy tenant_rows on invoice using (tenant_id = app_tenant());");
        assertExpands("drop trigger invoice_guard on invoice;\n"
                + "create trigger invoice_guard before update on invoice for each row execute function refuse();");
        assertBreaks("drop policy tenant_rows on invoice;");
    }

    @Test
    void commentsStringsAndFunctionBodiesAreNotStatements() {
        assertExpands("-- we no longer drop table users here\n/* alter table users rename to x; */\n"
                + "insert into note (text) values ('drop table users; alter table x rename to y');\n"
                + "create or replace function refuse() returns trigger language plpgsql as $body$\n"
                + "begin execute 'drop table users'; raise exception 'no'; end $body$;\n"
                + "do $$ begin perform 1; end $$;");
    }

    @Test
    void contractStepsAreNamedAndGiveTheirReason() {
        Migration named = new Migration("V913__contract_drop_users_note.sql",
                "-- Contract: users.note unread since the release that moved notes to user_note\n"
                        + "alter table users drop column note;");
        assertTrue(ExpandOnlyMigrations.isContract(named));
        assertEquals(List.of(), ExpandOnlyMigrations.findings(List.of(named)));
        assertNotNull(ExpandOnlyMigrations.contractReason(named));

        Migration unexplained = new Migration("V914__contract_drop_users_hint.sql", "alter table users drop column hint;");
        assertNull(ExpandOnlyMigrations.contractReason(unexplained));
        assertFalse(ExpandOnlyMigrations.isContract(new Migration("V915__drop_users_hint.sql", "")));
    }
}
