package pro.dailydoco.core.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.sql.SQLException;

import org.jboss.resteasy.reactive.common.util.URLUtils;
import org.junit.jupiter.api.Test;

class RequestDecodingTest {

    @Test
    void aBrokenEscapeThrownByTheFrameworksDecoderIsTheClients() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> URLUtils.decode("a%zzb", StandardCharsets.UTF_8, true, new StringBuilder()));
        assertEquals(RequestDecoding.Failure.PERCENT_ESCAPE, RequestDecoding.failureOf(e));
    }

    @Test
    void anyOtherIllegalArgumentIsStillOurs() {
        assertEquals(RequestDecoding.Failure.NONE, RequestDecoding.failureOf(new IllegalArgumentException("ours")));
        assertEquals(RequestDecoding.Failure.NONE,
                RequestDecoding.failureOf(new java.nio.charset.UnsupportedCharsetException("thrown by our code")));
    }

    @Test
    void textThePostgresqlServerCannotStoreIsRecognisedThroughWrappers() {
        Throwable nul = new RuntimeException(new IllegalStateException(new SQLException("invalid byte sequence", "22021")));
        assertTrue(RequestDecoding.isUnstorableText(nul));
        assertTrue(RequestDecoding.isUnstorableText(new SQLException("untranslatable character", "22P05")));
        assertFalse(RequestDecoding.isUnstorableText(new RuntimeException(new SQLException("duplicate key", "23505"))));
        assertFalse(RequestDecoding.isUnstorableText(new RuntimeException("no SQL at all")));
    }
}
