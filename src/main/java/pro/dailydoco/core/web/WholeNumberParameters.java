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
 * this address", which sends people looking for a page that exists.
 */
@Provider
public class WholeNumberParameters implements ParamConverterProvider {

    /** A parameter that is not a whole number; its message is shown as it is. */
    public static class NotAWholeNumber extends BadRequestException {
        NotAWholeNumber(String value) {
            super("“" + value + "” is not a whole number: use digits only, like 2.");
        }
    }

    private static final ParamConverter<Integer> INTEGERS = new ParamConverter<>() {
        @Override
        public Integer fromString(String value) {
            if (value == null || value.isBlank()) {
                return null;
            }
            try {
                return Integer.valueOf(value.strip());
            } catch (NumberFormatException e) {
                throw new NotAWholeNumber(value.length() > 20 ? value.substring(0, 20) + "…" : value);
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
