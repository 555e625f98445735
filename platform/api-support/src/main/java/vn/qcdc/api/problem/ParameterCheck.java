package vn.qcdc.api.problem;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import java.util.function.BiFunction;

import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.UriInfo;

/**
 * Finds which path or query parameter of a matched request the REST layer could not convert, so that the 400 names
 * it (the REST layer itself only answers 404, without saying which).
 */
final class ParameterCheck {

    private ParameterCheck() {
    }

    /** The first parameter of {@code method} whose value in the request does not convert to its type, or null. */
    static Problem.FieldError firstUnconvertible(Method method, UriInfo uri,
            BiFunction<String, Class<?>, String> message) {
        if (method == null) {
            return null;
        }
        Annotation[][] annotations = method.getParameterAnnotations();
        Class<?>[] types = method.getParameterTypes();
        for (int i = 0; i < types.length; i++) {
            for (Annotation a : annotations[i]) {
                String name = null;
                List<String> values = null;
                if (a instanceof PathParam p) {
                    name = p.value();
                    values = uri.getPathParameters().get(name);
                } else if (a instanceof QueryParam q) {
                    name = q.value();
                    values = uri.getQueryParameters().get(name);
                }
                if (values == null) {
                    continue;
                }
                for (String value : values) {
                    if (!converts(value, types[i])) {
                        return new Problem.FieldError(name, message.apply(name, types[i]));
                    }
                }
            }
        }
        return null;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static boolean converts(String value, Class<?> type) {
        try {
            if (type == UUID.class) {
                UUID.fromString(value);
            } else if (type == LocalDate.class) {
                LocalDate.parse(value);
            } else if (type == int.class || type == Integer.class) {
                Integer.parseInt(value);
            } else if (type == long.class || type == Long.class) {
                Long.parseLong(value);
            } else if (type == boolean.class || type == Boolean.class) {
                return "true".equalsIgnoreCase(value) || "false".equalsIgnoreCase(value);
            } else if (type.isEnum()) {
                Enum.valueOf((Class<? extends Enum>) type, value);
            }
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }
}
