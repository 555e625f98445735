package vn.qcdc.api.access;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

import vn.qcdc.api.outbox.OutboxAdminResource;
import vn.qcdc.api.security.Roles;
import vn.qcdc.api.time.ClockResource;
import vn.qcdc.api.units.UnitResource;

/**
 * The decision table of a service as a Markdown table (one row per operation, one column per role), for its README.
 * A test of each service compares the README with {@link #markdown}, so the README says what the code does.
 */
public final class AccessTable {

    /** Role columns, in the order the README shows them. */
    public static final List<String> ROLES = List.of(Roles.ADMIN, Roles.STEERING, Roles.UNIT_OFFICER,
            Roles.ORG_OFFICER, Roles.VIEWER, Roles.INTEGRATION);

    public static final String START = "<!-- access-table:start (generated from the decision table) -->";
    public static final String END = "<!-- access-table:end -->";

    private AccessTable() {
    }

    /** A service's own operations followed by the {@link PlatformOperations} every service has. */
    public static List<Operation> withPlatform(Operation... service) {
        List<Operation> all = new ArrayList<>(List.of(service));
        all.addAll(List.of(PlatformOperations.values()));
        return all;
    }

    /** A service's resource classes followed by those of {@link PlatformOperations}. */
    public static Class<?>[] withPlatformResources(Class<?>... service) {
        List<Class<?>> all = new ArrayList<>(List.of(service));
        all.addAll(List.of(UnitResource.class, OutboxAdminResource.class, ClockResource.class));
        return all.toArray(Class<?>[]::new);
    }

    public static String markdown(List<? extends Operation> operations) {
        StringBuilder out = new StringBuilder();
        out.append("| Operation | ").append(String.join(" | ", ROLES)).append(" |\n");
        out.append("|---|").append("---|".repeat(ROLES.size())).append('\n');
        for (Operation op : operations) {
            out.append("| ").append(label(op));
            for (String role : ROLES) {
                out.append(" | ").append(cell(op, role));
            }
            out.append(" |\n");
        }
        return out.toString();
    }

    /** The part of {@code readme} between {@link #START} and {@link #END}, or empty if the markers are missing. */
    public static Optional<String> section(String readme) {
        int from = readme.indexOf(START);
        int to = readme.indexOf(END);
        if (from < 0 || to < from) {
            return Optional.empty();
        }
        return Optional.of(readme.substring(from + START.length(), to).strip() + "\n");
    }

    static String label(Operation op) {
        return op.method() == null
                ? "field: " + op.path()
                : "`" + op.method() + " " + op.path() + "`";
    }

    static String cell(Operation op, String role) {
        String cell = op.grants().stream().filter(g -> g.role().equals(role))
                .map(g -> g.relation().label() + (g.enabledBy() == null ? "" : " if `" + g.enabledBy() + "`"))
                .collect(Collectors.joining("; "));
        return cell.isEmpty() ? "–" : cell;
    }
}
