package vn.qcdc.inspection.delegation;

import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import vn.qcdc.api.AnyOf;
import vn.qcdc.api.ETags;
import vn.qcdc.api.RowLocks;
import vn.qcdc.api.access.Access;
import vn.qcdc.api.access.Target;
import vn.qcdc.api.paging.Cursor;
import vn.qcdc.api.paging.Page;
import vn.qcdc.api.problem.ProblemException;
import vn.qcdc.api.text.VietnameseText;
import vn.qcdc.api.units.UnitRules;
import vn.qcdc.inspection.access.InspectionOperations;
import vn.qcdc.inspection.delegation.DelegationDto.DelegationInput;
import vn.qcdc.inspection.delegation.DelegationDto.DelegationView;
import vn.qcdc.inspection.search.SearchKeyBackfill;
import vn.qcdc.units.AdministrativeUnits;

/** Business rules of delegations: who may form and change them, and what a valid delegation is. */
@ApplicationScoped
public class DelegationService {

    static final String WHAT = "delegation";

    @Inject
    Access access;

    @Inject
    AdministrativeUnits units;

    @Inject
    SearchKeyBackfill searchKeys;

    @Inject
    UnitRules unitRules;

    @Inject
    Clock clock;

    @Transactional
    public Delegation create(DelegationInput in) {
        access.require(InspectionOperations.CREATE_DELEGATION, Target.unit(in.committeeUnitCode()));
        Delegation d = new Delegation();
        d.id = UUID.randomUUID();
        d.createdAt = OffsetDateTime.now(clock);
        d.createdBy = access.actor();
        apply(d, in);
        d.persist();
        return d;
    }

    @Transactional
    public Delegation update(UUID id, String ifMatch, DelegationInput in) {
        Delegation d = find(id, InspectionOperations.UPDATE_DELEGATION);
        ETags.requireMatch(ifMatch, RowLocks.forUpdate(d).version);
        // Moving it to another committee needs the same right there.
        access.require(InspectionOperations.UPDATE_DELEGATION, Target.unit(in.committeeUnitCode()));
        apply(d, in);
        // The delegation's name and members are part of its inspections' search keys.
        searchKeys.delegationChanged(d);
        return d;
    }

    @Transactional
    public Delegation find(UUID id) {
        return find(id, InspectionOperations.READ_DELEGATION);
    }

    /** The delegation if the caller may perform {@code op} on it: 404 if it does not see it, 403 if it only sees it. */
    public Delegation find(UUID id, InspectionOperations op) {
        access.requireRole(op);
        Delegation d = Delegation.findById(id);
        if (d == null) {
            throw ProblemException.notFound(WHAT, id);
        }
        access.require(op, Target.unit(d.committeeUnitCode), WHAT, id);
        return d;
    }

    /** Delegations within {@code unitCode} (default: the caller's unit), newest year first, keyset-paginated. */
    @Transactional
    public Page<DelegationView> list(String unitCode, Integer year, String q, String cursor, Integer limit) {
        int size = Cursor.limit(limit);
        Access.Scope scope = access.scope(InspectionOperations.LIST_DELEGATIONS, unitCode);
        StringBuilder where = new StringBuilder("1 = 1");
        Map<String, Object> params = new HashMap<>();
        if (!scope.everywhere()) {
            where.append(" and ").append(AnyOf.condition("committeeUnitCode", "units"));
            params.put("units", AnyOf.texts(scope.units()));
        }
        if (year != null) {
            where.append(" and year = :year");
            params.put("year", year);
        }
        if (q != null && !q.isBlank()) {
            where.append(" and nameKey like :q");
            params.put("q", "%" + VietnameseText.fold(q) + "%");
        }
        if (cursor != null) {
            List<String> c = Cursor.decode(cursor, 2);
            try {
                params.put("cy", Integer.parseInt(c.get(0)));
                params.put("cid", UUID.fromString(c.get(1)));
            } catch (IllegalArgumentException e) {
                throw ProblemException.invalidField("cursor", "invalid-cursor");
            }
            where.append(" and (year < :cy or (year = :cy and id > :cid))");
        }
        List<Delegation> rows = Delegation.<Delegation>find(where + " order by year desc, id", params).page(0,
                size + 1).list();
        List<DelegationView> items = new ArrayList<>();
        for (int i = 0; i < Math.min(size, rows.size()); i++) {
            items.add(view(rows.get(i)));
        }
        String next = rows.size() > size
                ? Cursor.encode(List.of(String.valueOf(rows.get(size - 1).year), rows.get(size - 1).id.toString()))
                : null;
        return new Page<>(items, next, size);
    }

    public DelegationView view(Delegation d) {
        return new DelegationView(d.id, d.name, d.committeeName, Delegation.CommitteeLevel.valueOf(d.committeeLevel),
                d.committeeUnitCode, units.find(d.committeeUnitCode).map(u -> u.name()).orElse(null), d.year,
                d.topicSet(), d.members, d.version, d.createdAt, d.createdBy, d.updatedAt, d.updatedBy);
    }

    /**
     * Creates or updates the delegation an import file's row describes, by its external id (a re-import updates it):
     * the same rules as {@link #create} and {@link #update}, whose checks the import has already run on the row
     * ({@link #check}, the caller's right on the committee's unit). Joins the import's transaction.
     */
    public Delegation importDelegation(UUID id, String externalId, DelegationInput in) {
        Delegation d = Delegation.findById(id);
        boolean created = d == null;
        if (created) {
            d = new Delegation();
            d.id = id;
            d.createdAt = OffsetDateTime.now(clock);
            d.createdBy = access.actor();
        }
        d.externalId = externalId;
        apply(d, in);
        if (created) {
            d.persist();
        } else {
            searchKeys.delegationChanged(d);
        }
        return d;
    }

    /**
     * The rules a delegation must meet beyond its input's constraints (the committee's unit in force during its year,
     * one head); a {@link ProblemException} naming the field if it does not. The import checks each row with it.
     */
    public void check(DelegationInput in) {
        // A delegation is dated by its year: its committee's unit must be in force during that year (the suite's one
        // validity rule). Checked on the year's last day, or on its first for a unit that ended during the year
        // (Bắc Kạn, 06, merged on 1 July 2025: a 2025 delegation is valid, a 2026 one is not).
        LocalDate last = LocalDate.of(in.year(), 12, 31);
        LocalDate on = units.check(in.committeeUnitCode(), last) == AdministrativeUnits.Validity.VALID
                ? last
                : LocalDate.of(in.year(), 1, 1);
        unitRules.requireValidOn("committeeUnitCode", in.committeeUnitCode(), "year", on);
        long heads = in.members().stream().filter(m -> m.role() == Delegation.MemberRole.HEAD).count();
        if (heads != 1) {
            throw ProblemException.invalidField("members", "delegation-one-head");
        }
    }

    private void apply(Delegation d, DelegationInput in) {
        check(in);
        d.name = VietnameseText.nfc(in.name());
        d.nameKey = VietnameseText.fold(in.name());
        d.committeeName = VietnameseText.nfc(in.committeeName());
        d.committeeLevel = in.committeeLevel().name();
        d.committeeUnitCode = in.committeeUnitCode();
        d.year = in.year();
        Set<Delegation.Topic> topics = EnumSet.copyOf(in.topics());
        d.topics = topics.stream().map(Enum::name).toArray(String[]::new);
        d.members = in.members().stream().map(m -> new Delegation.Member(VietnameseText.nfc(m.name()),
                VietnameseText.nfc(m.title()), m.role())).toList();
        d.updatedAt = OffsetDateTime.now(clock);
        d.updatedBy = access.actor();
    }
}
