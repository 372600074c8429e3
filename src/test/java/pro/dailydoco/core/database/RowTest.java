package pro.dailydoco.core.database;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Tuple;
import jakarta.transaction.Transactional;

@QuarkusTest
class RowTest {

    @Inject
    EntityManager entityManager;

    @Test
    @Transactional
    void columnsAreReadByTheirNamesWhateverTheirOrder() {
        UUID id = UUID.randomUUID();
        Row row = Row.single(entityManager.createNativeQuery("""
                select cast(?1 as uuid) as id, 'Ada' as display_name, cast(42 as bigint) as amount_minor,
                       cast(null as bigint) as missing, true as active, 7 as level,
                       timestamptz '2026-12-03 14:05:00+00' as paid_at, date '2026-12-03' as paid_on""", Tuple.class)
                .setParameter(1, id.toString()));

        assertEquals(id, row.uuid("id"));
        assertEquals("Ada", row.string("display_name"));
        assertEquals(42L, row.longValue("amount_minor"));
        assertNull(row.nullableLong("missing"));
        assertEquals(0L, row.longValue("missing"));
        assertTrue(row.bool("active"));
        assertEquals(7, row.intValue("level"));
        assertEquals(Instant.parse("2026-12-03T14:05:00Z"), row.instant("paid_at"));
        assertEquals(LocalDate.of(2026, 12, 3), row.date("paid_on"));
    }

    @Test
    @Transactional
    void listAndFirstMapEveryRowAndTheFirstOne() {
        List<Row> rows = Row.list(entityManager.createNativeQuery(
                "select n as position, n * 10 as tens from generate_series(1, 3) n order by n", Tuple.class));
        assertEquals(List.of(10L, 20L, 30L), rows.stream().map(r -> r.longValue("tens")).toList());
        assertEquals(1, Row.first(entityManager.createNativeQuery(
                "select n as position from generate_series(1, 3) n order by n", Tuple.class)).orElseThrow().intValue("position"));
        assertFalse(Row.first(entityManager.createNativeQuery(
                "select 1 as one where false", Tuple.class)).isPresent());
    }
}
