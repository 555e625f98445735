package vn.qcdc.api.units;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import vn.qcdc.api.text.VietnameseText;
import vn.qcdc.units.AdministrativeUnit;
import vn.qcdc.units.AdministrativeUnits;

/**
 * Searching and paging the unit versions for {@code GET /api/v1/units}: one scan, in code order, from the cursor
 * position, over a folded copy of the names (built once; versions of a code that kept its name share it), so a
 * search without diacritics over all 14,000 versions costs well under a millisecond and needs no index.
 */
@Singleton
public class UnitDirectory {

    /** What a listing asks for; every part optional. */
    public record Filter(String folded, AdministrativeUnit.Level level, AdministrativeUnit.Type type, String parent,
            LocalDate date) {
    }

    private final AdministrativeUnits units;
    private final List<AdministrativeUnit> all;
    private final String[] folded;

    @Inject
    public UnitDirectory(AdministrativeUnits units) {
        this.units = units;
        this.all = units.all();
        this.folded = new String[all.size()];
        Map<String, String> shared = new HashMap<>();
        for (int i = 0; i < folded.length; i++) {
            folded[i] = shared.computeIfAbsent(VietnameseText.fold(all.get(i).name()), k -> k);
        }
    }

    /**
     * Up to {@code limit + 1} matching versions after ({@code afterCode}, {@code afterFrom}) exclusive, or from the
     * start when {@code afterCode} is null; the extra one tells the caller that another page follows.
     */
    public List<AdministrativeUnit> page(Filter f, String afterCode, LocalDate afterFrom, int limit) {
        int i = afterCode == null ? 0 : units.indexAfter(afterCode, afterFrom, false);
        List<AdministrativeUnit> out = new ArrayList<>(limit + 1);
        for (; i < folded.length && out.size() <= limit; i++) {
            AdministrativeUnit u = all.get(i);
            if (matches(f, u, i)) {
                out.add(u);
            }
        }
        return out;
    }

    private boolean matches(Filter f, AdministrativeUnit u, int i) {
        return (f.level() == null || u.level() == f.level()) && (f.type() == null || u.type() == f.type())
                && (f.parent() == null || f.parent().equals(u.parentCode()))
                && (f.date() == null || u.validOn(f.date()))
                && (f.folded() == null || folded[i].contains(f.folded()) || u.code().startsWith(f.folded()));
    }
}
