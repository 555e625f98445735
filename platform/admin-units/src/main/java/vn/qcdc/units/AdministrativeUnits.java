package vn.qcdc.units;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * Vietnam's official administrative units before and after the 1 July 2025 reform (see this module's README for
 * sources), immutable once loaded. A code has one or more {@link AdministrativeUnit versions}; the
 * {@link Successor successor rows} link each unit that ended to the unit or units it went into.
 *
 * <p>
 * Answers the questions every service asks, all in one place:
 * <ul>
 * <li>{@link #check}: may a record dated D be made at unit U? (the one validity rule: U needs a version valid on D);
 * <li>{@link #isWithin} / {@link #coverage}: is unit X within unit U (authorisation, lists, statistics)? U covers the
 * units below it in each of its versions and the units its new version was formed from, whole or in part (so a
 * new province's committee covers the old communes that went into it, including a commune divided among
 * provinces);
 * <li>{@link #currentFor}: which unit carries a code's records today.
 * </ul>
 *
 * <p>
 * Held by every service, so kept lean: versions in one sorted array, indexes of arrays, strings shared.
 */
public final class AdministrativeUnits {

    private static final String UNITS = "/vn/qcdc/units/units.csv";
    private static final String SUCCESSORS = "/vn/qcdc/units/successors.csv";
    /** Every successor row of the official data takes effect on the day of the two-tier reform. */
    public static final LocalDate REFORM_DAY = LocalDate.of(2025, 7, 1);

    private static final AdministrativeUnit[] NO_UNITS = {};
    private static final Successor[] NO_SUCCESSORS = {};

    /** Every version, sorted by code then start (a missing start first). */
    private final AdministrativeUnit[] sorted;
    private final Map<String, AdministrativeUnit[]> byCode;
    private final Map<String, AdministrativeUnit[]> childrenOf;
    private final Map<String, Successor[]> successorsOf;
    private final Map<String, Successor[]> predecessorsOf;

    private AdministrativeUnits(List<AdministrativeUnit> units, List<Successor> successors) {
        List<AdministrativeUnit> all = new ArrayList<>(units);
        all.sort(ORDER);
        this.sorted = all.toArray(NO_UNITS);
        Map<String, List<AdministrativeUnit>> codes = new HashMap<>();
        Map<String, List<AdministrativeUnit>> children = new HashMap<>();
        for (AdministrativeUnit u : sorted) {
            List<AdministrativeUnit> versions = codes.computeIfAbsent(u.code(), k -> new ArrayList<>(2));
            if (!versions.isEmpty() && versions.get(versions.size() - 1).overlaps(u)) {
                throw new IllegalArgumentException("Unit " + u.code() + " has overlapping versions");
            }
            versions.add(u);
            if (u.parentCode() != null) {
                children.computeIfAbsent(u.parentCode(), k -> new ArrayList<>()).add(u);
            }
        }
        this.byCode = arrays(codes, NO_UNITS);
        this.childrenOf = arrays(children, NO_UNITS);
        for (AdministrativeUnit u : sorted) {
            if (u.parentCode() != null && parentVersion(u).isEmpty()) {
                throw new IllegalArgumentException("Unit " + u.code() + " refers to parent " + u.parentCode()
                        + ", which has no version in force with it");
            }
        }
        Map<String, List<Successor>> next = new HashMap<>();
        Map<String, List<Successor>> previous = new HashMap<>();
        for (Successor s : successors) {
            AdministrativeUnit before = versionOn(s.oldCode(), s.effective().minusDays(1)).orElse(null);
            AdministrativeUnit after = versionOn(s.newCode(), s.effective()).orElse(null);
            if (before == null || after == null || before.validTo() == null) {
                throw new IllegalArgumentException("Successor row " + s.oldCode() + " -> " + s.newCode()
                        + " does not link a unit that ended to one in force on " + s.effective());
            }
            next.computeIfAbsent(s.oldCode(), k -> new ArrayList<>(1)).add(s);
            previous.computeIfAbsent(s.newCode(), k -> new ArrayList<>(4)).add(s);
        }
        this.successorsOf = arrays(next, NO_SUCCESSORS);
        this.predecessorsOf = arrays(previous, NO_SUCCESSORS);
        for (AdministrativeUnit u : sorted) {
            if (u.validTo() != null && successors(u).length == 0) {
                throw new IllegalArgumentException("Unit " + u.code() + " ends on " + u.validTo()
                        + " without a successor");
            }
        }
    }

    private static final Comparator<AdministrativeUnit> ORDER = Comparator.comparing(AdministrativeUnit::code)
            .thenComparing(AdministrativeUnit::validFrom, Comparator.nullsFirst(Comparator.naturalOrder()));

    private static <T> Map<String, T[]> arrays(Map<String, List<T>> lists, T[] empty) {
        Map<String, T[]> out = new HashMap<>(lists.size() * 4 / 3 + 1);
        lists.forEach((k, v) -> out.put(k, v.toArray(empty)));
        return Collections.unmodifiableMap(out);
    }

    /** The official reference data shipped with the suite, read once. */
    public static AdministrativeUnits builtIn() {
        return BuiltIn.UNITS;
    }

    /** A fresh copy of the built-in data, not the shared one (to measure its footprint). */
    public static AdministrativeUnits readBuiltIn() {
        return load();
    }

    private static final class BuiltIn {
        static final AdministrativeUnits UNITS = load();
    }

    public static AdministrativeUnits of(List<AdministrativeUnit> units, List<Successor> successors) {
        return new AdministrativeUnits(units, successors);
    }

    private static AdministrativeUnits load() {
        Map<String, String> shared = new HashMap<>();
        Map<String, LocalDate> dates = new HashMap<>();
        List<AdministrativeUnit> units = new ArrayList<>(15_000);
        for (String[] r : csv(UNITS, 7)) {
            AdministrativeUnit.Level level = AdministrativeUnit.Level.valueOf(r[2]);
            // Codes, names, parents and legal bases repeat (two versions of a code, successor rows): one copy each.
            units.add(new AdministrativeUnit(share(shared, r[0]), share(shared, r[1]), level,
                    AdministrativeUnit.Type.of(r[3], level),
                    r[4].isEmpty() ? null : share(shared, r[4]), date(dates, r[5]), date(dates, r[6])));
        }
        List<Successor> successors = new ArrayList<>(12_000);
        for (String[] r : csv(SUCCESSORS, 4)) {
            successors.add(new Successor(share(shared, r[0]), share(shared, r[1]), "whole".equals(r[2]),
                    share(shared, r[3]), REFORM_DAY));
        }
        return new AdministrativeUnits(units, successors);
    }

    private static String share(Map<String, String> shared, String s) {
        return shared.computeIfAbsent(s, k -> k);
    }

    private static LocalDate date(Map<String, LocalDate> dates, String s) {
        return s.isEmpty() ? null : dates.computeIfAbsent(s, LocalDate::parse);
    }

    /** The rows of a built-in CSV file (RFC 4180 quoting; the files are generated, see the module README). */
    private static List<String[]> csv(String resource, int columns) {
        try (InputStream in = AdministrativeUnits.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("Missing resource " + resource);
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            List<String[]> rows = new ArrayList<>(15_000);
            reader.readLine();
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                String[] row = splitCsv(line);
                if (row.length != columns) {
                    throw new IllegalStateException(resource + ": expected " + columns + " columns in " + line);
                }
                rows.add(row);
            }
            return rows;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String[] splitCsv(String line) {
        List<String> out = new ArrayList<>(8);
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    cell.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    cell.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                out.add(cell.toString());
                cell.setLength(0);
            } else {
                cell.append(c);
            }
        }
        out.add(cell.toString());
        return out.toArray(String[]::new);
    }

    // ---- versions ----

    /** Every version, sorted by code then start: the order of {@code GET /api/v1/units}. */
    public List<AdministrativeUnit> all() {
        return List.of(sorted);
    }

    /** The number of versions. */
    public int size() {
        return sorted.length;
    }

    /** The index in {@link #all()} of the first version at or after ({@code code}, {@code validFrom}). */
    public int indexAfter(String code, LocalDate validFrom, boolean inclusive) {
        AdministrativeUnit key = new AdministrativeUnit(code, "", AdministrativeUnit.Level.PROVINCE, null, null,
                validFrom, null);
        int lo = 0;
        int hi = sorted.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            int cmp = ORDER.compare(sorted[mid], key);
            if (cmp < 0 || (!inclusive && cmp == 0)) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    public boolean exists(String code) {
        return code != null && byCode.containsKey(code);
    }

    /** Every version of {@code code}, oldest first; empty for an unknown code. */
    public List<AdministrativeUnit> versions(String code) {
        return code == null ? List.of() : List.of(byCode.getOrDefault(code, NO_UNITS));
    }

    /** The latest version of {@code code}: the one in force, or the last one for a code that has ended. */
    public Optional<AdministrativeUnit> find(String code) {
        AdministrativeUnit[] v = code == null ? null : byCode.get(code);
        return v == null ? Optional.empty() : Optional.of(v[v.length - 1]);
    }

    /** The version of {@code code} in force on {@code day}. */
    public Optional<AdministrativeUnit> versionOn(String code, LocalDate day) {
        if (code == null || day == null) {
            return Optional.empty();
        }
        for (AdministrativeUnit u : byCode.getOrDefault(code, NO_UNITS)) {
            if (u.validOn(day)) {
                return Optional.of(u);
            }
        }
        return Optional.empty();
    }

    /** The answer of {@link #check}. */
    public enum Validity {
        /** The code has a version in force on the date. */
        VALID,
        /** No unit ever had this code. */
        UNKNOWN,
        /** The code exists, but named no unit on that date (before it was formed, or after it ended). */
        NOT_VALID_ON
    }

    /**
     * The validity rule of the suite: a record dated {@code day} at unit {@code code} needs a version of that unit in
     * force on {@code day}. Every service checks every dated record with this method.
     */
    public Validity check(String code, LocalDate day) {
        if (!exists(code)) {
            return Validity.UNKNOWN;
        }
        return versionOn(code, day).isPresent() ? Validity.VALID : Validity.NOT_VALID_ON;
    }

    /** The versions directly below {@code code}, in any of its versions (districts before 2025, communes …). */
    public List<AdministrativeUnit> children(String code) {
        return code == null ? List.of() : List.of(childrenOf.getOrDefault(code, NO_UNITS));
    }

    /** The versions directly below {@code code} that are in force on {@code day}. */
    public List<AdministrativeUnit> children(String code, LocalDate day) {
        return children(code).stream().filter(u -> u.validOn(day)).toList();
    }

    /**
     * The units directly below {@code code} as it stands on {@code day}: the children in force then or, for a unit
     * that has ended (Bắc Kạn, 06), those of its last day. A breakdown by child (statistics) uses these, so that a
     * record is counted under one child only: a commune's old records roll up into the new commune formed from it.
     */
    public List<AdministrativeUnit> currentChildren(String code, LocalDate day) {
        AdministrativeUnit[] versions = code == null ? null : byCode.get(code);
        if (versions == null) {
            return List.of();
        }
        LocalDate on = day;
        AdministrativeUnit last = versions[versions.length - 1];
        if (versionOn(code, day).isEmpty()) {
            on = last.validTo() != null && last.validTo().isBefore(day) ? last.validTo() : last.validFrom();
        }
        return on == null ? List.of() : children(code, on);
    }

    /** The version of {@code u}'s parent that was in force with it. */
    public Optional<AdministrativeUnit> parentVersion(AdministrativeUnit u) {
        if (u.parentCode() == null) {
            return Optional.empty();
        }
        for (AdministrativeUnit p : byCode.getOrDefault(u.parentCode(), NO_UNITS)) {
            if (p.overlaps(u)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    // ---- successors ----

    /** The units {@code code} went into when its version ending before {@code effective} ended. */
    public List<Successor> successors(String code) {
        return code == null ? List.of() : List.of(successorsOf.getOrDefault(code, NO_SUCCESSORS));
    }

    /** The units that went, wholly or in part, into {@code code} (its version formed by the reorganisation). */
    public List<Successor> predecessors(String code) {
        return code == null ? List.of() : List.of(predecessorsOf.getOrDefault(code, NO_SUCCESSORS));
    }

    private Successor[] successors(AdministrativeUnit version) {
        if (version.validTo() == null) {
            return NO_SUCCESSORS;
        }
        LocalDate next = version.validTo().plusDays(1);
        return filter(successorsOf.getOrDefault(version.code(), NO_SUCCESSORS), s -> s.effective().equals(next));
    }

    private Successor[] predecessors(AdministrativeUnit version) {
        if (version.validFrom() == null) {
            return NO_SUCCESSORS;
        }
        return filter(predecessorsOf.getOrDefault(version.code(), NO_SUCCESSORS),
                s -> s.effective().equals(version.validFrom()));
    }

    private static Successor[] filter(Successor[] rows, Predicate<Successor> keep) {
        int n = 0;
        for (Successor s : rows) {
            if (keep.test(s)) {
                n++;
            }
        }
        if (n == rows.length) {
            return rows;
        }
        Successor[] out = new Successor[n];
        int i = 0;
        for (Successor s : rows) {
            if (keep.test(s)) {
                out[i++] = s;
            }
        }
        return out;
    }

    // ---- coverage ----

    /**
     * Every code a query for {@code code} covers: the unit in each of its versions, every unit below such a version
     * (in force with it), and every unit its versions were formed from, whole or in part, with all of theirs. A
     * statistic for today's Thái Nguyên (19) thus counts 2020 records of Bắc Kạn's wards, and today's Phường Bắc
     * Kạn (01843) those of Xuất Hóa (01855).
     *
     * <p>
     * The answer is a set of codes (what records store). Where a divided unit's code was kept by one of the units
     * it went into, the code also stands for that unit after the reform; {@link #isWithin(String, LocalDate, String)}
     * tells the two apart by date.
     */
    public Set<String> coverage(String code) {
        Set<String> known = coverages.get(code);
        if (known != null) {
            return known;
        }
        Set<String> codes = new LinkedHashSet<>();
        for (AdministrativeUnit u : coveredVersions(code)) {
            codes.add(u.code());
        }
        Set<String> answer = Collections.unmodifiableSet(codes);
        // Remembered (every list and statistic of a province asks for the same few hundred codes) while the
        // remembered codes stay under COVERAGE_MEMO in all (~1 MB); past that, computed each time.
        if (codes.size() > 1 && coverageCodes.get() < COVERAGE_MEMO && coverages.putIfAbsent(code, answer) == null) {
            coverageCodes.addAndGet(codes.size());
        }
        return answer;
    }

    /** How many codes the remembered coverages may hold in all. */
    static final int COVERAGE_MEMO = 20_000;
    private final Map<String, Set<String>> coverages = new ConcurrentHashMap<>();
    private final AtomicInteger coverageCodes = new AtomicInteger();

    /** Every version {@code code}'s coverage holds (package-private for tests). */
    Set<AdministrativeUnit> coveredVersions(String code) {
        Set<AdministrativeUnit> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        Deque<AdministrativeUnit> todo = new ArrayDeque<>(List.of(byCode.getOrDefault(code, NO_UNITS)));
        while (!todo.isEmpty()) {
            AdministrativeUnit u = todo.poll();
            if (!seen.add(u)) {
                continue;
            }
            for (AdministrativeUnit child : childrenOf.getOrDefault(u.code(), NO_UNITS)) {
                if (child.overlaps(u)) {
                    todo.add(child);
                }
            }
            for (Successor p : predecessors(u)) {
                versionOn(p.oldCode(), p.effective().minusDays(1)).ifPresent(todo::add);
            }
        }
        return seen;
    }

    /**
     * Whether {@code code} lies within {@code ancestor}'s {@link #coverage} (at any time). Answered by walking up from
     * {@code code} (a few steps) rather than down from {@code ancestor} (a whole province on every authorisation
     * check).
     */
    public boolean isWithin(String code, String ancestor) {
        if (code == null || ancestor == null) {
            return false;
        }
        for (AdministrativeUnit v : byCode.getOrDefault(code, NO_UNITS)) {
            if (reaches(v, ancestor)) {
                return true;
            }
        }
        return false;
    }

    /** Whether the version of {@code code} in force on {@code day} lies within {@code ancestor}'s coverage. */
    public boolean isWithin(String code, LocalDate day, String ancestor) {
        Optional<AdministrativeUnit> version = versionOn(code, day);
        return version.isPresent() && ancestor != null && reaches(version.get(), ancestor);
    }

    /**
     * Whether a version of {@code ancestor} covers {@code version}: the inverse of {@link #coveredVersions}'s steps,
     * taken upwards. A version's covering versions are those of its parent that overlap it, and the versions it went
     * into on the day it ended (the new unit's predecessors are what {@code coveredVersions} follows down).
     */
    private boolean reaches(AdministrativeUnit version, String ancestor) {
        return walkUp(version, u -> u.code().equals(ancestor));
    }

    /** Every version that covers {@code version}, itself included (tests: the inverse of coveredVersions). */
    Set<AdministrativeUnit> coveringVersions(AdministrativeUnit version) {
        Set<AdministrativeUnit> out = Collections.newSetFromMap(new IdentityHashMap<>());
        walkUp(version, u -> {
            out.add(u);
            return false;
        });
        return out;
    }

    /** Visits {@code version} and the versions above it until {@code found} says yes; whether it did. */
    private boolean walkUp(AdministrativeUnit version, Predicate<AdministrativeUnit> found) {
        List<AdministrativeUnit> seen = new ArrayList<>(8);
        Deque<AdministrativeUnit> todo = new ArrayDeque<>(8);
        todo.add(version);
        while (!todo.isEmpty()) {
            AdministrativeUnit u = todo.poll();
            if (containsSame(seen, u)) {
                continue;
            }
            if (found.test(u)) {
                return true;
            }
            seen.add(u);
            if (u.parentCode() != null) {
                for (AdministrativeUnit p : byCode.getOrDefault(u.parentCode(), NO_UNITS)) {
                    if (u.overlaps(p)) {
                        todo.add(p);
                    }
                }
            }
            for (Successor s : successors(u)) {
                versionOn(s.newCode(), s.effective()).filter(next -> s.effective().equals(next.validFrom()))
                        .ifPresent(todo::add);
            }
        }
        return false;
    }

    private static boolean containsSame(List<AdministrativeUnit> units, AdministrativeUnit u) {
        for (AdministrativeUnit x : units) {
            if (x == u) {
                return true;
            }
        }
        return false;
    }

    // ---- today ----

    /**
     * The unit that carries {@code code}'s records on {@code today}: its version in force, else the unit it went
     * into, transitively. A unit divided among several is carried by the one that kept its code, else by the first
     * that took it whole, else by the first listed.
     */
    public Optional<AdministrativeUnit> currentFor(String code, LocalDate today) {
        Optional<AdministrativeUnit> now = versionOn(code, today);
        if (now.isPresent()) {
            return now;
        }
        AdministrativeUnit last = null;
        for (AdministrativeUnit v : byCode.getOrDefault(code, NO_UNITS)) {
            if (v.validTo() != null && v.validTo().isBefore(today)) {
                last = v;
            }
        }
        for (int guard = 0; last != null && guard < 32; guard++) {
            Successor[] next = successors(last);
            if (next.length == 0) {
                return Optional.empty();
            }
            Successor pick = carrier(next, last.code());
            now = versionOn(pick.newCode(), today);
            if (now.isPresent()) {
                return now;
            }
            last = versionOn(pick.newCode(), pick.effective()).orElse(null);
        }
        return Optional.empty();
    }

    private static Successor carrier(Successor[] next, String code) {
        for (Successor s : next) {
            if (s.newCode().equals(code)) {
                return s;
            }
        }
        for (Successor s : next) {
            if (s.whole()) {
                return s;
            }
        }
        return next[0];
    }

    /**
     * The unit directly above {@code code} that has a steering committee to escalate to, as it stands today: the
     * parent of the unit that carries the code's records today (a ward of an abolished district escalates to its
     * province).
     */
    public Optional<AdministrativeUnit> escalationTarget(String code, LocalDate today) {
        Optional<AdministrativeUnit> current = currentFor(code, today);
        if (current.isEmpty() || current.get().parentCode() == null) {
            return Optional.empty();
        }
        return currentFor(current.get().parentCode(), today);
    }
}
