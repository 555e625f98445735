package vn.qcdc.deploy;

import java.time.Duration;
import java.util.Set;

import vn.qcdc.infra.DevTokens;

/**
 * {@code ./suite.sh token <role> [--unit CODE] [--org ORG_TYPE] [--ttl-minutes N]}: prints a DEV-ONLY token.
 *
 * <p>
 * Only the token goes to stdout, so {@code TOKEN=$(./suite.sh token admin)} works; the warning goes to stderr.
 */
final class TokenCommand {

    private TokenCommand() {
    }

    static int run(String[] args) {
        if (args.length < 2 || args[1].startsWith("-")) {
            return usage("a role is required");
        }
        String role = args[1];
        if (!DevTokens.ROLES.contains(role)) {
            return usage("unknown role '" + role + "'");
        }
        String unit = null;
        String org = null;
        Duration ttl = Duration.ofHours(8);
        for (int i = 2; i < args.length; i++) {
            String option = args[i];
            if (i + 1 >= args.length) {
                return usage(option + " needs a value");
            }
            String value = args[++i];
            switch (option) {
                case "--unit" -> unit = value;
                case "--org" -> org = value;
                case "--ttl-minutes" -> {
                    try {
                        ttl = Duration.ofMinutes(Long.parseLong(value));
                    } catch (NumberFormatException e) {
                        return usage("--ttl-minutes needs a number");
                    }
                }
                default -> {
                    return usage("unknown option " + option);
                }
            }
        }
        String token = DevTokens.token(DevTokens.TokenSpec.of(role, unit, org).withTtl(ttl));
        System.err.println("DEV-ONLY token (signed with the public dev key; valid only for a suite started by "
                + "./suite.sh, never in production). Role " + role + (unit == null ? "" : ", unit " + unit)
                + (org == null ? "" : ", org " + org) + ", valid " + ttl.toMinutes() + " min:");
        System.out.println(token);
        return 0;
    }

    private static int usage(String problem) {
        System.err.println("suite.sh token: " + problem);
        System.err.println("Usage: ./suite.sh token <role> [--unit CODE] [--org ORG_TYPE] [--ttl-minutes N]");
        System.err.println("Roles: " + String.join(", ", Set.copyOf(DevTokens.ROLES).stream().sorted().toList()));
        return 2;
    }
}
