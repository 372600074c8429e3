package pro.dailydoco.core;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * An exact amount: integer minor units (cents) plus an ISO currency code. Never a double. Operations refuse to
 * mix currencies. Rounding happens in one place, {@link #percentOfBasisPoints}, and always rounds toward zero
 * (floor for positive amounts): the remainder stays with the platform.
 */
public record Money(long minor, String currency) implements Comparable<Money> {

    public static final String USD = "USD";

    public Money {
        Objects.requireNonNull(currency, "currency");
        if (!currency.matches("[A-Z]{3}")) {
            throw new IllegalArgumentException("Currency must be an ISO 4217 code like USD, got " + currency);
        }
    }

    public static Money usd(long cents) {
        return new Money(cents, USD);
    }

    public static Money zero(String currency) {
        return new Money(0, currency);
    }

    public Money plus(Money other) {
        requireSameCurrency(other);
        return new Money(Math.addExact(minor, other.minor), currency);
    }

    public Money minus(Money other) {
        requireSameCurrency(other);
        return new Money(Math.subtractExact(minor, other.minor), currency);
    }

    /** {@code floor(minor × basisPoints / 10 000)} for non-negative amounts, without overflow. */
    public Money percentOfBasisPoints(int basisPoints) {
        if (basisPoints < 0 || basisPoints > 10_000) {
            throw new IllegalArgumentException("Basis points must be between 0 and 10000, got " + basisPoints);
        }
        long value = Math.multiplyExact(minor, (long) basisPoints) / 10_000;
        return new Money(value, currency);
    }

    public boolean isNegative() {
        return minor < 0;
    }

    public boolean isZero() {
        return minor == 0;
    }

    /** The amount in major units, for display only. */
    public BigDecimal toMajor() {
        return BigDecimal.valueOf(minor, 2);
    }

    @Override
    public int compareTo(Money other) {
        requireSameCurrency(other);
        return Long.compare(minor, other.minor);
    }

    private void requireSameCurrency(Money other) {
        if (!currency.equals(other.currency)) {
            throw new IllegalArgumentException("Cannot mix " + currency + " and " + other.currency);
        }
    }
}
