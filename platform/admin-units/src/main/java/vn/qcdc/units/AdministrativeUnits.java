package vn.qcdc.units;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * The reference set of administrative units, immutable once loaded. Answers the two questions every service asks:
 * "is unit A within unit B" (authorisation: a steering committee acts only within its own unit) and "which unit codes
 * does a query for unit B cover" (lists and statistics: every unit below B, at any time, and every unit B replaced in
 * a merger, with theirs).
 */
public final class AdministrativeUnits {

    private static final String BUILT_IN = "/vn/qcdc/units/units.json";

    private final Map<String, AdministrativeUnit> byCode;
    private final Map<String, List<String>> childrenOf = new LinkedHashMap<>();
    private final Map<String, List<String>> predecessorsOf = new LinkedHashMap<>();

    private AdministrativeUnits(Collection<AdministrativeUnit> units) {
        Map<String, AdministrativeUnit> map = new LinkedHashMap<>();
        for (AdministrativeUnit u : units) {
            if (map.put(u.code(), u) != null) {
                throw new IllegalArgumentException("Duplicate administrative unit code " + u.code());
            }
        }
        for (AdministrativeUnit u : map.values()) {
            if (u.parentCode() != null) {
                require(map, u.parentCode(), u);
                childrenOf.computeIfAbsent(u.parentCode(), k -> new ArrayList<>()).add(u.code());
            }
            if (u.successorCode() != null) {
                require(map, u.successorCode(), u);
                if (u.validTo() == null) {
                    throw new IllegalArgumentException("Unit " + u.code() + " has a successor but no end of validity");
                }
                predecessorsOf.computeIfAbsent(u.successorCode(), k -> new ArrayList<>()).add(u.code());
            }
        }
        this.byCode = Map.copyOf(map);
    }

    private static void require(Map<String, AdministrativeUnit> map, String code, AdministrativeUnit from) {
        if (!map.containsKey(code)) {
            throw new IllegalArgumentException("Unit " + from.code() + " refers to unknown unit " + code);
        }
    }

    /** The built-in reference data shipped with the suite. */
    public static AdministrativeUnits builtIn() {
        try (InputStream in = AdministrativeUnits.class.getResourceAsStream(BUILT_IN)) {
            return new AdministrativeUnits(read(in));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The built-in data plus a province's own file (same JSON shape), e.g. the official list of its communes. */
    public static AdministrativeUnits builtInPlus(Optional<Path> extraFile) {
        if (extraFile.isEmpty()) {
            return builtIn();
        }
        List<AdministrativeUnit> all = new ArrayList<>(builtIn().all());
        try (InputStream in = Files.newInputStream(extraFile.get())) {
            Set<String> extraCodes = new LinkedHashSet<>();
            List<AdministrativeUnit> extra = read(in);
            extra.forEach(u -> extraCodes.add(u.code()));
            all.removeIf(u -> extraCodes.contains(u.code()));
            all.addAll(extra);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read administrative units from " + extraFile.get(), e);
        }
        return new AdministrativeUnits(all);
    }

    public static AdministrativeUnits of(Collection<AdministrativeUnit> units) {
        return new AdministrativeUnits(units);
    }

    private static List<AdministrativeUnit> read(InputStream in) throws IOException {
        ObjectMapper mapper = new ObjectMapper().registerModule(new JavaTimeModule());
        UnitsFile file = mapper.readValue(in, UnitsFile.class);
        List<AdministrativeUnit> out = new ArrayList<>();
        for (UnitRow r : file.units) {
            out.add(new AdministrativeUnit(r.code, r.name, AdministrativeUnit.Level.valueOf(r.level), r.parent,
                    r.validFrom, r.validTo, r.successor));
        }
        return out;
    }

    public Optional<AdministrativeUnit> find(String code) {
        return code == null ? Optional.empty() : Optional.ofNullable(byCode.get(code));
    }

    public boolean exists(String code) {
        return code != null && byCode.containsKey(code);
    }

    public Collection<AdministrativeUnit> all() {
        return byCode.values().stream().sorted(Comparator.comparing(AdministrativeUnit::code)).toList();
    }

    public List<AdministrativeUnit> children(String code) {
        return childrenOf.getOrDefault(code, List.of()).stream().map(byCode::get).toList();
    }

    /**
     * Every code a query for {@code code} covers: the unit, every unit below it (at any time), and every unit it
     * replaced in a merger, with all of theirs. A statistic for today's Thái Nguyên thus counts records of Bắc Kạn's
     * wards from 2020.
     */
    public Set<String> coverage(String code) {
        Set<String> seen = new LinkedHashSet<>();
        if (!exists(code)) {
            return seen;
        }
        Deque<String> todo = new ArrayDeque<>();
        todo.add(code);
        while (!todo.isEmpty()) {
            String c = todo.poll();
            if (seen.add(c)) {
                todo.addAll(childrenOf.getOrDefault(c, List.of()));
                todo.addAll(predecessorsOf.getOrDefault(c, List.of()));
            }
        }
        return seen;
    }

    /** Whether {@code code} lies within {@code ancestor}'s coverage: the unit itself, below it, or merged into it. */
    public boolean isWithin(String code, String ancestor) {
        return code != null && ancestor != null && coverage(ancestor).contains(code);
    }

    /** The unit that carries {@code code}'s records today: itself while valid, else its successor, transitively. */
    public Optional<AdministrativeUnit> currentFor(String code, LocalDate today) {
        Optional<AdministrativeUnit> u = find(code);
        int guard = 0;
        while (u.isPresent() && !u.get().validOn(today) && u.get().successorCode() != null && guard++ < 32) {
            u = find(u.get().successorCode());
        }
        return u;
    }

    /**
     * The unit directly above {@code code} that has a steering committee to escalate to, as it stands today: the
     * parent's current successor (a ward of the abolished district escalates to the province).
     */
    public Optional<AdministrativeUnit> escalationTarget(String code, LocalDate today) {
        Optional<AdministrativeUnit> current = currentFor(code, today);
        if (current.isEmpty() || current.get().parentCode() == null) {
            return Optional.empty();
        }
        return currentFor(current.get().parentCode(), today);
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    static final class UnitsFile {
        public List<UnitRow> units = List.of();
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    static final class UnitRow {
        public String code;
        public String name;
        public String level;
        public String parent;
        public LocalDate validFrom;
        public LocalDate validTo;
        public String successor;
    }
}
