package pro.dailydoco.core.web;

import java.lang.annotation.Annotation;
import java.lang.reflect.Type;

import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.ext.ParamConverter;
import jakarta.ws.rs.ext.ParamConverterProvider;
import jakarta.ws.rs.ext.Provider;

/**
 * Whole-number request parameters ({@code ?page=}, {@code ?members=}, {@code ?months=}, …) that are not whole
 * numbers answer a 400 that says so. Left to the framework, a query parameter it can't convert is a 404 "nothing at
 * this address", which sends people looking for a page that exists. A whole number too large for any page says that
 * it is out of range rather than that it is not a number (docs/decisions/0090-input-rules.md).
 */
@Provider
public class WholeNumberParameters implements ParamConverterProvider {

    /** A parameter that is not a whole number, or one too large to be any page or count; its message is shown. */
    public static class BadNumber extends BadRequestException {
        BadNumber(String message) {
            super(message);
        }

        static BadNumber notAWholeNumber(String value) {
            return new BadNumber("“" + shown(value) + "” is not a whole number: use digits only, like 2.");
        }

        static BadNumber outOfRange(String value) {
            return new BadNumber("“" + shown(value) + "” is out of range: use a whole number between "
                    + String.format(java.util.Locale.ROOT, "%,d and %,d.", Integer.MIN_VALUE, Integer.MAX_VALUE));
        }

        private static String shown(String value) {
            return value.length() > 20 ? value.substring(0, 20) + "…" : value;
        }
    }

    /** Digits with an optional sign: a whole number, whatever its size. */
    private static final java.util.regex.Pattern DIGITS = java.util.regex.Pattern.compile("[+-]?[0-9]+");

    private static final ParamConverter<Integer> INTEGERS = new ParamConverter<>() {
        @Override
        public Integer fromString(String value) {
            if (value == null || value.isBlank()) {
                return null;
            }
            String digits = value.strip();
            try {
                return Integer.valueOf(digits);
            } catch (NumberFormatException e) {
                throw DIGITS.matcher(digits).matches() ? BadNumber.outOfRange(digits) : BadNumber.notAWholeNumber(value);
            }
        }

        @Override
        public String toString(Integer value) {
            return value == null ? null : value.toString();
        }
    };

    @Override
    @SuppressWarnings("unchecked")
    public <T> ParamConverter<T> getConverter(Class<T> rawType, Type genericType, Annotation[] annotations) {
        return rawType == Integer.class ? (ParamConverter<T>) INTEGERS : null;
    }
}
