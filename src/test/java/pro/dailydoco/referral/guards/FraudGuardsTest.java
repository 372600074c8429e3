package pro.dailydoco.referral.guards;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;

class FraudGuardsTest {

    private static PersonIdentity identity(String email, Set<String> customers, Set<String> cards) {
        return new PersonIdentity(UUID.randomUUID(), email, customers, cards);
    }

    @Test
    void emailIsTrimmedAndLowerCased() {
        assertEquals("ann@example.com", SamePersonCheck.normaliseEmail("  Ann@Example.COM "));
        assertNull(SamePersonCheck.normaliseEmail("   "));
    }

    @Test
    void gmailIgnoresDotsAndPlusTagsButOtherProvidersKeepThem() {
        assertEquals("janedoe@gmail.com", SamePersonCheck.normaliseEmail("Jane.Doe+promo@googlemail.com"));
        assertEquals("jane.doe+promo@example.com", SamePersonCheck.normaliseEmail("Jane.Doe+promo@example.com"));
    }

    @Test
    void samePersonBySharedEmailStripeCustomerOrCardFingerprint() {
        PersonIdentity payer = identity("jane.doe@gmail.com", Set.of("cus_1"), Set.of("fp_1"));
        assertTrue(SamePersonCheck.isSamePerson(payer, identity("JaneDoe+x@gmail.com", Set.of(), Set.of())));
        assertTrue(SamePersonCheck.isSamePerson(payer, identity("x@example.com", Set.of("cus_2", "cus_1"), Set.of())));
        assertTrue(SamePersonCheck.isSamePerson(payer, identity("x@example.com", Set.of(), Set.of("fp_1"))));
        assertTrue(SamePersonCheck.isSamePerson(payer, new PersonIdentity(payer.userId(), null, null, null)));
        assertFalse(SamePersonCheck.isSamePerson(payer, identity("x@example.com", Set.of("cus_2"), Set.of("fp_2"))));
        assertFalse(SamePersonCheck.isSamePerson(identity(null, Set.of(), Set.of()), identity(null, Set.of(), Set.of())));
    }

    @Test
    void disposableDomainsMatchTheListedDomainAndItsSubdomains() {
        DisposableEmailDomains domains = new DisposableEmailDomains(Set.of("Mailinator.com", " trash-mail.io "));
        assertTrue(domains.isDisposable("x@mailinator.com"));
        assertTrue(domains.isDisposable("x@eu.TRASH-mail.io"));
        assertFalse(domains.isDisposable("x@notmailinator.com"));
        assertFalse(domains.isDisposable("x@example.com"));
        assertFalse(domains.isDisposable(null));
    }
}
