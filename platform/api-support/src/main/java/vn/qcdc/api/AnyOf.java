package vn.qcdc.api;

import java.util.Collection;
import java.util.UUID;

/**
 * "One of these values" in a Hibernate query, bound as <em>one</em> array parameter: {@code path = any(?)}.
 * <p>
 * {@code path in :values} with a collection makes Hibernate write one {@code ?} per value. A province's scope is
 * hundreds of unit codes, so each list statement carried about 500 parameters for Hibernate to build, write and bind
 * and for PostgreSQL to parse, and its text changed with the size of the scope. Under a load of model lists, Hibernate
 * took half of model-registry's CPU, 19% in turning HQL into SQL (JFR); with one array, 44% and 14%, and 1.47 times
 * the requests per second ({@code bench/model-registry/results-list-e555691.md}). A B-tree index on {@code path}
 * still serves {@code = any(…)}.
 * <p>
 * HQL has no {@code = any(array)}, hence the function {@code any_of} ({@link AnyOfFunction}). It replaces
 * {@code cast(sql('? = any(?)', path, :values) as Boolean)}, which wrote the same SQL but whose parameter, an argument
 * of HQL's {@code sql()}, made Hibernate translate the query again at every execution: 15% of model-registry's CPU
 * samples under a load of model lists, gone with the function ({@code bench/model-registry/results-plan-1f2907b.md}).
 */
public final class AnyOf {

    private AnyOf() {
    }

    /** The HQL condition: {@code path} equals one element of the array parameter {@code :param}. */
    public static String condition(String path, String param) {
        return AnyOfFunction.NAME + "(" + path + ", :" + param + ")";
    }

    /** The same with a positional parameter ({@code ?n}). */
    public static String condition(String path, int position) {
        return AnyOfFunction.NAME + "(" + path + ", ?" + position + ")";
    }

    /**
     * The value to bind to the parameter of {@link #condition}: an array, typed {@code Object} so that a varargs call
     * such as Panache's {@code find(query, Object... params)} binds it as one parameter, not one per element.
     */
    public static Object texts(Collection<String> values) {
        return values.toArray(String[]::new);
    }

    /** The same for ids. */
    public static Object ids(Collection<UUID> values) {
        return values.toArray(UUID[]::new);
    }
}
