package vn.qcdc.inspection.search;

import java.util.StringJoiner;

import vn.qcdc.api.text.VietnameseText;
import vn.qcdc.events.inspection.InspectionEvents.Addressee;
import vn.qcdc.inspection.delegation.Delegation;
import vn.qcdc.inspection.inspection.Inspection;
import vn.qcdc.inspection.recommendation.Recommendation;

/**
 * What the {@code q} parameter of the lists searches (folded: no diacritics, tone marks or case). An inspection: its
 * ward (name and code), its delegation's name, head and members. A recommendation: its content, ward, the names of
 * the bodies it is addressed to and the conclusion's signer. {@link #VERSION} is raised whenever this changes, and
 * rows written under an older version are rewritten at start ({@link SearchKeyBackfill}).
 */
public final class SearchKeys {

    /** 1: ward only (inspections), content and ward (recommendations); 2: delegation, members, addressees, signer. */
    public static final short VERSION = 2;

    private SearchKeys() {
    }

    public static String inspection(Inspection i, Delegation d) {
        StringJoiner s = new StringJoiner(" ");
        s.add(i.unitName).add(i.unitCode);
        if (d != null) {
            s.add(d.name);
            if (d.members != null) {
                d.members.forEach(m -> s.add(m.name()));
            }
        }
        return VietnameseText.fold(s.toString());
    }

    public static String recommendation(Recommendation r, String signer) {
        StringJoiner s = new StringJoiner(" ");
        s.add(r.content).add(r.unitName);
        if (r.addressees != null) {
            for (Addressee a : r.addressees) {
                s.add(a.name());
            }
        }
        if (signer != null) {
            s.add(signer);
        }
        return VietnameseText.fold(s.toString());
    }
}
