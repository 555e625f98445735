package vn.qcdc.api;

import java.util.Collection;
import java.util.UUID;

/**
 * "One of these values" in a Hibernate query, bound as <em>one</em> array parameter: {@code path = any(?)}.
 * <p>
 * {@code path in :values} with a collection makes Hibernate write one {@code ?} per value, and a query with such a
 * parameter is translated from HQL to SQL again at every execution. A province's scope is hundreds of unit codes: under
 * a load of model lists, Hibernate took half of model-registry's CPU, its HQL-to-SQL translation alone 14–19% (JFR).
 * With one array the statement text never changes: Hibernate translates it once, PostgreSQL prepares it once, and a
 * B-tree index on {@code path} still serves {@code = any(…)}.
 * <p>
 * HQL has no {@code = any(array)}, hence its {@code sql()} function; the cast gives the condition the boolean type a
 * predicate needs, and PostgreSQL drops a cast of a boolean to boolean, so its planner sees {@code path = any($1)}.
 */
public final class AnyOf {

    private AnyOf() {
    }

    /** The HQL condition: {@code path} equals one element of the array parameter {@code :param}. */
    public static String condition(String path, String param) {
        return "cast(sql('? = any(?)', " + path + ", :" + param + ") as Boolean)";
    }

    /** The same with a positional parameter ({@code ?n}). */
    public static String condition(String path, int position) {
        return "cast(sql('? = any(?)', " + path + ", ?" + position + ") as Boolean)";
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
