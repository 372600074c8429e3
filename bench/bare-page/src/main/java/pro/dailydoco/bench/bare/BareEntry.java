package pro.dailydoco.bench.bare;

import java.time.Instant;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** One of the 1,000,000 rows bench/bare-page-seed.sql writes: 1,000 owners with 1,000 rows each. */
@Entity
@Table(name = "bare_entry")
public class BareEntry extends PanacheEntityBase {

    @Id
    public long id;

    @Column(name = "owner_id")
    public int ownerId;

    public String label;

    @Column(name = "amount_minor")
    public long amountMinor;

    @Column(name = "created_at")
    public Instant createdAt;
}
